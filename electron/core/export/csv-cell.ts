// CSV cells per RFC 4180 (quoted when they hold a comma, quote, CR or LF; quotes doubled; CRLF row ends), with text
// cells neutralised against spreadsheet formula injection: a text cell starting with = + - @ TAB or CR gets a
// leading apostrophe. Numeric cells are written by us from float64 values (digits, ".", "-", "NaN", "+Inf", "-Inf")
// and stay numbers: "-5" is a negative number, not a formula, and must sort and sum as one.
import { formatFloatF } from '@core/promql/engine/format-float';

const FORMULA_START = /^[=+\-@\t\r]/;

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A text cell (label values, names, headers, node names): neutralised, then quoted as needed. */
export function textCell(s: string): string {
  return quote(FORMULA_START.test(s) ? `'${s}` : s);
}

/** A numeric cell, from a float64 (never neutralised; never needs quoting). */
export function numberCell(v: number): string {
  return formatFloatF(v);
}

export function csvRow(cells: readonly string[]): string {
  return cells.join(',') + '\r\n';
}

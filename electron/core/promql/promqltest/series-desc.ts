// The series notation of promqltest `load` blocks and expected results: `metric{a="b"} 1+2x3 _ stale _x2 -2+4x5`.
// Expands value shorthands into a flat sequence; native-histogram values (`{{…}}`) are decoded by histogram-desc.ts.
import type { Labels } from '../../series/types';
import type { FloatHistogram } from '../../series/histogram';
import { parseNumber, SeriesDescError } from './series-number';
import { parseHistogramItem } from './histogram-desc';

export { parseNumber, SeriesDescError };

export interface SequenceValue {
  omitted: boolean;
  value: number;
  stale: boolean;
  histogram: boolean;
  /** The native histogram sample, when `histogram` is set. */
  h?: FloatHistogram;
  /** Its counter_reset_hint was written explicitly (results must then match it). */
  hintSet?: boolean;
}

export interface SeriesDesc {
  labels: Labels;
  values: SequenceValue[];
}

const IDENT = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/** Read a quoted string (", ' or `) with Go escapes at s[i]; returns [value, nextIndex]. */
export function readQuoted(s: string, i: number): [string, number] {
  const q = s[i];
  let out = '';
  let j = i + 1;
  if (q === '`') {
    const end = s.indexOf('`', j);
    if (end < 0) throw new SeriesDescError('unterminated raw string');
    return [s.slice(j, end), end + 1];
  }
  while (j < s.length && s[j] !== q) {
    if (s[j] !== '\\') {
      out += s[j++];
      continue;
    }
    const c = s[j + 1];
    j += 2;
    switch (c) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
      case '"':
      case "'":
        out += c;
        break;
      case 'x':
        out += String.fromCharCode(parseInt(s.slice(j, j + 2), 16));
        j += 2;
        break;
      case 'u':
        out += String.fromCodePoint(parseInt(s.slice(j, j + 4), 16));
        j += 4;
        break;
      case 'U':
        out += String.fromCodePoint(parseInt(s.slice(j, j + 8), 16));
        j += 8;
        break;
      default:
        if (c >= '0' && c <= '7') {
          out += String.fromCharCode(parseInt(s.slice(j - 1, j + 2), 8));
          j += 2;
        } else throw new SeriesDescError(`unknown escape sequence \\${c}`);
    }
  }
  if (j >= s.length) throw new SeriesDescError('unterminated quoted string');
  return [out, j + 1];
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}

/** Parse `name{labels}` at the start of a line; returns the labels and where the values begin. */
export function parseMetric(s: string): [Labels, number] {
  const labels: Record<string, string> = {};
  let i = 0;
  const m = IDENT.exec(s);
  if (m) {
    labels.__name__ = m[0];
    i = m[0].length;
  }
  if (s[i] === '{') {
    i++;
    for (;;) {
      i = skipSpace(s, i);
      if (s[i] === '}') {
        i++;
        break;
      }
      let name: string;
      if (s[i] === '"' || s[i] === "'" || s[i] === '`') {
        [name, i] = readQuoted(s, i);
        i = skipSpace(s, i);
        if (s[i] === ',' || s[i] === '}') {
          labels.__name__ = name;
          if (s[i] === ',') i++;
          continue;
        }
      } else {
        const id = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(s.slice(i));
        if (!id) throw new SeriesDescError(`unexpected character in label matchers: ${JSON.stringify(s.slice(i, i + 10))}`);
        name = id[0];
        i += name.length;
      }
      i = skipSpace(s, i);
      if (s[i] !== '=') throw new SeriesDescError(`expected "=" after label name ${name}`);
      i = skipSpace(s, i + 1);
      let value: string;
      [value, i] = readQuoted(s, i);
      if (value !== '') labels[name] = value;
      i = skipSpace(s, i);
      if (s[i] === ',') i++;
    }
  } else if (!m) {
    throw new SeriesDescError(`invalid series description ${JSON.stringify(s)}`);
  }
  return [labels, i];
}

// Decimal before hex: in `0+0x100` the `x` is the repetition, not a hex prefix.
const DEC = '(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)';
const UNUM = `(?:Inf|inf|NaN|nan|${DEC}|0[xX][0-9a-fA-F]+)`;
const ITEM = new RegExp(`^([+-]?${UNUM}|stale)(?:([+-])(Inf|inf|NaN|nan|${DEC}))?(?:x(\\d+))?$`);

function tokenizeValues(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    i = skipSpace(s, i);
    if (i >= s.length) break;
    let j = i;
    while (j < s.length && s[j] !== ' ' && s[j] !== '\t') {
      if (s.startsWith('{{', j)) {
        const end = s.indexOf('}}', j);
        if (end < 0) throw new SeriesDescError('unterminated histogram value');
        j = end + 2;
      } else j++;
    }
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

const omitted = (): SequenceValue => ({ omitted: true, value: 0, stale: false, histogram: false });
const val = (v: number, stale = false): SequenceValue => ({ omitted: false, value: v, stale, histogram: false });

export function parseSeriesDesc(line: string): SeriesDesc {
  const [labels, at] = parseMetric(line);
  const values: SequenceValue[] = [];
  for (const tok of tokenizeValues(line.slice(at))) {
    if (tok === '_') {
      values.push(omitted());
      continue;
    }
    const blank = /^_x(\d+)$/.exec(tok);
    if (blank) {
      for (let k = 0; k < Number(blank[1]); k++) values.push(omitted());
      continue;
    }
    if (tok.startsWith('{{')) {
      for (const p of parseHistogramItem(tok)) values.push({ omitted: false, value: NaN, stale: false, histogram: true, h: p.h, hintSet: p.hintSet });
      continue;
    }
    const m = ITEM.exec(tok);
    if (!m) throw new SeriesDescError(`invalid series value ${JSON.stringify(tok)}`);
    const stale = m[1] === 'stale';
    let base = stale ? NaN : parseNumber(m[1])!;
    if (m[4] === undefined) {
      if (m[2] !== undefined) throw new SeriesDescError(`invalid series value ${JSON.stringify(tok)}`);
      values.push(val(base, stale));
      continue;
    }
    const times = Number(m[4]);
    const inc = m[2] === undefined ? 0 : (m[2] === '-' ? -1 : 1) * parseNumber(m[3])!;
    // n+1 values, accumulating the increment the way Go's parser does ($1 += $2).
    for (let k = 0; k <= times; k++) {
      values.push(val(base, stale));
      base += inc;
    }
  }
  return { labels, values };
}

// ParseError: the one error type the parser throws, worded and positioned exactly like Prometheus's ParseErr
// ("1:5: parse error: unexpected <op:+>"). It never carries more than the first error, as Prometheus prints it.
import type { PositionRange } from './ast';

const utf8 = new TextEncoder();

/** Prometheus's "line:col": 1-based line, column counted in UTF-8 bytes from the last line break (1-based). */
export function positionString(query: string, pos: number): { line: number; column: number; text: string } {
  if (query === '') return { line: 0, column: 0, text: 'unknown position' };
  if (pos < 0 || pos > query.length) return { line: 0, column: 0, text: 'invalid position' };
  const before = query.slice(0, pos);
  const lastBreak = before.lastIndexOf('\n');
  let line = 1;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) line++;
  const column = utf8.encode(before.slice(lastBreak + 1)).length + 1;
  return { line, column, text: `${line}:${column}` };
}

export class ParseError extends Error {
  override readonly name = 'ParseError';
  /** Where the problem is, as UTF-16 offsets into `query`. */
  readonly positionRange: PositionRange;
  /** 1-based line and column (column in UTF-8 bytes, as Prometheus counts); 0 when the query is empty. */
  readonly line: number;
  readonly column: number;
  /** The bare message without position, e.g. `unexpected <op:+>`. */
  readonly detail: string;
  readonly query: string;
  /** Every error the parser collected, first one first; `message` reflects only the first, as Prometheus does. */
  readonly errors: readonly ParseError[];

  constructor(query: string, positionRange: PositionRange, detail: string, errors?: readonly ParseError[]) {
    const pos = positionString(query, positionRange.start);
    super(`${pos.text}: parse error: ${detail}`);
    this.query = query;
    this.positionRange = positionRange;
    this.line = pos.line;
    this.column = pos.column;
    this.detail = detail;
    this.errors = errors ?? [this];
  }
}

// Numbers and errors of the promqltest series notation (shared by the float and the histogram value parsers).

export class SeriesDescError extends Error {
  override readonly name = 'SeriesDescError';
}

/** Go's number syntax as the PromQL lexer accepts it (decimal, hex, legacy octal, Inf, NaN). */
export function parseNumber(s: string): number | null {
  const t = s.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[+-]?0[xX]/, ''), 16);
  if (/^[+-]?0[0-7]+$/.test(t)) return (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[+-]?0/, ''), 8);
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return Number(t);
  return null;
}


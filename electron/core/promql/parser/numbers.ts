// Number and duration literal parsing with Go's rules (strconv.ParseInt base 0 then ParseFloat; Prometheus's
// model.ParseDuration), throwing Errors worded as Go/Prometheus word them.

const DURATION_UNITS: Record<string, { pos: number; ms: number }> = {
  ms: { pos: 7, ms: 1 },
  s: { pos: 6, ms: 1000 },
  m: { pos: 5, ms: 60_000 },
  h: { pos: 4, ms: 3_600_000 },
  d: { pos: 3, ms: 86_400_000 },
  w: { pos: 2, ms: 604_800_000 },
  y: { pos: 1, ms: 31_536_000_000 },
};

/** model.ParseDuration: `1h30m`, `5m`, `0`; units in decreasing order, each at most once. Returns milliseconds. */
export function parseGoDuration(s: string): number {
  if (s === '0') return 0;
  if (s === '') throw new Error('empty duration string');
  const invalid = (): Error => new Error(`not a valid duration string: "${s}"`);
  let rest = s;
  let total = 0n;
  let lastPos = 0;
  while (rest !== '') {
    const num = /^[0-9]+/.exec(rest);
    if (!num) throw invalid();
    rest = rest.slice(num[0].length);
    const unitMatch = /^[^0-9]+/.exec(rest);
    if (!unitMatch) throw invalid();
    const u = unitMatch[0];
    rest = rest.slice(u.length);
    const unit = DURATION_UNITS[u];
    if (!unit) throw new Error(`unknown unit "${u}" in duration "${s}"`);
    if (unit.pos <= lastPos) throw invalid();
    lastPos = unit.pos;
    const v = BigInt(num[0]);
    const multNs = BigInt(unit.ms) * 1_000_000n;
    if (v > (1n << 63n) / multNs) throw new Error('duration out of range');
    total += v * multNs;
    if (total > (1n << 63n) - 1n) throw new Error('duration out of range');
  }
  return Number(total / 1_000_000n);
}

const INT64_MAX = (1n << 63n) - 1n;

function parseGoInt(s: string): bigint | null {
  let body = s;
  let neg = false;
  if (body[0] === '+' || body[0] === '-') {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(body)) [base, body, prefixed] = [16, body.slice(2), true];
  else if (/^0[oO]/.test(body)) [base, body, prefixed] = [8, body.slice(2), true];
  else if (/^0[bB]/.test(body)) [base, body, prefixed] = [2, body.slice(2), true];
  else if (/^0[0-9_]/.test(body)) [base, body, prefixed] = [8, body.slice(1), true];
  // Go allows underscores only with a base prefix, between digits (or right after the prefix).
  if (body.includes('_')) {
    if (!prefixed || /__|_$/.test(body) || (base === 10 && body.startsWith('_'))) return null;
    body = body.replaceAll('_', '');
  }
  if (body === '') return s.replace(/^[+-]/, '') === '0' ? 0n : null;
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 10 | 16];
  if (!digits.test(body)) return null;
  let v = 0n;
  const b = BigInt(base);
  for (const c of body) v = v * b + BigInt(parseInt(c, 16));
  if (neg) v = -v;
  if (v > INT64_MAX || v < -INT64_MAX - 1n) return null;
  return v;
}

/** The value of a NUMBER token as Prometheus reads it: integer syntaxes first (hex, octal, binary), then floats. */
export function parseGoNumber(s: string): number {
  const i = parseGoInt(s);
  if (i !== null) return Number(i);
  const lower = s.toLowerCase().replace(/^[+-]/, '');
  const sign = s.startsWith('-') ? -1 : 1;
  if (lower === 'inf' || lower === 'infinity') return sign * Infinity;
  if (lower === 'nan') return NaN;
  let body = s;
  if (body.includes('_')) {
    if (/(^|[^0-9a-fA-F])_|_($|[^0-9a-fA-F])/.test(body.replace(/^[+-]?0[xX]_/, ''))) {
      throw new Error(`strconv.ParseFloat: parsing "${s}": invalid syntax`);
    }
    body = body.replaceAll('_', '');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) {
    throw new Error(`strconv.ParseFloat: parsing "${s}": invalid syntax`);
  }
  const v = Number(body);
  if (!Number.isFinite(v)) throw new Error(`strconv.ParseFloat: parsing "${s}": value out of range`);
  return v;
}

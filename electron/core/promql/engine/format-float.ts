// Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest decimal that round-trips, never in exponent form, with
// "NaN", "+Inf", "-Inf". Used for API sample values, count_values labels, CSV and CLI text.
// JS's Number#toString already yields the shortest round-trip digits (ECMA-262 Number::toString picks the fewest
// digits, then the closest), as Go's shortest mode does; only its exponent form (|v| < 1e-6, ≥ 1e21) needs expanding.
export function formatFloatF(v: number): string {
  if (v !== v) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const neg = v < 0;
  const mant = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const dot = mant.indexOf('.');
  const digits = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  // Position of the decimal point relative to the start of `digits` (the mantissa has one integer digit).
  const point = 1 + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return neg ? '-' + out : out;
}

/**
 * A sample value in Prometheus's HTTP API JSON (util/jsonutil MarshalFloat, the same in 2.42 and 3.x): FormatFloat
 * with 'f' for 1e-6 ≤ |v| < 1e21, else 'e' — shortest digits either way, Go's exponent with at least two digits
 * ("1e-07", "1.7806607369548594e+23"). JS's Number#toString switches to exponent form at exactly those bounds, so
 * only the exponent's width differs.
 */
export function formatApiFloat(v: number): string {
  if (v !== v) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // JS writes "1e-7" / "1e+21"; Go pads the exponent to two digits.
  return s.length - e === 3 ? `${s.slice(0, e + 2)}0${s.slice(e + 2)}` : s;
}

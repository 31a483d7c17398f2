// Go's float text as Prometheus writes it: strconv.FormatFloat(v, 'f', -1, 64) (formatFloatF) and the HTTP API's
// MarshalFloat (formatApiFloat). Both start from JS's Number#toString, which yields the shortest round-trip digits
// (ECMA-262 Number::toString picks the fewest digits, then the closest) as Go's shortest mode does; only the exponent
// form differs. Hot path of every JSON/CSV answer: no regexes, decided on the number itself where possible.

/** The text both formats share for NaN, ±Inf and ±0, or undefined for any other number. */
function specialFloatText(v: number): string | undefined {
  if (v !== v) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return 1 / v < 0 ? '-0' : '0';
  return undefined;
}

/** JS writes exponent form exactly for |v| < 1e-6 and |v| ≥ 1e21 (the same bounds MarshalFloat uses for 'e'). */
function plainInJs(v: number): boolean {
  const a = v < 0 ? -v : v;
  return a >= 1e-6 && a < 1e21;
}

/** Go's 'f' with shortest digits: "NaN", "+Inf", "-Inf", and never an exponent. Sample values, CSV, labels. */
export function formatFloatF(v: number): string {
  if (plainInJs(v)) return String(v);
  const special = specialFloatText(v);
  if (special !== undefined) return special;
  return expandExponent(String(v), v < 0);
}

/** "1.5e-7" → "0.00000015", "1.5e+22" → "15000000000000000000000": moves the point, pads with zeros. */
function expandExponent(s: string, neg: boolean): string {
  const e = s.indexOf('e');
  const from = neg ? 1 : 0;
  const exp = Number(s.slice(e + 1));
  // The mantissa is "d" or "d.ddd": its digits without the point.
  const digits = s.charCodeAt(from + 1) === 46 /* . */ ? s[from] + s.slice(from + 2, e) : s.slice(from, e);
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
  if (plainInJs(v)) return String(v);
  const special = specialFloatText(v);
  if (special !== undefined) return special;
  const s = String(v);
  const e = s.indexOf('e');
  // JS writes "1e-7" / "1e+21"; Go pads the exponent to two digits.
  return s.length - e === 3 ? s.slice(0, e + 2) + '0' + s.slice(e + 2) : s;
}

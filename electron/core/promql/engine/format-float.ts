// Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest decimal that round-trips, never in exponent form, with
// "NaN", "+Inf", "-Inf". Used for API sample values and count_values labels.
export function formatFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const s = String(v);
  if (!s.includes('e')) return s;
  const neg = s.startsWith('-');
  const [mant, expStr] = s.replace('-', '').split('e');
  const exp = Number(expStr);
  const [ip, fp = ''] = mant.split('.');
  const digits = ip + fp;
  const point = ip.length + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return neg ? '-' + out : out;
}

// Go's number formatting as Prometheus templates print it: `%v` of a float64 (shortest digits, exponent from 1e+06),
// `%.4g` for humanize, and a `printf` for the verbs alert templates use. Pure.

export type GoValue = string | number;

function expParts(v: number, digits?: number): { mant: string; exp: number } {
  const s = digits === undefined ? v.toExponential() : v.toExponential(Math.max(0, digits - 1));
  const [m, e] = s.split('e');
  return { mant: m, exp: Number(e) };
}

function goExp(mant: string, exp: number): string {
  const sign = exp < 0 ? '-' : '+';
  const a = Math.abs(exp);
  return `${mant}e${sign}${a < 10 ? '0' : ''}${a}`;
}

function special(v: number, plus = false): string | undefined {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : plus ? '+0' : '0';
  return undefined;
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Go's `%g` with a precision (significant digits; trailing zeros dropped as Go does without `#`). */
export function goFormatG(v: number, prec: number): string {
  const sp = special(v);
  if (sp !== undefined) return sp;
  const p = prec === 0 ? 1 : prec;
  const { mant, exp } = expParts(v, p);
  if (exp < -4 || exp >= p) return goExp(stripZeros(mant), exp);
  return stripZeros(v.toFixed(Math.max(0, p - 1 - exp)));
}

/** Go's `%v` (and `{{ $value }}`) of a float64: shortest round-trip digits, exponent form from 1e+06 or below 1e-04. */
export function goFormatFloat(v: number): string {
  const sp = special(v);
  if (sp !== undefined) return sp;
  const { mant, exp } = expParts(v);
  if (exp < -4 || exp >= 6) return goExp(mant, exp);
  // Between 1e-4 and 1e6 JavaScript's shortest form is already plain notation with the same digits.
  return String(v);
}

export function goPrint(v: GoValue): string {
  return typeof v === 'number' ? goFormatFloat(v) : v;
}

function typeName(v: GoValue): string {
  return typeof v === 'number' ? 'float64' : 'string';
}

function pad(s: string, width: number | undefined, left: boolean, zero: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (left) return s.padEnd(width, ' ');
  if (zero) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width, ' ');
}

/** Go's fmt.Sprintf for the verbs templates use (%v %s %q %d %f %F %e %g %x %X %%), with flags, width and precision. */
export function goSprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let ai = 0;
  const re = /%([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags, w, p, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (ai >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[ai++];
    const width = w === undefined ? undefined : Number(w);
    const prec = p === undefined ? undefined : Number(p || '0');
    const plus = flags.includes('+');
    const left = flags.includes('-');
    const zero = flags.includes('0') && !left;
    let s: string;
    const num = typeof arg === 'number' ? arg : undefined;
    const signed = (x: string): string => (plus && !x.startsWith('-') && !x.startsWith('+') ? '+' + x : x);
    switch (verb) {
      case 'v':
        s = num !== undefined ? signed(goFormatFloat(num)) : (arg as string);
        break;
      case 's':
        s = num !== undefined ? `%!s(float64=${goFormatFloat(num)})` : prec !== undefined ? (arg as string).slice(0, prec) : (arg as string);
        break;
      case 'q':
        s = num !== undefined ? `%!q(float64=${goFormatFloat(num)})` : JSON.stringify(arg);
        break;
      case 'd':
        s = num !== undefined ? `%!d(float64=${goFormatFloat(num)})` : `%!d(string=${arg})`;
        break;
      case 'f':
      case 'F':
        s = num !== undefined ? signed(special(num) !== undefined && num !== 0 ? special(num)! : num.toFixed(prec ?? 6)) : `%!${verb}(string=${arg})`;
        break;
      case 'e':
        s = num !== undefined ? signed(Number.isFinite(num) ? goExp(...(Object.values(expParts(num, (prec ?? 6) + 1)) as [string, number])) : special(num)!) : `%!e(string=${arg})`;
        break;
      case 'g':
        s = num !== undefined ? signed(prec === undefined ? goFormatFloat(num) : goFormatG(num, prec)) : `%!g(string=${arg})`;
        break;
      case 'x':
      case 'X': {
        const hex = num !== undefined ? `%!${verb}(float64=${goFormatFloat(num)})` : Array.from(new TextEncoder().encode(arg as string), (b) => b.toString(16).padStart(2, '0')).join('');
        s = verb === 'X' ? hex.toUpperCase() : hex;
        break;
      }
      default:
        s = `%!${verb}(${typeName(arg)}=${goPrint(arg)})`;
    }
    out += pad(s, width, left, zero && verb !== 's' && verb !== 'q');
  }
  out += format.slice(last);
  if (ai < args.length) out += `%!(EXTRA ${args.slice(ai).map((a) => `${typeName(a)}=${goPrint(a)}`).join(', ')})`;
  return out;
}

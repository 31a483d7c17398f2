// formatFloatF against Go's strconv.FormatFloat(v, 'f', -1, 64) and formatApiFloat against Prometheus's JSON
// MarshalFloat ('f', or 'e' outside [1e-6, 1e21)): fixed cases checked with Go's and Prometheus's output, then a
// million random bit patterns (every exponent and sign) against a reference built independently from
// toPrecision/toExponential (shortest digits = the fewest significant digits whose correctly rounded decimal reads
// back as v) and by round trip.
import { describe, expect, it } from 'vitest';
import { formatApiFloat, formatFloatF } from '@core/promql/engine/format-float';
import { prng } from '../../../helpers/series-fixtures';

/** Plain (non-exponent) decimal of ±digits × 10^(ex − len + 1), trailing zeros of the fraction dropped. */
function plainFromDigits(negative: boolean, allDigits: string, ex: number): string {
  let digits = allDigits.replace(/0+$/, '') || '0';
  const q = ex - (digits.length - 1);
  let out: string;
  if (q >= 0) out = digits + '0'.repeat(q);
  else {
    const frac = -q;
    if (digits.length <= frac) digits = '0'.repeat(frac - digits.length + 1) + digits;
    out = `${digits.slice(0, digits.length - frac)}.${digits.slice(digits.length - frac)}`;
  }
  return negative ? `-${out}` : out;
}

/** `p` significant digits of |v| as [digits, decimal exponent of the first digit], correctly rounded. */
function sigDigits(v: number, p: number): [bigint, number] {
  const [mant, ex] = Math.abs(v).toExponential(p - 1).split('e');
  return [BigInt(mant.replace('.', '')), Number(ex)];
}

function fromDigits(d: bigint, p: number, ex: number): number {
  return Number(`${d}e${ex - (p - 1)}`);
}

/** |v| exactly as M × 2^K (BigInt M). */
function exactBinary(a: number): [bigint, number] {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, a);
  const hi = dv.getUint32(0);
  const lo = dv.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return bexp === 0 ? [frac, -1074] : [frac | (1n << 52n), bexp - 1075];
}

/** |M·2^K − c·10^Q| scaled by a positive constant that depends only on K and Q (so comparable across c). */
function scaledDistance(m: bigint, k: number, c: bigint, q: number): bigint {
  let x = m;
  let y = c;
  if (k >= 0) x <<= BigInt(k);
  else y <<= BigInt(-k);
  if (q >= 0) y *= 10n ** BigInt(q);
  else x *= 10n ** BigInt(-q);
  return x > y ? x - y : y - x;
}

/**
 * The reference: the fewest significant digits that read back as v, and of those the closest to v's exact value,
 * ties to an even last digit (Go's and ECMAScript's shortest rule). The correctly rounded p-digit decimal is the
 * closest candidate, but at a power of two the interval that reads back as v is wider above v than below, so its
 * neighbours are tried too; distances are compared exactly in BigInt.
 */
type Digits = { digits: string; exp: number };

function reference(v: number, sd: Digits = shortestDigits(v)): string {
  return plainFromDigits(v < 0, sd.digits, sd.exp);
}

/** Go's 'e' form of the shortest digits: d.ddde±XX (exponent at least two digits). */
function referenceE(v: number, sd: Digits): string {
  const d = sd.digits.replace(/0+$/, '') || '0';
  const mant = d.length > 1 ? `${d[0]}.${d.slice(1)}` : d;
  const ex = `${sd.exp < 0 ? '-' : '+'}${String(Math.abs(sd.exp)).padStart(2, '0')}`;
  return `${v < 0 ? '-' : ''}${mant}e${ex}`;
}

/** Prometheus's MarshalFloat: 'f' for 1e-6 ≤ |v| < 1e21, else 'e'. */
function referenceApi(v: number, sd: Digits = shortestDigits(v)): string {
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-6 || a >= 1e21) ? referenceE(v, sd) : reference(v, sd);
}

function shortestDigits(v: number): Digits {
  const a = Math.abs(v);
  const candidates = (p: number): { ok: bigint[]; ex: number } => {
    const [d, ex] = sigDigits(a, p);
    return { ok: [d - 1n, d, d + 1n].filter((c) => c > 0n && fromDigits(c, p, ex) === a), ex };
  };
  // If some p-digit decimal reads back as v, so does some (p+1)-digit one: binary search the fewest digits.
  let lo = 1;
  let hi = 17;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candidates(mid).ok.length) hi = mid;
    else lo = mid + 1;
  }
  const p = lo;
  const { ok, ex } = candidates(p);
  if (!ok.length) throw new Error(`no round trip for ${v}`);
  let best = 0;
  if (ok.length > 1) {
    const [m, k] = exactBinary(a);
    const dist = ok.map((c) => scaledDistance(m, k, c, ex - (p - 1)));
    for (let i = 1; i < ok.length; i++) {
      if (dist[i] < dist[best] || (dist[i] === dist[best] && ok[i] % 2n === 0n)) best = i;
    }
  }
  const digits = ok[best].toString();
  // d + 1 may carry into one more digit (99 + 1 = 100): the same digits, one place up.
  return { digits, exp: digits.length > p ? ex + 1 : ex };
}

describe('formatApiFloat (Prometheus MarshalFloat)', () => {
  it('answers what Prometheus 2.42 answers in /api/v1/query', () => {
    const cases: [number, string][] = [
      [1e-7, '1e-07'],
      [5.566690792704562e-10, '5.566690792704562e-10'],
      [-9.372665302129462e-8, '-9.372665302129462e-08'],
      [1e-6, '0.000001'],
      [9.99e-7, '9.99e-07'],
      [1.7806607369548594e23, '1.7806607369548594e+23'],
      [6.00229357386052e251, '6.00229357386052e+251'],
      [1e21, '1e+21'],
      [999999999999999900000, '999999999999999900000'],
      [5e-324, '5e-324'],
      [65050.47941, '65050.47941'],
      [-0, '-0'],
      [NaN, 'NaN'],
      [-Infinity, '-Inf'],
    ];
    for (const [v, want] of cases) expect(formatApiFloat(v), String(v)).toBe(want);
  });
});

describe('formatFloatF (Go FormatFloat f, -1)', () => {
  it('answers what Go answers for the cases that used to print wrong and the edges', () => {
    const cases: [number, string][] = [
      [1e-7, '0.0000001'],
      [-1e-7, '-0.0000001'],
      [5.667401665347479e-10, '0.0000000005667401665347479'],
      [1.5e-10, '0.00000000015'],
      [-2.5e-8, '-0.000000025'],
      [5e-324, '0.' + '0'.repeat(323) + '5'],
      [Number.MAX_VALUE, '17976931348623157' + '0'.repeat(292)],
      [1e21, '1000000000000000000000'],
      [-1.2345e22, '-12345000000000000000000'],
      [123456789012345680000, '123456789012345680000'],
      [0.1, '0.1'],
      [100, '100'],
      [0, '0'],
      [-0, '-0'],
      [NaN, 'NaN'],
      [Infinity, '+Inf'],
      [-Infinity, '-Inf'],
    ];
    for (const [v, want] of cases) expect(formatFloatF(v), String(v)).toBe(want);
  });

  it('matches the reference and round-trips on 1 000 000 random doubles of every exponent and sign', () => {
    const rnd = prng(20261204);
    const buf = new DataView(new ArrayBuffer(8));
    let checked = 0;
    const bad: string[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      buf.setUint32(0, Math.floor(rnd() * 2 ** 32));
      buf.setUint32(4, Math.floor(rnd() * 2 ** 32));
      const v = buf.getFloat64(0);
      if (!Number.isFinite(v)) continue;
      checked++;
      const got = formatFloatF(v);
      const api = formatApiFloat(v);
      const sd = shortestDigits(v);
      if (got !== reference(v, sd) || Number(got) !== v || /[eE]/.test(got) || api !== referenceApi(v, sd) || Number(api) !== v) {
        bad.push(`${v}: ${got} vs ${reference(v, sd)}; ${api} vs ${referenceApi(v, sd)}`);
        if (bad.length > 10) break;
      }
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(990_000);
  }, 300_000);

  it('is exact on powers of two and their neighbours (asymmetric rounding intervals)', () => {
    const bad: string[] = [];
    for (let e = -1074; e <= 1023; e++) {
      const p = 2 ** e;
      for (const v of [p, -p, p * (1 + 2 ** -52), p * (1 - 2 ** -53)]) {
        if (!Number.isFinite(v) || v === 0) continue;
        const got = formatFloatF(v);
        if (Number(got) !== v || got !== reference(v)) bad.push(`${v}: ${got} vs ${reference(v)}`);
        if (formatApiFloat(v) !== referenceApi(v)) bad.push(`api ${v}: ${formatApiFloat(v)} vs ${referenceApi(v)}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

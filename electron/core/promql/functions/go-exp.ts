// Go's math.Exp as Prometheus's amd64 binaries compute it (src/math/exp_amd64.s, Go 1.19 through current): not the
// portable Go exp.go but an assembly routine after Shibata's SLEEF method — k = round(x·log2 e), a Cody–Waite
// reduction, the reduced argument divided by 16, a degree-8 Taylor polynomial for e^y − 1, four doublings
// ((1+z)² − 1 = z·(z+2)), then a multiply by 2^k built from exponent bits. With AVX and FMA (every amd64 server
// CPU since 2013; Go checks at start-up) the reduction and polynomial use fused multiply-adds, which JavaScript
// lacks: `fma` below computes a·b + c with one rounding, exactly. Its overflow bound differs from the true one:
// k = 1024 (x above ≈ 709.436) already answers +Inf, as Go does.
/* eslint-disable no-loss-of-precision -- the assembly's constants as written; each parses to the double Go uses. */

const LOG2E = 1.442695040888963407359924681001892;
const LN2U = 0.69314718055966295651160180568695068359375;
const LN2L = 0.28235290563031577122588448175013436025525412068e-12;
const OVERFLOW = 7.09782712893384e2;
const C1 = 1.0;
const C2 = 0.5;
const C3 = 1.6666666666666666667e-1;
const C4 = 4.1666666666666666667e-2;
const C5 = 8.3333333333333333333e-3;
const C6 = 1.3888888888888888889e-3;
const C7 = 1.984126984126984127e-4;
const C8 = 2.4801587301587301587e-5;

// --- exact fused multiply-add ------------------------------------------------------------------------------------

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp)
const FAST_MIN = 2 ** -900;
const FAST_MAX = 2 ** 450;

/** The rounding error of p = fl(a·b): a·b − p exactly (Dekker's product; |a|, |b| away from over/underflow). */
function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (((p - ah * bh) - al * bh) - ah * bl);
}

const bits = new DataView(new ArrayBuffer(8));

/** Half the spacing of doubles at |r| on the side towards zero (a quarter ulp below a power of two). */
function halfGapTowardZero(r: number): number {
  bits.setFloat64(0, r);
  const hi = bits.getUint32(0);
  const e = (hi >>> 20) & 0x7ff;
  const ulp = 2 ** (e - 1075);
  const powerOfTwo = (hi & 0xfffff) === 0 && bits.getUint32(4) === 0;
  return powerOfTwo ? ulp / 4 : ulp / 2;
}

function halfUlp(r: number): number {
  bits.setFloat64(0, r);
  return 2 ** (((bits.getUint32(0) >>> 20) & 0x7ff) - 1076);
}

/**
 * a·b + c rounded once to the nearest double (ties to even), as x86's VFMADD. Double-double arithmetic gives
 * the exact value as r + (small remainder); when the remainder is clearly inside r's rounding interval r is the
 * answer, otherwise (near a tie, or outside the safe exponent range) exact integer arithmetic decides.
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const ap = Math.abs(p);
  const ac = Math.abs(c);
  if (
    !(ap < FAST_MAX && ac < FAST_MAX) ||
    (ap !== 0 && ap < FAST_MIN) ||
    (ac !== 0 && ac < FAST_MIN) ||
    a === 0 ||
    b === 0 ||
    Math.abs(a) > FAST_MAX ||
    Math.abs(b) > FAST_MAX
  ) {
    return fmaExact(a, b, c);
  }
  if (c === 0) return p;
  const pe = productError(a, b, p);
  // p + c = s + t1 (Knuth's two-sum), so a·b + c = s + t1 + pe exactly.
  const s = p + c;
  const sv = s - p;
  const t1 = p - (s - sv) + (c - sv);
  const u = t1 + pe;
  const uv = u - t1;
  const t2 = t1 - (u - uv) + (pe - uv);
  const r = s + u;
  const rv = r - s;
  const t3 = s - (r - rv) + (u - rv);
  // a·b + c = r + t3 + t2 exactly; r is right unless that remainder reaches its rounding boundary.
  const d = t3 + t2;
  if (d === 0) return r;
  const ar = Math.abs(r);
  if (ar < FAST_MIN) return fmaExact(a, b, c);
  // Every rounding half-gap at r is at least |r|·2^-54: most remainders are decided without reading r's bits.
  if (Math.abs(d) < ar * 2 ** -54 * (1 - 2 ** -40)) return r;
  const towardZero = d > 0 !== r > 0;
  const limit = (towardZero ? halfGapTowardZero(r) : halfUlp(r)) * (1 - 2 ** -40);
  if (Math.abs(d) < limit) return r;
  return fmaExact(a, b, c);
}

/** x = m · 2^e with an integer m (|m| < 2^53), for finite x. */
function decompose(x: number): { m: bigint; e: number } {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = exp - 1075;
  }
  return { m: hi >>> 31 ? -m : m, e };
}

/** m · 2^e (m an integer of at most 53 bits, the result representable or overflowing). */
function scale(m: number, e: number): number {
  if (e > 970) return m * 2 ** 970 * 2 ** (e - 970);
  if (e < -1074) return m * 2 ** -1074 * 2 ** (e + 1074);
  return m * 2 ** e;
}

function fmaExact(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0) return p + c;
  if (c === 0) return p;
  const x = decompose(a);
  const y = decompose(b);
  const z = decompose(c);
  const ep = x.e + y.e;
  const emin = Math.min(ep, z.e);
  const total = ((x.m * y.m) << BigInt(ep - emin)) + (z.m << BigInt(z.e - emin));
  if (total === 0n) return p + c;
  const neg = total < 0n;
  const mag = neg ? -total : total;
  const len = mag.toString(2).length;
  let shift = Math.max(len - 53, -1074 - emin);
  let q: bigint;
  if (shift > 0) {
    const sh = BigInt(shift);
    q = mag >> sh;
    const rem = mag - (q << sh);
    const half = 1n << (sh - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
  } else {
    q = mag;
    shift = 0;
  }
  const v = scale(Number(q), emin + shift);
  return neg ? -v : v;
}

// --- Exp ---------------------------------------------------------------------------------------------------------

/** CVTSD2SL: round to nearest even; out of the int32 range (or NaN) the "integer indefinite" −2^31. */
function cvtsd2sl(t: number): number {
  if (!(t > -2147483648.5 && t < 2147483647.5)) return -2147483648;
  let r = Math.round(t);
  if (r - t === 0.5 && r % 2 !== 0) r -= 1;
  return r;
}

/** z · 2^k as the assembly's exponent-bits tail does it (two multiplies into the subnormal range). */
function ldexpTail(z: number, k: number): number {
  let bx = k + 0x3ff;
  if (bx <= 0) {
    if (bx < -52) return 0;
    bx += 0x3fe;
    z *= 2 ** (bx - 1023);
    bx = 1;
  } else if (bx >= 0x7ff) return Infinity;
  return z * 2 ** (bx - 1023);
}

/** Go's math.Exp on amd64 with AVX+FMA (what a Prometheus on any current x86 server computes). */
export function goExp(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > OVERFLOW) return Infinity;
  const k = cvtsd2sl(x * LOG2E);
  let y = fma(-k, LN2U, x);
  y = fma(-k, LN2L, y);
  y *= 0.0625;
  let p = fma(C8, y, C7);
  p = fma(p, y, C6);
  p = fma(p, y, C5);
  p = fma(p, y, C4);
  p = fma(p, y, C3);
  p = fma(p, y, C2);
  p = fma(p, y, C1);
  let z = y * p;
  z *= z + 2;
  z *= z + 2;
  z *= z + 2;
  z = fma(z + 2, z, 1);
  return ldexpTail(z, k);
}

/** The same routine without FMA (SSE2 only: amd64 CPUs without AVX/FMA, and Go built for them). */
export function goExpSse2(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > OVERFLOW) return Infinity;
  const k = cvtsd2sl(x * LOG2E);
  let y = x - LN2U * k;
  y -= LN2L * k;
  y *= 0.0625;
  let p = C8 * y + C7;
  p = p * y + C6;
  p = p * y + C5;
  p = p * y + C4;
  p = p * y + C3;
  p = p * y + C2;
  p = p * y + C1;
  let z = y * p;
  z *= z + 2;
  z *= z + 2;
  z *= z + 2;
  z *= z + 2;
  return ldexpTail(z + 1, k);
}

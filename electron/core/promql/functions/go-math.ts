// Go's math package algorithms (as Prometheus is built: Go 1.19, amd64, no fused multiply-add) where V8's libm
// answers differently in the last bit: Cephes sine/cosine/tangent/arctangent with Cody–Waite reduction, the
// Frexp-based natural log (and Log10/Log2 derived from it), Pow by repeated squaring, and Sinh/Cosh/Tanh built on
// Exp. The constants and the order of every operation follow Go's, which is what makes the results bit-identical.
// Exp is Go's amd64 assembly routine (go-exp.ts), so everything built on it agrees too.
/* eslint-disable no-loss-of-precision -- Go's constants as published; each parses to the same double Go uses. */

import { goExp } from './go-exp';
import { trigReduce } from './trig-reduce';

const bits = new DataView(new ArrayBuffer(8));

/** [frac, exp] with frac in [0.5, 1) and x = frac × 2^exp (Go's Frexp), for finite non-zero x. */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x) || x !== x) return [x, 0];
  let e = 0;
  if (Math.abs(x) < 2.2250738585072014e-308) {
    x *= 2 ** 52; // subnormal: normalise first
    e = -52;
  }
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1022;
  bits.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  return [bits.getFloat64(0), e];
}

/** frac × 2^exp (Go's Ldexp): scaled in steps so no intermediate overflows or flushes early. */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  if (exp > 2100) exp = 2100;
  if (exp < -2200) exp = -2200;
  while (exp > 1000) {
    frac *= 2 ** 1000;
    exp -= 1000;
  }
  while (exp < -1000) {
    // Stop one scaling short of the subnormal range so the final multiply rounds once.
    if (Math.abs(frac) * 2 ** -1000 < 2.2250738585072014e-308) break;
    frac *= 2 ** -1000;
    exp += 1000;
  }
  if (exp < -1022) {
    frac *= 2 ** -1022;
    exp += 1022;
  }
  return frac * 2 ** exp;
}

// --- log ---------------------------------------------------------------------------------------------------------
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const L1 = 6.666666666666735130e-1;
const L2 = 3.999999999940941908e-1;
const L3 = 2.857142874366239149e-1;
const L4 = 2.222219843214978396e-1;
const L5 = 1.818357216161805012e-1;
const L6 = 1.531383769920937332e-1;
const L7 = 1.479819860511658591e-1;

export function goLog(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x < 0) return NaN;
  if (x === 0) return -Infinity;
  let [f1, ki] = frexp(x);
  if (f1 < Math.SQRT2 / 2) {
    f1 *= 2;
    ki--;
  }
  const f = f1 - 1;
  const k = ki;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
  const t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
  const r = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + r) + k * LN2_LO) - f);
}

export function goLog10(x: number): number {
  return goLog(x) * Math.LOG10E;
}

export function goLog2(x: number): number {
  const [frac, exp] = frexp(x);
  // Exact powers of two answer exactly.
  if (frac === 0.5) return exp - 1;
  return goLog(frac) * Math.LOG2E + exp;
}

// --- exp2 (pure Go on amd64: no assembly Exp2 there) --------------------------------------------------------------
/** Go's Exp2: k = x rounded half away from zero, e^(t·ln 2) by FreeBSD's expmulti, then Ldexp. */
export function goExp2(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > 1.0239999999999999e3) return Infinity;
  if (x < -1.074e3) return 0;
  const k = x > 0 ? Math.trunc(x + 0.5) : x < 0 ? Math.trunc(x - 0.5) : 0;
  const t = x - k;
  const hi = t * LN2_HI;
  const lo = -t * LN2_LO;
  const r = hi - lo;
  const tt = r * r;
  const c = r - tt * (1.66666666666666657415e-1 + tt * (-2.77777777770155933842e-3 + tt * (6.61375632143793436117e-5 + tt * (-1.6533902205465251539e-6 + tt * 4.13813679705723846039e-8))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return ldexp(y, k);
}

// --- sin, cos, tan (Cephes, reduction into octants of pi/4) ------------------------------------------------------
const PI4A = 7.85398125648498535156e-1;
const PI4B = 3.77489470793079817668e-8;
const PI4C = 2.69515142907905952645e-15;
/** From here on Go reduces with Payne–Hanek (trig-reduce.ts). */
const REDUCE_THRESHOLD = 1 << 29;
const SIN = [1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6, -1.98412698295895385996e-4, 8.33333333332211858878e-3, -1.66666666666666307295e-1];
const COS = [-1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7, 2.48015872888517045348e-5, -1.38888888888730564116e-3, 4.16666666666665929218e-2];
const TAN_P = [-1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7];
const TAN_Q = [1.0, 1.36812963470692954678e4, -1.32089234440210967447e6, 2.50083801823357915839e7, -5.38695755929454629881e7];

/** Octant j (0..7, zeros mapped to the origin) and the reduced argument z for x ≥ 0. */
function reduce(x: number, out: Float64Array): void {
  if (x >= REDUCE_THRESHOLD) {
    [out[0], out[1]] = trigReduce(x);
    return;
  }
  let j = Math.floor(x * (4 / Math.PI));
  let y = j;
  if (j % 2 === 1) {
    j++;
    y++;
  }
  out[0] = j % 8;
  out[1] = x - y * PI4A - y * PI4B - y * PI4C;
}
const red = new Float64Array(2);

const sinPoly = (z: number, zz: number) => z + z * zz * (((((SIN[0] * zz + SIN[1]) * zz + SIN[2]) * zz + SIN[3]) * zz + SIN[4]) * zz + SIN[5]);
const cosPoly = (zz: number) => 1.0 - 0.5 * zz + zz * zz * (((((COS[0] * zz + COS[1]) * zz + COS[2]) * zz + COS[3]) * zz + COS[4]) * zz + COS[5]);

export function goSin(x: number): number {
  if (x === 0 || x !== x) return x;
  if (!Number.isFinite(x)) return NaN;
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  reduce(x, red);
  let j = red[0];
  const z = red[1];
  if (j > 3) {
    sign = !sign;
    j -= 4;
  }
  const zz = z * z;
  const y = j === 1 || j === 2 ? cosPoly(zz) : sinPoly(z, zz);
  return sign ? -y : y;
}

export function goCos(x: number): number {
  if (x !== x || !Number.isFinite(x)) return NaN;
  x = Math.abs(x);
  let sign = false;
  reduce(x, red);
  let j = red[0];
  const z = red[1];
  if (j > 3) {
    j -= 4;
    sign = !sign;
  }
  if (j > 1) sign = !sign;
  const zz = z * z;
  const y = j === 1 || j === 2 ? sinPoly(z, zz) : cosPoly(zz);
  return sign ? -y : y;
}

export function goTan(x: number): number {
  if (x === 0 || x !== x) return x;
  if (!Number.isFinite(x)) return NaN;
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  // tan reduces like sin/cos; only bit 1 of the octant matters below, so masking it to 0..7 changes nothing.
  reduce(x, red);
  const j = red[0];
  const z = red[1];
  const zz = z * z;
  let r = zz > 1e-14 ? z + z * ((zz * ((TAN_P[0] * zz + TAN_P[1]) * zz + TAN_P[2])) / ((((zz + TAN_Q[1]) * zz + TAN_Q[2]) * zz + TAN_Q[3]) * zz + TAN_Q[4])) : z;
  if ((j & 2) === 2) r = -1 / r;
  return sign ? -r : r;
}

// --- atan, asin, acos (Cephes) -----------------------------------------------------------------------------------
function xatan(x: number): number {
  const z0 = x * x;
  const z =
    (z0 * ((((-8.750608600031904122785e-1 * z0 + -1.615753718733365076637e1) * z0 + -7.500855792314704667340e1) * z0 + -1.228866684490136173410e2) * z0 + -6.485021904942025371773e1)) /
    (((((z0 + 2.485846490142306297962e1) * z0 + 1.650270098316988542046e2) * z0 + 4.328810604912902668951e2) * z0 + 4.853903996359136964868e2) * z0 + 1.945506571482613964425e2);
  return x * z + x;
}

const MOREBITS = 6.123233995736765886130e-17;
const TAN_3PI_8 = 2.41421356237309504880;

/** atan of x ≥ 0, reduced to [0, 0.66]. */
function satan(x: number): number {
  if (x <= 0.66) return xatan(x);
  if (x > TAN_3PI_8) return Math.PI / 2 - xatan(1 / x) + MOREBITS;
  return Math.PI / 4 + xatan((x - 1) / (x + 1)) + 0.5 * MOREBITS;
}

export function goAtan(x: number): number {
  if (x === 0) return x;
  return x > 0 ? satan(x) : -satan(-x);
}

export function goAsin(x: number): number {
  if (x === 0) return x;
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x > 1) return NaN;
  let t = Math.sqrt(1 - x * x);
  t = x > 0.7 ? Math.PI / 2 - satan(t / x) : satan(x / t);
  return sign ? -t : t;
}

export function goAcos(x: number): number {
  return Math.PI / 2 - goAsin(x);
}

// --- sinh, cosh, tanh (on Exp) -----------------------------------------------------------------------------------
export function goSinh(x: number): number {
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  let t: number;
  if (x > 21) t = goExp(x) * 0.5;
  else if (x > 0.5) {
    // Go 1.19: one Exp and its reciprocal (not Exp(-x), which differs in the last bit).
    const ex = goExp(x);
    t = (ex - 1 / ex) * 0.5;
  }
  else {
    const sq = x * x;
    t = (((-0.2630563213397497062819489e2 * sq + -0.2894211355989563807284660366e4) * sq + -0.8991272022039509355398013511e5) * sq + -0.6307673640497716991184787251e6) * x;
    t = t / (((sq + -0.173678953558233699533450911e3) * sq + 0.1521517378790019070696485176e5) * sq + -0.6307673640497716991212077277e6);
  }
  return sign ? -t : t;
}

export function goCosh(x: number): number {
  x = Math.abs(x);
  if (x > 21) return goExp(x) * 0.5;
  const ex = goExp(x);
  return (ex + 1 / ex) * 0.5;
}

/** Go's Tanh: ±1 beyond half of MAXLOG, 1 − 2/(Exp(2|x|) + 1) from 0.625, Cephes' rational function below. */
export function goTanh(x: number): number {
  const MAXLOG = 8.8029691931113054295988e1;
  let z = Math.abs(x);
  if (z > 0.5 * MAXLOG) return x < 0 ? -1 : 1;
  if (z >= 0.625) {
    const s = goExp(2 * z);
    z = 1 - 2 / (s + 1);
    return x < 0 ? -z : z;
  }
  if (x === 0) return x;
  const s = x * x;
  return x + (x * s * ((-9.64399179425052238628e-1 * s + -9.92877231001918586564e1) * s + -1.61468768441708447952e3)) / (((s + 1.12811678491632931402e2) * s + 2.23548839060100448583e3) * s + 4.84406305325125486048e3);
}

// --- pow (Go 1.19: special cases, then x^yf by Exp/Log and x^yi by repeated squaring on Frexp parts) -------------
function isOddInt(x: number): boolean {
  const xi = Math.trunc(x);
  return xi === x && Math.abs(xi) < 2 ** 63 && BigInt.asIntN(64, BigInt(xi)) % 2n !== 0n;
}

export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (x !== x || y !== y) return NaN;
  if (x === 0) {
    if (y < 0) return isOddInt(y) ? (Object.is(x, -0) ? -Infinity : Infinity) : Infinity;
    return isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x < 0) return goPow(1 / x, -y);
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  let a1 = 1.0;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = goExp(yf * goLog(x));
  }
  let [x1, xe] = frexp(x);
  // yi < 2^63: walk its bits from the lowest (BigInt keeps every bit above 2^53 exact).
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

/** Go's Atan2: special cases, then Atan(y/x) moved into the right quadrant. */
export function goAtan2(y: number, x: number): number {
  if (y !== y || x !== x) return NaN;
  const sy = (v: number) => (Object.is(y, -0) || y < 0 ? -v : v);
  if (y === 0) return x >= 0 && !Object.is(x, -0) ? sy(0) : sy(Math.PI);
  if (x === 0) return sy(Math.PI / 2);
  if (!Number.isFinite(x)) {
    if (x > 0) return Number.isFinite(y) ? sy(0) : sy(Math.PI / 4);
    return Number.isFinite(y) ? sy(Math.PI) : sy((3 * Math.PI) / 4);
  }
  if (!Number.isFinite(y)) return sy(Math.PI / 2);
  const q = goAtan(y / x);
  if (x < 0) return q <= 0 ? q + Math.PI : q - Math.PI;
  return q;
}

/** Go's Asinh (FreeBSD's s_asinh.c) on Go's Log. */
export function goAsinh(x: number): number {
  if (x !== x || !Number.isFinite(x)) return x;
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  let t: number;
  if (x > 2 ** 28) t = goLog(x) + 6.93147180559945286227e-1;
  else if (x > 2) t = goLog(2 * x + 1 / (Math.sqrt(x * x + 1) + x));
  else if (x < 2 ** -28) t = x;
  else t = goLog1p(x + (x * x) / (1 + Math.sqrt(1 + x * x)));
  return sign ? -t : t;
}

/** Go's Acosh (FreeBSD's e_acosh.c) on Go's Log. */
export function goAcosh(x: number): number {
  if (x < 1 || x !== x) return NaN;
  if (x === 1) return 0;
  if (x >= 2 ** 28) return goLog(x) + 6.93147180559945286227e-1;
  if (x > 2) return goLog(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
  const t = x - 1;
  return goLog1p(t + Math.sqrt(2 * t + t * t));
}

const LP = [6.666666666666735130e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1, 1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1];

/** Go's Log1p (FreeBSD's s_log1p.c as Go simplified it), so asinh/acosh/atanh agree with Prometheus. */
export function goLog1p(x: number): number {
  if (x < -1 || x !== x) return NaN;
  if (x === -1) return -Infinity;
  if (x === Infinity) return Infinity;
  const absx = Math.abs(x);
  let f = 0;
  let iu = 0n;
  let k = 1;
  if (absx < Math.SQRT2 - 1) {
    if (absx < 2 ** -29) return absx < 2 ** -54 ? x : x - x * x * 0.5;
    if (x > -2.928932188134524755992e-1) {
      k = 0;
      f = x;
      iu = 1n;
    }
  }
  let c = 0;
  if (k !== 0) {
    let u: number;
    if (absx < 2 ** 53) {
      u = 1.0 + x;
      bits.setFloat64(0, u);
      iu = bits.getBigUint64(0);
      k = Number(iu >> 52n) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
      c /= u;
    } else {
      u = x;
      bits.setFloat64(0, u);
      iu = bits.getBigUint64(0);
      k = Number(iu >> 52n) - 1023;
      c = 0;
    }
    iu &= 0x000fffffffffffffn;
    if (iu < 0x0006a09e667f3bcdn) {
      bits.setBigUint64(0, iu | 0x3ff0000000000000n);
    } else {
      k++;
      bits.setBigUint64(0, iu | 0x3fe0000000000000n);
      iu = (0x0010000000000000n - iu) >> 2n;
    }
    u = bits.getFloat64(0);
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (iu === 0n) {
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const r0 = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k === 0) return f - r0;
    return k * LN2_HI - (r0 - (k * LN2_LO + c) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const r = z * (LP[0] + z * (LP[1] + z * (LP[2] + z * (LP[3] + z * (LP[4] + z * (LP[5] + z * LP[6]))))));
  if (k === 0) return f - (hfsq - s * (hfsq + r));
  return k * LN2_HI - (hfsq - (s * (hfsq + r) + (k * LN2_LO + c)) - f);
}

/** Go's Atanh on Go's Log1p. */
export function goAtanh(x: number): number {
  if (x < -1 || x > 1 || x !== x) return NaN;
  if (x === 1) return Infinity;
  if (x === -1) return -Infinity;
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  let t: number;
  if (x < 2 ** -28) t = x;
  else if (x < 0.5) {
    t = x + x;
    t = 0.5 * goLog1p(t + (t * x) / (1 - x));
  } else t = 0.5 * goLog1p((x + x) / (1 - x));
  return sign ? -t : t;
}

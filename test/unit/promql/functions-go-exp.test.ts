// Go's amd64 Exp (functions/go-exp.ts). Bit-identity with Prometheus's binary is checked against the real
// Prometheus 2.42 in test/integration/promql/go-exp.test.ts; here, on over a million random arguments:
// - the exact fused multiply-add against an independent exact reference (rational arithmetic on BigInts, written
//   here apart from the module's own fallback), on random triples of every magnitude and on near-tie cases;
// - Exp against V8's libm (within Go's own few-ulp error where the result is normal), its round trip through Go's Log, the
//   non-FMA variant close to the FMA one, and the assembly's own special cases and overflow bound.
import { describe, expect, it } from 'vitest';
import { fma, goExp, goExpSse2 } from '@core/promql/functions/go-exp';
import { goExp2, goLog, goLog2, goTanh } from '@core/promql/functions/go-math';
import { prng } from '../../helpers/series-fixtures';

const view = new DataView(new ArrayBuffer(8));

/** An exact dyadic rational n / 2^s for a finite double. */
function exact(x: number): { n: bigint; s: number } {
  if (x === 0) return { n: 0n, s: 0 };
  // x = x · 2^1074 / 2^1074, and x · 2^1074 is an integer for every double.
  let s = 0;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    s++;
  }
  return { n: BigInt(v), s };
}

/** The double nearest to n / 2^s (ties to even), by comparing against the two neighbouring candidates. */
function nearest(n: bigint, s: number): number {
  if (n === 0n) return 0;
  // Candidate from a floating approximation, then corrected against the exact value.
  const mag = n < 0n ? -n : n;
  const shift = Math.max(0, mag.toString(2).length - 60);
  const approx = (n < 0n ? -1 : 1) * Number(mag >> BigInt(shift)) * 2 ** (shift - s);
  const cands = [approx, nextDown(approx), nextUp(approx), nextDown(nextDown(approx)), nextUp(nextUp(approx))].filter(Number.isFinite);
  let best = cands[0];
  let bestErr: { n: bigint; s: number } | null = null;
  for (const c of cands) {
    const e = exact(c);
    const s2 = Math.max(s, e.s);
    const diff = (n << BigInt(s2 - s)) - (e.n << BigInt(s2 - e.s));
    const err = { n: diff < 0n ? -diff : diff, s: s2 };
    if (!bestErr) {
      best = c;
      bestErr = err;
      continue;
    }
    const s3 = Math.max(err.s, bestErr.s);
    const a = err.n << BigInt(s3 - err.s);
    const b = bestErr.n << BigInt(s3 - bestErr.s);
    if (a < b || (a === b && isEven(c) && !isEven(best))) {
      best = c;
      bestErr = err;
    }
  }
  return best;
}

function isEven(x: number): boolean {
  view.setFloat64(0, x);
  return (view.getUint32(4) & 1) === 0;
}

function nextUp(x: number): number {
  if (x === 0) return 5e-324;
  view.setFloat64(0, x);
  const b = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? b + 1n : b - 1n);
  return view.getFloat64(0);
}

function nextDown(x: number): number {
  return -nextUp(-x);
}

function referenceFma(a: number, b: number, c: number): number {
  const x = exact(a);
  const y = exact(b);
  const z = exact(c);
  const sp = x.s + y.s;
  const s = Math.max(sp, z.s);
  const n = ((x.n * y.n) << BigInt(s - sp)) + (z.n << BigInt(s - z.s));
  if (n === 0n) return a * b + c;
  return nearest(n, s);
}

function randomDouble(rnd: () => number, maxExp: number): number {
  return (rnd() < 0.5 ? -1 : 1) * (1 + rnd()) * 2 ** Math.floor((rnd() * 2 - 1) * maxExp);
}

describe('fused multiply-add', () => {
  it('equals the exactly rounded a·b + c on random triples of every magnitude', () => {
    const rnd = prng(7);
    const bad: string[] = [];
    for (let i = 0; i < 100_000 && bad.length < 10; i++) {
      const a = randomDouble(rnd, 300);
      const b = randomDouble(rnd, 300);
      const c = rnd() < 0.5 ? -(a * b) * (1 + (rnd() - 0.5) * 2 ** -30) : randomDouble(rnd, 600);
      const got = fma(a, b, c);
      const want = referenceFma(a, b, c);
      if (!Object.is(got, want)) bad.push(`fma(${a}, ${b}, ${c}) = ${got}, exact ${want}`);
    }
    expect(bad).toEqual([]);
  });

  it('rounds ties to even and keeps the product exact where a plain multiply-add would round twice', () => {
    // (1 + 2^-52)(1 − 2^-52) = 1 − 2^-104: a plain multiply rounds it to 1, so 1·… − 1 gives 0; fma gives −2^-104.
    expect(fma(1 + 2 ** -52, 1 - 2 ** -52, -1)).toBe(-(2 ** -104));
    // An exact tie between two doubles resolves to the even one: 1 + 2^-53 → 1, 1 + 3·2^-53 → 1 + 2^-51.
    expect(fma(2 ** -53, 1, 1)).toBe(1);
    expect(fma(3 * 2 ** -53, 1, 1)).toBe(1 + 2 ** -51);
    const rnd = prng(11);
    const bad: string[] = [];
    for (let i = 0; i < 20_000 && bad.length < 10; i++) {
      // Products whose low half sits at half an ulp of c: the double-double fast path must hand these over.
      const a = 1 + Math.floor(rnd() * 2 ** 26) * 2 ** -26;
      const b = 1 + Math.floor(rnd() * 2 ** 26) * 2 ** -26;
      const c = -Math.floor(rnd() * 2 ** 20) * 2 ** -20;
      const got = fma(a, b, c);
      const want = referenceFma(a, b, c);
      if (!Object.is(got, want)) bad.push(`fma(${a}, ${b}, ${c}) = ${got}, exact ${want}`);
    }
    expect(bad).toEqual([]);
  });
});

describe("Go's amd64 Exp", () => {
  it('stays within a few ulps of libm and round-trips through Log on a million random arguments', () => {
    // Go's method (16× reduction, then four doublings) is less accurate than libm: errors of several ulps are its
    // own (and Prometheus's), so the bound is 4e-15 relative, about 18 ulps.
    const rnd = prng(2042);
    const bad: string[] = [];
    let differsFromV8 = 0;
    for (let i = 0; i < 1_000_000 && bad.length < 10; i++) {
      // Every scale: tiny arguments, ordinary ones, and the whole finite range up to the overflow bound.
      const r = rnd();
      const x = r < 0.3 ? (rnd() - 0.5) * 2 ** -Math.floor(rnd() * 60) : r < 0.7 ? (rnd() - 0.5) * 60 : -708 + rnd() * 1417;
      const got = goExp(x);
      const want = Math.exp(x);
      if (got !== want) differsFromV8++;
      if (x > 709.436 || !Number.isFinite(want)) continue;
      if (want >= 2.2250738585072014e-308 && Math.abs(got - want) > Math.abs(want) * 4e-15) bad.push(`exp(${x}) = ${got}, libm ${want}`);
      // Round trip: log(exp(x)) comes back to x within the condition of the problem.
      if (want >= 1e-300 && want <= 1e300 && Math.abs(goLog(got) - x) > 4e-15 + 4.5e-16 * Math.abs(x)) bad.push(`log(exp(${x})) = ${goLog(got)}`);
      if (i % 8 === 0) {
        const sse = goExpSse2(x);
        if (want >= 2.2250738585072014e-308 && Math.abs(sse - got) > Math.abs(got) * 8e-15) bad.push(`sse2 exp(${x}) = ${sse}, fma ${got}`);
      }
    }
    expect(bad).toEqual([]);
    // The algorithms differ: a test that only ever compared equal values would prove nothing.
    expect(differsFromV8).toBeGreaterThan(10_000);
  });

  it("keeps the assembly's special cases, overflow bound and subnormal tail", () => {
    expect(goExp(0)).toBe(1);
    expect(goExp(1)).toBe(2.718281828459045);
    expect(Number.isNaN(goExp(NaN))).toBe(true);
    expect(goExp(Infinity)).toBe(Infinity);
    expect(goExp(-Infinity)).toBe(0);
    // k = round(x·log2 e) = 1024 already overflows in the exponent bits: +Inf where libm is finite.
    expect(Math.exp(709.5)).toBeLessThan(Infinity);
    expect(goExp(709.5)).toBe(Infinity);
    expect(goExp(709.43)).toBeLessThan(Infinity);
    expect(goExp(709.79)).toBe(Infinity);
    // Subnormal results come from two multiplies; below 2^-1075 they are 0.
    expect(goExp(-740)).toBe(Math.exp(-740));
    expect(goExp(-745.2)).toBe(0);
    expect(goExp(-1e300)).toBe(0);
    expect(goTanh(100)).toBe(1);
    expect(goTanh(-0)).toBe(-0);
  });
});

describe("Go's Exp2 (pure Go on amd64; Prometheus 3's exponential bucket interpolation)", () => {
  it('is exact at integers, within an ulp or two of V8 elsewhere, and inverts Log2', () => {
    for (let k = -1074; k <= 1023; k++) expect(goExp2(k)).toBe(2 ** k);
    expect(goExp2(1024)).toBe(Infinity);
    expect(goExp2(-1075)).toBe(0);
    expect(goExp2(-Infinity)).toBe(0);
    const rnd = prng(5);
    const bad: string[] = [];
    for (let i = 0; i < 200_000 && bad.length < 10; i++) {
      const x = (rnd() - 0.5) * (rnd() < 0.5 ? 2 : 2000);
      const got = goExp2(x);
      const want = 2 ** x;
      if (want >= 2.2250738585072014e-308 && want < Infinity && Math.abs(got - want) > Math.abs(want) * 4.5e-16) bad.push(`exp2(${x}) = ${got}, V8 ${want}`);
      if (want > 1e-300 && want < 1e300 && Math.abs(goLog2(got) - x) > 1e-15 * Math.max(1, Math.abs(x))) bad.push(`log2(exp2(${x})) = ${goLog2(got)}`);
    }
    expect(bad).toEqual([]);
  });
});

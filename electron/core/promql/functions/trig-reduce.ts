// Payne–Hanek argument reduction for sin/cos/tan of |x| ≥ 2^29, as Go's math.trigReduce does it, so huge
// arguments reduce to the same octant and the same float as in Prometheus: x's 53-bit mantissa times a 192-bit
// window of the binary digits of 4/π, keeping 128 bits of the product. The digits of 4/π are computed once here
// (Machin's formula in BigInt) rather than pasted.

const MASK64 = (1n << 64n) - 1n;
const PI4 = Math.PI / 4;

/** 4/π as 20 64-bit digits: 4/π = Σ digits[i] · 2^(−64·i) (digit 0 holds the integer part, 1). */
function fourOverPiDigits(): bigint[] {
  const P = 1500n;
  const one = 1n << P;
  // atan(1/k) = Σ (−1)^n / ((2n+1) k^(2n+1)), in fixed point with P fraction bits.
  const atanInv = (k: bigint): bigint => {
    let sum = 0n;
    let term = one / k;
    const k2 = k * k;
    for (let n = 0n; term !== 0n; n++) {
      sum += (n % 2n === 0n ? 1n : -1n) * (term / (2n * n + 1n));
      term /= k2;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  const fourOverPi = (4n << (2n * P)) / pi; // 4/π · 2^P
  const out: bigint[] = [];
  for (let i = 0n; i < 20n; i++) out.push((fourOverPi >> (P - 64n * i)) & MASK64);
  return out;
}

let M_PI4: bigint[] | null = null;
const view = new DataView(new ArrayBuffer(8));

/** [octant j (0..7), reduced argument z] for x ≥ 2^29 (finite). */
export function trigReduce(x: number): [number, number] {
  if (x < PI4) return [0, x];
  const m = (M_PI4 ??= fourOverPiDigits());
  view.setFloat64(0, x);
  const raw = view.getBigUint64(0);
  const exp = Number((raw >> 52n) & 0x7ffn) - 1023 - 52;
  const ix = (raw & ((1n << 52n) - 1n)) | (1n << 52n);
  const digit = Math.floor((exp + 61) / 64);
  const bitshift = BigInt((exp + 61) % 64);
  const window = (d: number) => ((m[d] << bitshift) | (bitshift === 0n ? 0n : m[d + 1] >> (64n - bitshift))) & MASK64;
  const z0 = window(digit);
  const z1 = window(digit + 1);
  const z2 = window(digit + 2);
  const z2hi = (z2 * ix) >> 64n;
  const z1p = z1 * ix;
  const z1hi = z1p >> 64n;
  const z1lo = z1p & MASK64;
  const z0lo = (z0 * ix) & MASK64;
  const loSum = z1lo + z2hi;
  const lo = loSum & MASK64;
  const carry = loSum >> 64n;
  let hi = (z0lo + z1hi + carry) & MASK64;
  let j = Number(hi >> 61n);
  hi = ((hi << 3n) | (lo >> 61n)) & MASK64;
  const lz = BigInt(64 - hi.toString(2).length);
  const e = BigInt(1023) - (lz + 1n);
  hi = ((hi << (lz + 1n)) | (lo >> (64n - (lz + 1n)))) & MASK64;
  hi >>= 64n - 52n;
  hi |= e << 52n;
  view.setBigUint64(0, hi);
  let z = view.getFloat64(0);
  if ((j & 1) === 1) {
    j = (j + 1) & 7;
    z--;
  }
  return [j, z * PI4];
}

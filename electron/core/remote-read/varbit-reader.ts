// A bounds-checked MSB-first bit reader for Prometheus's histogram chunk layouts (tsdb/chunkenc bstream): single
// bits, raw 64-bit floats as words, the varbit integer buckets of varbit.go and Gorilla XOR values. Histogram chunks
// are read sample by sample with many small fields, so this favours clarity and exact bounds over the XOR decoder's
// padded tricks; every read past the end throws a typed DecodeError.
import { DecodeError } from './errors';

const TWO_32 = 4294967296;

/** Gorilla XOR state of one value (leading/trailing zero window, as Prometheus's xorRead keeps it). */
export interface XorState {
  hi: number;
  lo: number;
  leading: number;
  trailing: number;
}

export class VarbitReader {
  private pos: number;
  private readonly totalBits: number;

  constructor(
    private readonly data: Uint8Array,
    startByte: number,
    private readonly what: string,
  ) {
    this.pos = startByte * 8;
    this.totalBits = data.length * 8;
  }

  private endedEarly(): DecodeError {
    return new DecodeError('decode', `${this.what} ended early`);
  }

  readBit(): number {
    if (this.pos >= this.totalBits) throw this.endedEarly();
    const p = this.pos++;
    return (this.data[p >>> 3] >>> (7 - (p & 7))) & 1;
  }

  /** The next n bits (0..32) as an unsigned number. */
  readBits(n: number): number {
    if (this.pos + n > this.totalBits) throw this.endedEarly();
    let v = 0;
    let p = this.pos;
    let left = n;
    while (left > 0) {
      const byte = this.data[p >>> 3];
      const off = p & 7;
      const take = Math.min(8 - off, left);
      const bits = (byte >>> (8 - off - take)) & ((1 << take) - 1);
      v = v * (1 << take) + bits;
      p += take;
      left -= take;
    }
    this.pos = p;
    return v;
  }

  readByte(): number {
    return this.readBits(8);
  }

  /** A raw 64-bit value as its two 32-bit words, into `out` (hi, lo). */
  readWords(out: XorState): void {
    out.hi = this.readBits(32) | 0;
    out.lo = this.readBits(32) | 0;
  }

  /** Prometheus's readVarbitInt: a unary bucket prefix of up to 8 ones, then 3..64 value bits (two's complement). */
  readVarbitInt(): number {
    const sz = this.varbitSize();
    if (sz === 0) return 0;
    if (sz === 64) {
      const hi = this.readBits(32) | 0;
      const lo = this.readBits(32);
      return hi * TWO_32 + lo; // exact while |v| < 2^53
    }
    // Values above 2^(sz-1) are negative (the comparison is '>' as in varbit.go: +2^(sz-1) itself is positive).
    if (sz <= 32) {
      const v = this.readBits(sz);
      return v > 2 ** (sz - 1) ? v - 2 ** sz : v;
    }
    // Wider buckets: sign-extend the high word first, so the sum stays exact below 2^53 in magnitude.
    const hiBits = this.readBits(sz - 32);
    const lo = this.readBits(32);
    const half = 2 ** (sz - 33);
    if (hiBits > half || (hiBits === half && lo > 0)) return (hiBits - 2 * half) * TWO_32 + lo;
    return hiBits * TWO_32 + lo;
  }

  /** Prometheus's readVarbitUint: the same prefixes, value bits unsigned. */
  readVarbitUint(): number {
    const sz = this.varbitSize();
    if (sz === 0) return 0;
    if (sz > 32) return this.readBits(sz - 32) * TWO_32 + this.readBits(32);
    return this.readBits(sz);
  }

  private varbitSize(): number {
    let ones = 0;
    while (ones < 8 && this.readBit() === 1) ones++;
    return VARBIT_SIZES[ones];
  }

  /** Prometheus's xorRead: '0' unchanged, '10' XOR inside the previous window, '11' + 5 bits leading + 6 bits length. */
  readXor(s: XorState): void {
    if (this.readBit() === 0) return;
    let sig: number;
    if (this.readBit() === 0) {
      sig = 64 - s.leading - s.trailing;
    } else {
      const leading = this.readBits(5);
      sig = this.readBits(6);
      if (sig === 0) sig = 64;
      if (leading + sig > 64) throw new DecodeError('decode', `${this.what} has an XOR value window over 64 bits`);
      s.leading = leading;
      s.trailing = 64 - leading - sig;
    }
    if (sig <= 0) throw new DecodeError('decode', `${this.what} reuses an empty XOR value window`);
    // Read sig bits and shift them left by `trailing` into the 64-bit value, a word at a time.
    const trailing = s.trailing;
    let hi: number;
    let lo: number;
    if (sig > 32) {
      const top = this.readBits(sig - 32);
      const bottom = this.readBits(32);
      [hi, lo] = shiftLeft64(top, bottom, trailing);
    } else {
      [hi, lo] = shiftLeft64(0, this.readBits(sig), trailing);
    }
    s.hi ^= hi;
    s.lo ^= lo;
  }
}

/** Value bits after 0..8 leading ones (varbit.go's buckets). */
const VARBIT_SIZES = [0, 3, 6, 9, 12, 18, 25, 56, 64];

/** (hi:lo) << n for 0 <= n < 64, as int32 words. */
function shiftLeft64(hi: number, lo: number, n: number): [number, number] {
  if (n === 0) return [hi | 0, lo | 0];
  if (n >= 32) return [(lo << (n - 32)) | 0, 0];
  return [((hi << n) | (lo >>> (32 - n))) | 0, (lo << n) | 0];
}

// Our own encoder of Prometheus's XOR chunk format (the mirror of xor-chunk.ts), for the in-repo remote_read server,
// round-trip tests and fuzzing. Reads values as raw words so NaN payloads (stale markers) survive bit-exactly.
import { BitWriter } from './bit-writer';
import { WORD_HI, WORD_LO } from './series-builder';

const TWO_32 = 4294967296;

/** Prometheus cuts head chunks at 120 samples. */
export const MAX_SAMPLES_PER_CHUNK = 120;

export function clz64(hi: number, lo: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

export function ctz64(hi: number, lo: number): number {
  return lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
}

/** Two's-complement 64-bit words of an integer held in a float. */
function int64Words(v: number): [number, number] {
  const lo = ((v % TWO_32) + TWO_32) % TWO_32;
  const hi = Math.floor((v - lo) / TWO_32);
  return [hi >>> 0, lo >>> 0];
}

function bitRange(x: number, nbits: number): boolean {
  return -(2 ** (nbits - 1) - 1) <= x && x <= 2 ** (nbits - 1);
}

/** Encode samples [from, to) of the arrays as one XOR chunk (at most 65535 samples; the server uses 120). */
export function encodeXorChunk(timestamps: Float64Array, values: Float64Array, from = 0, to = timestamps.length): Uint8Array {
  const n = to - from;
  if (n < 0 || n > 0xffff) throw new RangeError(`an XOR chunk holds 0..65535 samples, not ${n}`);
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const w = new BitWriter(16 + n * 2);
  w.writeBits(n, 16);
  if (n === 0) return w.bytes();

  let prevT = 0;
  let prevDelta = 0;
  let vHi = 0;
  let vLo = 0;
  let leading = 0xff; // "no window yet": the first XOR always writes its own.
  let trailing = 0;

  for (let i = from; i < to; i++) {
    const t = timestamps[i];
    const hi = words[2 * i + WORD_HI];
    const lo = words[2 * i + WORD_LO];
    const k = i - from;
    if (k === 0) {
      w.writeVarint(t);
      w.writeBits(hi, 32);
      w.writeBits(lo, 32);
    } else {
      if (k === 1) {
        prevDelta = t - prevT;
        w.writeUvarint(prevDelta >= 0 ? prevDelta : prevDelta + 2 ** 64);
      } else {
        const delta = t - prevT;
        const dod = delta - prevDelta;
        if (dod === 0) w.writeBit(0);
        else if (bitRange(dod, 14)) {
          w.writeBits(0b10, 2);
          w.writeBits(dod & 0x3fff, 14);
        } else if (bitRange(dod, 17)) {
          w.writeBits(0b110, 3);
          w.writeBits(dod & 0x1ffff, 17);
        } else if (bitRange(dod, 20)) {
          w.writeBits(0b1110, 4);
          w.writeBits(dod & 0xfffff, 20);
        } else {
          w.writeBits(0b1111, 4);
          const [dh, dl] = int64Words(dod);
          w.writeBits(dh, 32);
          w.writeBits(dl, 32);
        }
        prevDelta = delta;
      }
      const dHi = (hi ^ vHi) >>> 0;
      const dLo = (lo ^ vLo) >>> 0;
      if (dHi === 0 && dLo === 0) {
        w.writeBit(0);
      } else {
        w.writeBit(1);
        let newLeading = clz64(dHi, dLo);
        const newTrailing = ctz64(dHi, dLo);
        if (newLeading >= 32) newLeading = 31; // 5 bits hold at most 31.
        if (leading !== 0xff && newLeading >= leading && newTrailing >= trailing) {
          w.writeBit(0);
          writeShifted(w, dHi, dLo, trailing, 64 - leading - trailing);
        } else {
          leading = newLeading;
          trailing = newTrailing;
          w.writeBit(1);
          w.writeBits(leading, 5);
          const sig = 64 - leading - trailing;
          w.writeBits(sig & 0x3f, 6); // 64 is written as 0.
          writeShifted(w, dHi, dLo, trailing, sig);
        }
      }
    }
    prevT = t;
    vHi = hi;
    vLo = lo;
  }
  return w.bytes();
}

/** Write the `count` bits of (hi:lo) >> shift. */
export function writeShifted(w: BitWriter, hi: number, lo: number, shift: number, count: number): void {
  let sHi: number;
  let sLo: number;
  if (shift >= 32) {
    sHi = 0;
    sLo = hi >>> (shift - 32);
  } else if (shift > 0) {
    sLo = ((lo >>> shift) | (hi << (32 - shift))) >>> 0;
    sHi = hi >>> shift;
  } else {
    sHi = hi;
    sLo = lo;
  }
  if (count > 32) {
    w.writeBits(sHi, count - 32);
    w.writeBits(sLo, 32);
  } else {
    w.writeBits(sLo, count);
  }
}

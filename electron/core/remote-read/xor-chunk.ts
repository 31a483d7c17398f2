// Decoder for Prometheus's XOR (Gorilla) chunk: delta-of-delta timestamps and XOR'd float64 values with a
// leading/trailing-zero window. Writes straight into a SeriesBuilder as raw 32-bit words; never allocates per sample.
import { BitReader } from './bit-reader';
import { DecodeError } from './errors';
import type { SeriesBuilder } from './series-builder';

const TWO_32 = 4294967296;
const TWO_64 = 18446744073709551616;
/** Bits following the delta-of-delta prefixes '10', '110', '1110' (index = number of leading 1 bits). */
const DOD_BITS = [0, 14, 17, 20];

/** Sample count from the chunk's 2-byte big-endian header. */
export function xorChunkSampleCount(data: Uint8Array): number {
  if (data.length < 2) throw new DecodeError('decode', 'XOR chunk shorter than its header');
  return (data[0] << 8) | data[1];
}

/**
 * Decode every sample of an XOR chunk and append those with minT <= t <= maxT to `out` (the query window trim).
 * Returns how many samples were appended. Throws DecodeError on a corrupt or truncated chunk.
 */
export function decodeXorChunk(data: Uint8Array, out: SeriesBuilder, minT = -Infinity, maxT = Infinity): number {
  const total = xorChunkSampleCount(data);
  if (total === 0) return 0;
  out.ensureCapacity(total);
  const r = new BitReader(data, 2);
  const start = out.length;

  // Sample 0: varint timestamp and the raw 64 value bits.
  let t = r.readVarint();
  let vHi = r.readBits(32);
  let vLo = r.readBits(32);
  if (t >= minT && t <= maxT) out.pushBits(t, vHi, vLo);
  if (total === 1) return out.length - start;

  // Sample 1: uvarint time delta (int64 bits as unsigned) and an XOR'd value.
  let delta = r.readUvarint();
  if (delta >= 2 ** 63) delta -= TWO_64;
  t += delta;
  let leading = 0;
  let trailing = 0;

  for (let i = 1; i < total; i++) {
    if (i > 1) {
      // Delta-of-delta bucket: '0', '10'+14 bits, '110'+17, '1110'+20, '1111'+64.
      // The prefix is a run of up to four 1 bits, ended early by a 0.
      let ones = 0;
      while (ones < 4 && r.readBit() === 1) ones++;
      if (ones === 4) {
        const hi = r.readBits(32);
        const lo = r.readBits(32);
        delta += (hi | 0) * TWO_32 + lo;
      } else if (ones > 0) {
        const sz = DOD_BITS[ones];
        let dod = r.readBits(sz);
        // Negative values come back as large unsigned ones (see Prometheus docs/bstream.md).
        if (dod > 2 ** (sz - 1)) dod -= 2 ** sz;
        delta += dod;
      }
      t += delta;
    }

    // Value: '0' same as before; '10' XOR inside the previous window; '11' + 5 bits leading + 6 bits length.
    if (r.readBit() === 1) {
      if (r.readBit() === 1) {
        leading = r.readBits(5);
        let sig = r.readBits(6);
        if (sig === 0) sig = 64; // 64 does not fit in 6 bits and 0 significant bits never happens.
        if (leading + sig > 64) throw new DecodeError('decode', 'XOR chunk value window exceeds 64 bits');
        trailing = 64 - leading - sig;
      }
      const sig = 64 - leading - trailing;
      let dHi = 0;
      let dLo: number;
      if (sig > 32) {
        dHi = r.readBits(sig - 32);
        dLo = r.readBits(32);
      } else {
        dLo = r.readBits(sig);
      }
      // Shift the significant bits left by `trailing` across the two 32-bit words.
      if (trailing >= 32) {
        dHi = trailing === 64 ? 0 : dLo << (trailing - 32);
        dLo = 0;
      } else if (trailing > 0) {
        dHi = (dHi << trailing) | (dLo >>> (32 - trailing));
        dLo = dLo << trailing;
      }
      vHi = (vHi ^ dHi) >>> 0;
      vLo = (vLo ^ dLo) >>> 0;
    }
    if (t >= minT && t <= maxT) out.pushBits(t, vHi, vLo);
  }
  return out.length - start;
}

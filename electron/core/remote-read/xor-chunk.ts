// Decoder for Prometheus's XOR (Gorilla) chunk: delta-of-delta timestamps and XOR'd float64 values with a
// leading/trailing-zero window. Writes straight into a SeriesBuilder's typed arrays as raw 32-bit words (NaN payloads
// stay bit-exact); one tight loop with no call or allocation per sample, because this is the client's hottest path.
import { PAD_BYTES, msbRangeMask, paddedCopy, peek32 } from './bit-reader';
import { DecodeError } from './errors';
import { WORD_HI, WORD_LO, type SeriesBuilder } from './series-builder';

const TWO_32 = 4294967296;
const TWO_64 = 18446744073709551616;

/** Sample count from the chunk's 2-byte big-endian header. */
export function xorChunkSampleCount(data: Uint8Array): number {
  if (data.length < 2) throw new DecodeError('decode', 'XOR chunk shorter than its header');
  return (data[0] << 8) | data[1];
}

const endedEarly = () => new DecodeError('decode', 'XOR chunk ended early');

/** End offset of the last byteUvarint (a module slot rather than a tuple: no allocation). */
let varintEnd = 0;

/** Unsigned LEB128 varint at a byte offset (the first two samples are byte-aligned), as Go's binary.ReadUvarint. */
function byteUvarint(d: DataView, at: number, len: number): number {
  let result = 0;
  let mul = 1;
  for (let k = 0; k < 10; k++) {
    if (at >= len) throw endedEarly();
    const b = d.getUint8(at++);
    result += (b & 0x7f) * mul;
    if (b < 0x80) {
      varintEnd = at;
      return result;
    }
    mul *= 128;
  }
  throw new DecodeError('decode', 'varint overflows 64 bits in XOR chunk');
}

/**
 * Decode every sample of an XOR chunk and append those with minT <= t <= maxT to `out` (the query window trim).
 * Returns how many samples were appended. Throws DecodeError on a corrupt or truncated chunk; samples before the
 * damage stay appended.
 */
export function decodeXorChunk(data: Uint8Array, out: SeriesBuilder, minT = -Infinity, maxT = Infinity): number {
  const total = xorChunkSampleCount(data);
  if (total === 0) return 0;
  out.ensureCapacity(total);
  const len = data.length;
  const totalBits = len * 8;
  // Reads may run up to PAD_BYTES past the end; the position is checked against totalBits once per sample, before
  // the sample is kept, which throws exactly where a bounds check on every read would have. Bits past the end are
  // only ever masked off or thrown away, so when the chunk's buffer goes on for PAD_BYTES (a chunk inside a frame
  // usually does) it is read in place; else from a zero-padded copy.
  const inPlace = data.buffer.byteLength - data.byteOffset - len >= PAD_BYTES;
  const d = inPlace ? new DataView(data.buffer, data.byteOffset) : paddedCopy(data);

  const ts = out.timestamps;
  const words = out.valueWords;
  const start = out.length;
  let n = start;
  let sorted = out.sorted;
  let prevT = n > 0 ? ts[n - 1] : -Infinity;

  // Sample 0: zig-zag varint timestamp and the raw 64 value bits, all byte-aligned from byte 2.
  const u = byteUvarint(d, 2, len);
  let t = u % 2 === 0 ? u / 2 : -(u + 1) / 2; // float math stays exact below 2^53
  let at = varintEnd;
  if (at + 8 > len) throw endedEarly();
  let vHi = d.getInt32(at);
  let vLo = d.getInt32(at + 4);
  at += 8;
  if (t >= minT && t <= maxT) {
    if (t <= prevT) sorted = false; // overlaps the builder's previous chunk
    ts[n] = t;
    words[2 * n + WORD_HI] = vHi;
    words[2 * n + WORD_LO] = vLo;
    prevT = t;
    n++;
  }
  // Kept even if the rest of the chunk turns out to be damaged.
  out.length = n;
  out.sorted = sorted;
  if (total === 1) return n - start;

  // Sample 1: uvarint time delta (int64 bits as unsigned); from here on everything is bit-aligned.
  let delta = byteUvarint(d, at, len);
  if (delta >= 2 ** 63) delta -= TWO_64;
  t += delta;
  let pos = varintEnd * 8;

  // The value window: `leading` zero bits, `sig` significant bits. Instead of reading sig bits and shifting them by
  // the trailing-zero count, load the two 32-bit words that line the significant bits up with the value's own bit
  // positions (starting `leading` bits before them) and mask; the masks change only with the window.
  let leading = 0;
  let sig = 64;
  let hiMask = -1;
  let loMask = -1;

  for (let i = 1; i < total; i++) {
    if (i > 1) {
      // Delta-of-delta bucket: '0', '10'+14 bits, '110'+17, '1110'+20, '1111'+64. Negative values come back as
      // large unsigned ones, and the comparison is '>' as in Prometheus (see its docs/bstream.md).
      // peek32(d, pos) written out (here and below): TurboFan does not always inline it into a function this size.
      const w = (d.getInt32(pos >>> 3) << (pos & 7)) | (d.getUint8((pos >>> 3) + 4) >>> (8 - (pos & 7)));
      if (w >= 0) pos += 1;
      else if ((w & 0x40000000) === 0) {
        let dod = (w >>> 16) & 0x3fff;
        if (dod > 8192) dod -= 16384;
        delta += dod;
        pos += 16;
      } else if ((w & 0x20000000) === 0) {
        let dod = (w >>> 12) & 0x1ffff;
        if (dod > 65536) dod -= 131072;
        delta += dod;
        pos += 20;
      } else if ((w & 0x10000000) === 0) {
        let dod = (w >>> 8) & 0xfffff;
        if (dod > 524288) dod -= 1048576;
        delta += dod;
        pos += 24;
      } else {
        const hi = peek32(d, pos + 4);
        const lo = peek32(d, pos + 36) >>> 0;
        delta += hi * TWO_32 + lo;
        pos += 68;
      }
      t += delta;
    }

    // Value: '0' same as before; '10' XOR inside the previous window; '11' + 5 bits leading + 6 bits length.
    const v = (d.getInt32(pos >>> 3) << (pos & 7)) | (d.getUint8((pos >>> 3) + 4) >>> (8 - (pos & 7)));
    if (v >= 0) pos += 1;
    else {
      if ((v & 0x40000000) === 0) pos += 2;
      else {
        const newLeading = (v >>> 25) & 31;
        let newSig = (v >>> 19) & 63;
        if (newSig === 0) newSig = 64; // 64 does not fit in 6 bits and 0 significant bits never happens.
        pos += 13;
        if (newLeading + newSig > 64) {
          out.length = n;
          out.sorted = sorted;
          if (pos > totalBits) throw endedEarly();
          throw new DecodeError('decode', 'XOR chunk value window exceeds 64 bits');
        }
        leading = newLeading;
        sig = newSig;
        const end = leading + sig; // bit after the last significant one, counted from the top of the value
        hiMask = msbRangeMask(leading, end < 32 ? end : 32);
        loMask = msbRangeMask(leading > 32 ? leading - 32 : 0, end - 32);
      }
      const base = pos - leading; // never negative: at least 96 bits of header precede any value window
      const b = base >>> 3;
      const o = base & 7;
      vHi ^= ((d.getInt32(b) << o) | (d.getUint8(b + 4) >>> (8 - o))) & hiMask;
      vLo ^= ((d.getInt32(b + 4) << o) | (d.getUint8(b + 8) >>> (8 - o))) & loMask;
      pos += sig;
    }

    if (pos > totalBits) {
      out.length = n;
      out.sorted = sorted;
      throw endedEarly();
    }
    if (t >= minT && t <= maxT) {
      if (t <= prevT) sorted = false;
      ts[n] = t;
      words[2 * n + WORD_HI] = vHi;
      words[2 * n + WORD_LO] = vLo;
      prevT = t;
      n++;
    }
  }
  out.length = n;
  out.sorted = sorted;
  return n - start;
}

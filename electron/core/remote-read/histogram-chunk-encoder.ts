// Our own encoder of Prometheus's native histogram chunks (the mirror of histogram-chunk.ts), for the in-repo
// remote_read server, round-trip tests and fuzzing. A chunk holds samples of one bucket layout; the caller cuts
// chunks (chunk-cutting rules: histogram-chunk-runs.ts). Stale samples are written as Prometheus writes them: the
// stale-marker sum and no buckets.
import { isStaleAt } from '@core/series/stale-marker';
import { CUSTOM_BUCKETS_SCHEMA, type FloatHistogram } from '@core/series/histogram';
import { BitWriter } from './bit-writer';
import { WORD_HI, WORD_LO } from './series-builder';
import { clz64, ctz64, writeShifted } from './xor-chunk-encoder';

const TWO_32 = 4294967296;
const STALE_HI = 0x7ff00000;
const STALE_LO = 0x00000002;

/** Write `v` (an integer below 2^53 in magnitude) as its low n bits, two's complement, n <= 64. */
function writeIntBits(w: BitWriter, v: number, n: number): void {
  const a = Math.abs(v);
  let hi = Math.floor(a / TWO_32);
  let lo = a - hi * TWO_32;
  if (v < 0) {
    // Two's complement of the magnitude, word by word (v + 2^64 would round above 2^53).
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
  if (n > 32) w.writeBits(hi >>> 0, n - 32);
  w.writeBits(lo >>> 0, Math.min(n, 32));
}

function bitRange(x: number, n: number): boolean {
  return -(2 ** (n - 1) - 1) <= x && x <= 2 ** (n - 1);
}

const BUCKETS: readonly [number, number, number][] = [
  [3, 0b10, 2],
  [6, 0b110, 3],
  [9, 0b1110, 4],
  [12, 0b11110, 5],
  [18, 0b111110, 6],
  [25, 0b1111110, 7],
  [56, 0b11111110, 8],
];

/** Prometheus's putVarbitInt. */
export function putVarbitInt(w: BitWriter, v: number): void {
  if (v === 0) {
    w.writeBit(0);
    return;
  }
  for (const [size, prefix, prefixBits] of BUCKETS) {
    if (bitRange(v, size)) {
      w.writeBits(prefix, prefixBits);
      writeIntBits(w, v, size);
      return;
    }
  }
  w.writeBits(0xff, 8);
  writeIntBits(w, v, 64);
}

/** Prometheus's putVarbitUint. */
export function putVarbitUint(w: BitWriter, v: number): void {
  if (v === 0) {
    w.writeBit(0);
    return;
  }
  for (const [size, prefix, prefixBits] of BUCKETS) {
    if (v < 2 ** size) {
      w.writeBits(prefix, prefixBits);
      writeIntBits(w, v, size);
      return;
    }
  }
  w.writeBits(0xff, 8);
  writeIntBits(w, v, 64);
}

interface XorWriteState {
  hi: number;
  lo: number;
  leading: number;
  trailing: number;
}

const newState = (): XorWriteState => ({ hi: 0, lo: 0, leading: 0xff, trailing: 0 });

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

function floatWords(v: number): [number, number] {
  scratch[0] = v;
  return [scratchWords[WORD_HI], scratchWords[WORD_LO]];
}

function writeRaw(w: BitWriter, hi: number, lo: number, s: XorWriteState): void {
  w.writeBits(hi >>> 0, 32);
  w.writeBits(lo >>> 0, 32);
  s.hi = hi;
  s.lo = lo;
}

/** Prometheus's xorWrite (the first call on a fresh state always writes a window). */
function writeXor(w: BitWriter, hi: number, lo: number, s: XorWriteState): void {
  const dHi = (hi ^ s.hi) >>> 0;
  const dLo = (lo ^ s.lo) >>> 0;
  s.hi = hi;
  s.lo = lo;
  if (dHi === 0 && dLo === 0) {
    w.writeBit(0);
    return;
  }
  w.writeBit(1);
  let leading = clz64(dHi, dLo);
  const trailing = ctz64(dHi, dLo);
  if (leading >= 32) leading = 31;
  if (s.leading !== 0xff && leading >= s.leading && trailing >= s.trailing) {
    w.writeBit(0);
    writeShifted(w, dHi, dLo, s.trailing, 64 - s.leading - s.trailing);
    return;
  }
  s.leading = leading;
  s.trailing = trailing;
  w.writeBit(1);
  w.writeBits(leading, 5);
  const sig = 64 - leading - trailing;
  w.writeBits(sig & 0x3f, 6);
  writeShifted(w, dHi, dLo, trailing, sig);
}

function spanBuckets(spans: Int32Array): number {
  let n = 0;
  for (let i = 1; i < spans.length; i += 2) n += spans[i];
  return n;
}

function writeSpans(w: BitWriter, spans: Int32Array): void {
  putVarbitUint(w, spans.length / 2);
  for (let i = 0; i < spans.length; i += 2) {
    putVarbitUint(w, spans[i + 1]);
    putVarbitInt(w, spans[i]);
  }
}

function writeZeroThreshold(w: BitWriter, zt: number): void {
  if (zt === 0) {
    w.writeByte(0);
    return;
  }
  // A power of two 2^-243..2^10 is one byte (its exponent + 243 in frexp's convention); anything else 255 + 8 bytes.
  const e = Math.log2(zt);
  if (Number.isInteger(e) && e >= -243 && e <= 10) {
    w.writeByte(e + 1 + 243);
    return;
  }
  w.writeByte(255);
  const [hi, lo] = floatWords(zt);
  w.writeBits(hi, 32);
  w.writeBits(lo, 32);
}

function writeCustomBound(w: BitWriter, b: number): void {
  const tf = b * 1000;
  if (tf < 0 || tf > 33554430 || Math.round(tf) / 1000 !== b) {
    w.writeBit(0);
    const [hi, lo] = floatWords(b);
    w.writeBits(hi, 32);
    w.writeBits(lo, 32);
    return;
  }
  putVarbitUint(w, Math.round(tf) + 1);
}

const EMPTY_SPANS = new Int32Array(0);

/**
 * Encode samples [from, to) as one chunk. Every non-stale histogram must share the layout of the first sample
 * (a stale first sample means the empty layout, so only stale samples may follow it). `floatCounts` selects
 * FLOAT_HISTOGRAM; otherwise counts must be integers (HISTOGRAM). `header` is the counter-reset header byte.
 */
export function encodeHistogramChunk(
  timestamps: Float64Array,
  values: Float64Array,
  histograms: readonly (FloatHistogram | null)[],
  from: number,
  to: number,
  floatCounts: boolean,
  header: number,
): Uint8Array {
  const n = to - from;
  if (n < 0 || n > 0xffff) throw new RangeError(`a histogram chunk holds 0..65535 samples, not ${n}`);
  const w = new BitWriter(64 + n * 16);
  w.writeBits(n, 16);
  w.writeByte(header & 0xc0);
  if (n === 0) return w.bytes();
  const first = histograms[from];
  const pSpans = first?.positiveSpans ?? EMPTY_SPANS;
  const nSpans = first?.negativeSpans ?? EMPTY_SPANS;
  const schema = first?.schema ?? 0;
  writeZeroThreshold(w, first?.zeroThreshold ?? 0);
  putVarbitInt(w, schema);
  writeSpans(w, pSpans);
  writeSpans(w, nSpans);
  if (schema === CUSTOM_BUCKETS_SCHEMA) {
    const cv = first?.customValues ?? new Float64Array(0);
    putVarbitUint(w, cv.length);
    for (const b of cv) writeCustomBound(w, b);
  }
  const np = spanBuckets(pSpans);
  const nn = spanBuckets(nSpans);

  // Reader-side state, mirrored exactly (after a stale sample too) so every delta is what the decoder expects.
  let prevT = 0;
  let tDelta = 0;
  let count = 0;
  let countDelta = 0;
  let zero = 0;
  let zeroDelta = 0;
  const pCur = new Float64Array(np);
  const pDelta = new Float64Array(np);
  const nCur = new Float64Array(nn);
  const nDelta = new Float64Array(nn);
  const cnt = newState();
  const zCnt = newState();
  const sum = newState();
  const pX = Array.from({ length: np }, newState);
  const nX = Array.from({ length: nn }, newState);

  for (let i = from; i < to; i++) {
    const k = i - from;
    const t = timestamps[i];
    const h = histograms[i];
    const stale = !h;
    if (stale && !isStaleAt(values, i)) throw new RangeError(`sample ${i} is neither a histogram nor a stale marker`);
    if (h && (h.positiveBuckets.length !== np || h.negativeBuckets.length !== nn)) {
      throw new RangeError(`sample ${i} does not share the chunk's bucket layout`);
    }
    const [sHi, sLo] = stale ? [STALE_HI, STALE_LO] : floatWords(h.sum);
    if (k === 0) {
      putVarbitInt(w, t);
      if (floatCounts) {
        writeRaw(w, ...floatWords(h?.count ?? 0), cnt);
        writeRaw(w, ...floatWords(h?.zeroCount ?? 0), zCnt);
        writeRaw(w, sHi, sLo, sum);
        for (let b = 0; b < np; b++) writeRaw(w, ...floatWords(h!.positiveBuckets[b]), pX[b]);
        for (let b = 0; b < nn; b++) writeRaw(w, ...floatWords(h!.negativeBuckets[b]), nX[b]);
      } else {
        count = h?.count ?? 0;
        zero = h?.zeroCount ?? 0;
        putVarbitUint(w, count);
        putVarbitUint(w, zero);
        writeRaw(w, sHi, sLo, sum);
        writeIntDeltas(w, h?.positiveBuckets, pCur, null);
        writeIntDeltas(w, h?.negativeBuckets, nCur, null);
      }
    } else {
      const d = t - prevT;
      putVarbitInt(w, d - tDelta);
      tDelta = d;
      if (floatCounts) {
        writeXor(w, ...floatWords(h?.count ?? 0), cnt);
        writeXor(w, ...floatWords(h?.zeroCount ?? 0), zCnt);
        writeXor(w, sHi, sLo, sum);
        if (h) {
          for (let b = 0; b < np; b++) writeXor(w, ...floatWords(h.positiveBuckets[b]), pX[b]);
          for (let b = 0; b < nn; b++) writeXor(w, ...floatWords(h.negativeBuckets[b]), nX[b]);
        }
      } else if (h) {
        putVarbitInt(w, h.count - count - countDelta);
        countDelta = h.count - count;
        count = h.count;
        putVarbitInt(w, h.zeroCount - zero - zeroDelta);
        zeroDelta = h.zeroCount - zero;
        zero = h.zeroCount;
        writeXor(w, sHi, sLo, sum);
        writeIntDeltas(w, h.positiveBuckets, pCur, pDelta);
        writeIntDeltas(w, h.negativeBuckets, nCur, nDelta);
      } else {
        // Stale: no count change written; the reader still advances by its last deltas, and so do we.
        putVarbitInt(w, 0);
        putVarbitInt(w, 0);
        count += countDelta;
        zero += zeroDelta;
        writeXor(w, sHi, sLo, sum);
      }
    }
    prevT = t;
  }
  return w.bytes();
}

/**
 * Integer buckets: each bucket's count is held as its delta to the previous bucket (`cur`); the first sample writes
 * those, later ones write how much each changed minus how much it changed last time (`delta`).
 */
function writeIntDeltas(w: BitWriter, counts: Float64Array | undefined, cur: Float64Array, delta: Float64Array | null): void {
  let prev = 0;
  for (let b = 0; b < cur.length; b++) {
    const c = counts ? counts[b] : 0;
    const v = c - prev;
    prev = c;
    if (!delta) putVarbitInt(w, v);
    else {
      const d = v - cur[b];
      putVarbitInt(w, d - delta[b]);
      delta[b] = d;
    }
    cur[b] = v;
  }
}

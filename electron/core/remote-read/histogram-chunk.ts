// Decoder for Prometheus's native histogram chunks (tsdb/chunkenc histogram.go and float_histogram.go; the layout
// Prometheus 2.40+ writes, unchanged since apart from custom bounds for schema -53):
//   2 bytes sample count (big-endian) · 1 byte flags (top two bits: counter-reset header) ·
//   layout: zero threshold (1 or 9 bytes), varbit schema, positive spans, negative spans (varbit count, then
//   varbit-uint length and varbit-int offset each), [custom bounds when schema is -53] ·
//   sample 0: varbit t; HISTOGRAM: varbit-uint count and zero count, raw 64-bit sum, varbit-int bucket deltas
//             (each bucket relative to the previous one); FLOAT_HISTOGRAM: raw 64-bit count, zero count, sum, buckets
//   sample k: varbit delta-of-delta t; HISTOGRAM: varbit dod of count and zero count, XOR sum, varbit dod of every
//             bucket's delta; FLOAT_HISTOGRAM: XOR count, zero count, sum and every bucket (each its own window).
// A sum carrying the stale-marker bits is a stale sample: no buckets follow it, and it becomes a float stale marker.
// Only samples inside [minT, maxT] become objects (one FloatHistogram per sample; buckets in typed arrays).
import { CUSTOM_BUCKETS_SCHEMA, CounterResetHint, type FloatHistogram } from '@core/series/histogram';
import { DecodeError } from './errors';
import { WORD_HI, WORD_LO, type SeriesBuilder } from './series-builder';
import { VarbitReader, type XorState } from './varbit-reader';

export const HISTOGRAM_HEADER_BYTES = 3;

/** The counter-reset header in the top two bits of the flags byte (histogram.go's CounterResetHeader). */
export const CounterResetHeader = { Unknown: 0x00, CounterReset: 0x80, NotCounterReset: 0x40, Gauge: 0xc0 } as const;
export type CounterResetHeader = (typeof CounterResetHeader)[keyof typeof CounterResetHeader];

const STALE_HI = 0x7ff00000;
const STALE_LO = 0x00000002;

/** Sample count from the chunk's 2-byte big-endian header. */
export function histogramChunkSampleCount(data: Uint8Array): number {
  if (data.length < HISTOGRAM_HEADER_BYTES) throw new DecodeError('decode', 'histogram chunk shorter than its header');
  return (data[0] << 8) | data[1];
}

/**
 * The hint a sample gets from its chunk, as Prometheus 3's counterResetHint: a gauge chunk holds gauges; after the
 * first sample there is no reset inside a chunk; the first sample's hint is unknown (Prometheus 2.42 trusted a
 * CounterReset header there; 3.x does not, because the previous chunk may have been replaced by backfill).
 */
function hintFor(header: number, index: number): CounterResetHint {
  if (header === CounterResetHeader.Gauge) return CounterResetHint.Gauge;
  if (index > 0) return CounterResetHint.NotCounterReset;
  return CounterResetHint.Unknown;
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
function wordsToFloat(hi: number, lo: number): number {
  scratchWords[WORD_HI] = hi;
  scratchWords[WORD_LO] = lo;
  return scratch[0];
}

interface Layout {
  schema: number;
  zeroThreshold: number;
  positiveSpans: Int32Array;
  negativeSpans: Int32Array;
  customValues?: Float64Array;
  positiveCount: number;
  negativeCount: number;
}

/** Sanity bound on buckets per histogram: Prometheus's own limits are far below; a corrupt count must not allocate. */
const MAX_BUCKETS = 1 << 16;

function readSpans(r: VarbitReader, what: string): { spans: Int32Array; buckets: number } {
  const num = r.readVarbitUint();
  if (num > MAX_BUCKETS) throw new DecodeError('decode', `${what} declares ${num} spans`);
  const spans = new Int32Array(2 * num);
  let buckets = 0;
  for (let i = 0; i < num; i++) {
    const length = r.readVarbitUint();
    const offset = r.readVarbitInt();
    buckets += length;
    if (buckets > MAX_BUCKETS || !Number.isSafeInteger(offset) || Math.abs(offset) > 2 ** 31) {
      throw new DecodeError('decode', `${what} has an impossible bucket span`);
    }
    spans[2 * i] = offset;
    spans[2 * i + 1] = length;
  }
  return { spans, buckets };
}

function readLayout(r: VarbitReader): Layout {
  let zeroThreshold: number;
  const zt = r.readByte();
  if (zt === 0) zeroThreshold = 0;
  else if (zt === 255) {
    const hi = r.readBits(32);
    const lo = r.readBits(32);
    zeroThreshold = wordsToFloat(hi, lo);
  } else zeroThreshold = 0.5 * 2 ** (zt - 243);
  const schema = r.readVarbitInt();
  if (!Number.isSafeInteger(schema) || Math.abs(schema) > 2 ** 31) throw new DecodeError('decode', 'histogram chunk has an impossible schema');
  const pos = readSpans(r, 'histogram chunk');
  const neg = readSpans(r, 'histogram chunk');
  const layout: Layout = {
    schema,
    zeroThreshold,
    positiveSpans: pos.spans,
    negativeSpans: neg.spans,
    positiveCount: pos.buckets,
    negativeCount: neg.buckets,
  };
  if (schema === CUSTOM_BUCKETS_SCHEMA) {
    const n = r.readVarbitUint();
    if (n > MAX_BUCKETS) throw new DecodeError('decode', `histogram chunk declares ${n} custom bounds`);
    const bounds = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const b = r.readVarbitUint();
      bounds[i] = b === 0 ? wordsToFloat(r.readBits(32), r.readBits(32)) : (b - 1) / 1000;
    }
    layout.customValues = bounds;
  }
  return layout;
}

function isStale(s: XorState): boolean {
  return s.hi === STALE_HI && s.lo === STALE_LO;
}

function makeHistogram(
  layout: Layout,
  hint: CounterResetHint,
  count: number,
  zeroCount: number,
  sum: number,
  positive: Float64Array,
  negative: Float64Array,
): FloatHistogram {
  const h: FloatHistogram = {
    counterResetHint: hint,
    schema: layout.schema,
    zeroThreshold: layout.zeroThreshold,
    zeroCount,
    count,
    sum,
    // Spans are shared by every sample of the chunk: nothing ever mutates a decoded histogram's spans.
    positiveSpans: layout.positiveSpans,
    positiveBuckets: positive,
    negativeSpans: layout.negativeSpans,
    negativeBuckets: negative,
  };
  if (layout.customValues) h.customValues = layout.customValues;
  return h;
}

function pushStale(out: SeriesBuilder, t: number): void {
  const n = out.length;
  if (n > 0 && t <= out.timestamps[n - 1]) out.sorted = false;
  out.timestamps[n] = t;
  out.valueWords[2 * n + WORD_HI] = STALE_HI;
  out.valueWords[2 * n + WORD_LO] = STALE_LO;
  if (out.histograms) while (out.histograms.length <= n) out.histograms.push(null);
  out.length = n + 1;
}

/**
 * Decode every sample of a HISTOGRAM (integer counts) or FLOAT_HISTOGRAM chunk and append those with
 * minT <= t <= maxT to `out`; returns how many were appended. Integer counts become floats, as Prometheus's
 * AtFloatHistogram does. Throws DecodeError on a corrupt or truncated chunk; samples before the damage stay.
 */
export function decodeHistogramChunk(
  data: Uint8Array,
  floatCounts: boolean,
  out: SeriesBuilder,
  minT = -Infinity,
  maxT = Infinity,
): number {
  const what = floatCounts ? 'float histogram chunk' : 'histogram chunk';
  const total = histogramChunkSampleCount(data);
  if (total === 0) return 0;
  const header = data[2] & 0xc0;
  const r = new VarbitReader(data, HISTOGRAM_HEADER_BYTES, what);
  const layout = readLayout(r);
  const np = layout.positiveCount;
  const nn = layout.negativeCount;
  const start = out.length;
  out.ensureCapacity(total);

  // Integer chunks: per bucket, the count delta to the previous bucket (`cur`) and its change since the last sample.
  const pCur = new Float64Array(np);
  const pDelta = new Float64Array(np);
  const nCur = new Float64Array(nn);
  const nDelta = new Float64Array(nn);
  // Float chunks: XOR state per bucket.
  const pXor: XorState[] = floatCounts ? Array.from({ length: np }, newXor) : [];
  const nXor: XorState[] = floatCounts ? Array.from({ length: nn }, newXor) : [];
  const cnt = newXor();
  const zCnt = newXor();
  const sum = newXor();
  let count = 0;
  let zeroCount = 0;
  let countDelta = 0;
  let zeroDelta = 0;
  let t = 0;
  let tDelta = 0;

  for (let i = 0; i < total; i++) {
    let stale: boolean;
    if (i === 0) {
      t = r.readVarbitInt();
      if (floatCounts) {
        r.readWords(cnt);
        r.readWords(zCnt);
        r.readWords(sum);
        for (let k = 0; k < np; k++) r.readWords(pXor[k]);
        for (let k = 0; k < nn; k++) r.readWords(nXor[k]);
      } else {
        count = r.readVarbitUint();
        zeroCount = r.readVarbitUint();
        r.readWords(sum);
        for (let k = 0; k < np; k++) pCur[k] = r.readVarbitInt();
        for (let k = 0; k < nn; k++) nCur[k] = r.readVarbitInt();
      }
      stale = isStale(sum);
    } else {
      tDelta += r.readVarbitInt();
      t += tDelta;
      if (floatCounts) {
        r.readXor(cnt);
        r.readXor(zCnt);
        r.readXor(sum);
        stale = isStale(sum);
        if (!stale) {
          for (let k = 0; k < np; k++) r.readXor(pXor[k]);
          for (let k = 0; k < nn; k++) r.readXor(nXor[k]);
        }
      } else {
        countDelta += r.readVarbitInt();
        count += countDelta;
        zeroDelta += r.readVarbitInt();
        zeroCount += zeroDelta;
        r.readXor(sum);
        stale = isStale(sum);
        if (!stale) {
          for (let k = 0; k < np; k++) {
            pDelta[k] += r.readVarbitInt();
            pCur[k] += pDelta[k];
          }
          for (let k = 0; k < nn; k++) {
            nDelta[k] += r.readVarbitInt();
            nCur[k] += nDelta[k];
          }
        }
      }
    }
    if (!Number.isSafeInteger(t)) throw new DecodeError('decode', `${what} has a timestamp out of range`);
    if (t < minT || t > maxT) continue;
    if (stale) {
      pushStale(out, t);
      continue;
    }
    const positive = new Float64Array(np);
    const negative = new Float64Array(nn);
    let c: number;
    let z: number;
    if (floatCounts) {
      for (let k = 0; k < np; k++) positive[k] = wordsToFloat(pXor[k].hi, pXor[k].lo);
      for (let k = 0; k < nn; k++) negative[k] = wordsToFloat(nXor[k].hi, nXor[k].lo);
      c = wordsToFloat(cnt.hi, cnt.lo);
      z = wordsToFloat(zCnt.hi, zCnt.lo);
    } else {
      // Absolute counts are running sums of the per-bucket deltas.
      let acc = 0;
      for (let k = 0; k < np; k++) positive[k] = acc += pCur[k];
      acc = 0;
      for (let k = 0; k < nn; k++) negative[k] = acc += nCur[k];
      c = count;
      z = zeroCount;
    }
    out.pushHistogram(t, makeHistogram(layout, hintFor(header, i), c, z, wordsToFloat(sum.hi, sum.lo), positive, negative));
  }
  return out.length - start;
}

function newXor(): XorState {
  return { hi: 0, lo: 0, leading: 0, trailing: 0 };
}

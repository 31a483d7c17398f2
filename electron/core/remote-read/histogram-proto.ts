// Decodes one prompb.Histogram (a native histogram sample of a SAMPLES response) into the shared FloatHistogram:
// integer histograms carry count_int / zero_count_int and per-bucket deltas (each bucket relative to the previous
// one, sint64), float histograms count_float / zero_count_float and absolute counts. Repeated numeric fields are
// accepted packed and unpacked, as protobuf requires of a parser.
import { CounterResetHint, type FloatHistogram } from '@core/series/histogram';
import { DecodeError } from './errors';
import { F } from './proto/field-numbers';
import { WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, WireReader } from './wire-reader';

const dv = (buf: Uint8Array) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

function zigzag(u: number): number {
  return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
}

/** Where a repeated field's values sit: packed ranges or single values, in wire order. */
class Repeated {
  readonly values: number[] = [];
}

export interface DecodedHistogramSample {
  timestampMs: number;
  /** The sum's raw bits say stale marker: the sample is a float stale marker, not a histogram. */
  stale: boolean;
  histogram: FloatHistogram;
}

function readSpan(buf: Uint8Array, start: number, end: number, out: number[]): void {
  const r = new WireReader(buf, start, end);
  let offset = 0;
  let length = 0;
  while (!r.done()) {
    const tag = r.uvarint();
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (field === F.spanOffset && wt === WIRE_VARINT) offset = zigzag(r.uvarint());
    else if (field === F.spanLength && wt === WIRE_VARINT) length = r.uvarint();
    else r.skip(wt);
  }
  if (Math.abs(offset) >= 2 ** 31 || length >= 2 ** 31) throw new DecodeError('decode', 'histogram bucket span out of range');
  out.push(offset, length);
}

function readDoubles(r: WireReader, wt: number, out: Repeated): void {
  const buf = r.buf;
  if (wt === WIRE_FIXED64) {
    out.values.push(dv(buf).getFloat64(r.fixed64(), true));
    return;
  }
  if (wt !== WIRE_LEN) throw new DecodeError('decode', `histogram counts have wire type ${wt}`);
  const s = r.lengthDelimited();
  const e = r.fieldEnd;
  if ((e - s) % 8 !== 0) throw new DecodeError('decode', 'packed histogram counts are not a whole number of doubles');
  const view = dv(buf);
  for (let at = s; at < e; at += 8) out.values.push(view.getFloat64(at, true));
}

function readSint64s(r: WireReader, wt: number, out: Repeated): void {
  if (wt === WIRE_VARINT) {
    out.values.push(zigzag(r.uvarint()));
    return;
  }
  if (wt !== WIRE_LEN) throw new DecodeError('decode', `histogram deltas have wire type ${wt}`);
  const s = r.lengthDelimited();
  const inner = new WireReader(r.buf, s, r.fieldEnd);
  while (!inner.done()) out.values.push(zigzag(inner.uvarint()));
}

const STALE_HI = 0x7ff00000;
const STALE_LO = 0x00000002;

const HINTS: readonly CounterResetHint[] = [
  CounterResetHint.Unknown,
  CounterResetHint.CounterReset,
  CounterResetHint.NotCounterReset,
  CounterResetHint.Gauge,
];

/** Decode the prompb.Histogram in buf[start, end). */
export function decodeHistogramMessage(buf: Uint8Array, start: number, end: number): DecodedHistogramSample {
  const r = new WireReader(buf, start, end);
  let count = 0;
  let zeroCount = 0;
  let sum = 0;
  let sumStale = false;
  let schema = 0;
  let zeroThreshold = 0;
  let hint: CounterResetHint = CounterResetHint.Unknown;
  let t = 0;
  let floatCounts = false;
  const pSpans: number[] = [];
  const nSpans: number[] = [];
  const pDeltas = new Repeated();
  const nDeltas = new Repeated();
  const pCounts = new Repeated();
  const nCounts = new Repeated();
  const custom = new Repeated();
  const view = dv(buf);
  while (!r.done()) {
    const tag = r.uvarint();
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (field === F.histCountInt && wt === WIRE_VARINT) count = r.uvarint();
    else if (field === F.histCountFloat && wt === WIRE_FIXED64) {
      count = view.getFloat64(r.fixed64(), true);
      floatCounts = true;
    } else if (field === F.histSum && wt === WIRE_FIXED64) {
      const at = r.fixed64();
      sum = view.getFloat64(at, true);
      sumStale = view.getUint32(at + 4, true) === STALE_HI && view.getUint32(at, true) === STALE_LO;
    } else if (field === F.histSchema && wt === WIRE_VARINT) schema = zigzag(r.uvarint());
    else if (field === F.histZeroThreshold && wt === WIRE_FIXED64) zeroThreshold = view.getFloat64(r.fixed64(), true);
    else if (field === F.histZeroCountInt && wt === WIRE_VARINT) zeroCount = r.uvarint();
    else if (field === F.histZeroCountFloat && wt === WIRE_FIXED64) zeroCount = view.getFloat64(r.fixed64(), true);
    else if ((field === F.histPositiveSpans || field === F.histNegativeSpans) && wt === WIRE_LEN) {
      const s = r.lengthDelimited();
      readSpan(buf, s, r.fieldEnd, field === F.histPositiveSpans ? pSpans : nSpans);
    } else if (field === F.histPositiveDeltas) readSint64s(r, wt, pDeltas);
    else if (field === F.histNegativeDeltas) readSint64s(r, wt, nDeltas);
    else if (field === F.histPositiveCounts) readDoubles(r, wt, pCounts);
    else if (field === F.histNegativeCounts) readDoubles(r, wt, nCounts);
    else if (field === F.histCustomValues) readDoubles(r, wt, custom);
    else if (field === F.histResetHint && wt === WIRE_VARINT) hint = HINTS[r.uvarint()] ?? CounterResetHint.Unknown;
    else if (field === F.histTimestamp && wt === WIRE_VARINT) t = r.int64();
    else r.skip(wt);
  }
  const positiveSpans = Int32Array.from(pSpans);
  const negativeSpans = Int32Array.from(nSpans);
  const positiveBuckets = bucketCounts(floatCounts || pCounts.values.length > 0, pCounts, pDeltas);
  const negativeBuckets = bucketCounts(floatCounts || nCounts.values.length > 0, nCounts, nDeltas);
  checkSpans(positiveSpans, positiveBuckets.length, 'positive');
  checkSpans(negativeSpans, negativeBuckets.length, 'negative');
  const histogram: FloatHistogram = {
    counterResetHint: hint,
    schema,
    zeroThreshold,
    zeroCount,
    count,
    sum,
    positiveSpans,
    positiveBuckets,
    negativeSpans,
    negativeBuckets,
  };
  if (custom.values.length) histogram.customValues = Float64Array.from(custom.values);
  return { timestampMs: t, stale: sumStale, histogram };
}

function bucketCounts(absolute: boolean, counts: Repeated, deltas: Repeated): Float64Array {
  if (absolute) return Float64Array.from(counts.values);
  const out = new Float64Array(deltas.values.length);
  let acc = 0;
  for (let i = 0; i < out.length; i++) out[i] = acc += deltas.values[i];
  return out;
}

function checkSpans(spans: Int32Array, buckets: number, side: string): void {
  let n = 0;
  for (let i = 1; i < spans.length; i += 2) n += spans[i];
  if (n !== buckets) {
    throw new DecodeError('decode', `histogram's ${side} spans cover ${n} buckets but it has ${buckets} bucket counts`);
  }
}

// Encodes one native histogram sample as a prompb.Histogram for the in-repo server's SAMPLES responses: integer
// histograms as Prometheus sends them (count_int, zero_count_int, per-bucket deltas), others with float counts.
import { F } from '@core/remote-read/proto/schema';
import type { FloatHistogram } from '@core/series/histogram';
import { ProtoWriter } from './proto-writer';

function integral(h: FloatHistogram): boolean {
  if (!Number.isInteger(h.count) || !Number.isInteger(h.zeroCount)) return false;
  return h.positiveBuckets.every(Number.isInteger) && h.negativeBuckets.every(Number.isInteger);
}

function spans(w: ProtoWriter, field: number, s: Int32Array): void {
  for (let i = 0; i < s.length; i += 2) {
    const span = new ProtoWriter().tag(F.spanOffset, 0).sint(s[i]).tag(F.spanLength, 0).uvarint(s[i + 1]).finish();
    w.bytes(field, span);
  }
}

function packedDeltas(counts: Float64Array): Uint8Array {
  const p = new ProtoWriter();
  let prev = 0;
  for (const c of counts) {
    p.sint(c - prev);
    prev = c;
  }
  return p.finish();
}

function packedDoubles(counts: Float64Array): Uint8Array {
  return new Uint8Array(counts.buffer.slice(counts.byteOffset, counts.byteOffset + counts.byteLength));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeHistogramMessage(t: number, h: FloatHistogram): Uint8Array {
  const w = new ProtoWriter();
  const ints = integral(h);
  if (ints) w.tag(F.histCountInt, 0).uvarint(h.count);
  else w.double(F.histCountFloat, h.count);
  w.double(F.histSum, h.sum);
  w.tag(F.histSchema, 0).sint(h.schema);
  w.double(F.histZeroThreshold, h.zeroThreshold);
  if (ints) w.tag(F.histZeroCountInt, 0).uvarint(h.zeroCount);
  else w.double(F.histZeroCountFloat, h.zeroCount);
  spans(w, F.histNegativeSpans, h.negativeSpans);
  if (h.negativeBuckets.length) {
    if (ints) w.bytes(F.histNegativeDeltas, packedDeltas(h.negativeBuckets));
    else w.bytes(F.histNegativeCounts, littleEndian(h.negativeBuckets));
  }
  spans(w, F.histPositiveSpans, h.positiveSpans);
  if (h.positiveBuckets.length) {
    if (ints) w.bytes(F.histPositiveDeltas, packedDeltas(h.positiveBuckets));
    else w.bytes(F.histPositiveCounts, littleEndian(h.positiveBuckets));
  }
  if (h.counterResetHint) w.tag(F.histResetHint, 0).uvarint(h.counterResetHint);
  w.tag(F.histTimestamp, 0).int64(t);
  if (h.customValues?.length) w.bytes(F.histCustomValues, littleEndian(h.customValues));
  return w.finish();
}

function littleEndian(a: Float64Array): Uint8Array {
  if (LITTLE_ENDIAN) return packedDoubles(a);
  const out = new Uint8Array(a.length * 8);
  const v = new DataView(out.buffer);
  a.forEach((x, i) => v.setFloat64(i * 8, x, true));
  return out;
}

// The buckets of a native histogram with their bounds, in the order and with the boundary rules Prometheus's
// AllBucketIterator gives (model/histogram): negative buckets from the most negative up, the zero bucket (only
// when its count is above 0), then positive buckets upwards; a bucket overlapping the zero bucket is cut at the
// zero threshold. Used by the API JSON, CSV and the renderer's tables.
import { bucketBound, CUSTOM_BUCKETS_SCHEMA } from './bounds';

/** What bucket iteration needs of a histogram (the core's FloatHistogram and the contract's HistogramSample fit). */
export interface BucketedHistogram {
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  positiveSpans: Int32Array;
  positiveBuckets: Float64Array;
  negativeSpans: Int32Array;
  negativeBuckets: Float64Array;
  customValues?: Float64Array;
}

/** Prometheus's JSON boundary rule: 0 (a,b], 1 [a,b), 2 (a,b), 3 [a,b]. */
export type BoundaryRule = 0 | 1 | 2 | 3;

export interface HistogramBucket {
  rule: BoundaryRule;
  lower: number;
  upper: number;
  count: number;
}

function rule(lowerInclusive: boolean, upperInclusive: boolean): BoundaryRule {
  if (lowerInclusive) return upperInclusive ? 3 : 1;
  return upperInclusive ? 0 : 2;
}

/** Absolute bucket indexes of a span list, in bucket order. */
function bucketIndexes(spans: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n);
  let idx = 0;
  let k = 0;
  for (let s = 0; s < spans.length; s += 2) {
    idx += spans[s];
    for (let j = 0; j < spans[s + 1] && k < n; j++) out[k++] = idx++;
  }
  return out;
}

/**
 * Every bucket of h, empty ones included when `withEmpty` (the JSON leaves them out, as Prometheus does).
 */
export function histogramBuckets(h: BucketedHistogram, withEmpty = false): HistogramBucket[] {
  const out: HistogramBucket[] = [];
  const custom = h.schema === CUSTOM_BUCKETS_SCHEMA;
  const zt = h.zeroThreshold;
  const negIdx = bucketIndexes(h.negativeSpans, h.negativeBuckets.length);
  for (let k = h.negativeBuckets.length - 1; k >= 0; k--) {
    const count = h.negativeBuckets[k];
    if (count === 0 && !withEmpty) continue;
    const idx = negIdx[k];
    const lower = -bucketBound(idx, h.schema, h.customValues);
    let upper = -bucketBound(idx - 1, h.schema, h.customValues);
    if (upper < 0 && upper > -zt) upper = -zt;
    out.push({ rule: custom ? rule(idx === 0, true) : rule(lower < 0, upper > 0), lower, upper, count });
  }
  if (!custom && h.zeroCount > 0) out.push({ rule: 3, lower: -zt, upper: zt, count: h.zeroCount });
  const posIdx = bucketIndexes(h.positiveSpans, h.positiveBuckets.length);
  for (let k = 0; k < h.positiveBuckets.length; k++) {
    const count = h.positiveBuckets[k];
    if (count === 0 && !withEmpty) continue;
    const idx = posIdx[k];
    let lower = bucketBound(idx - 1, h.schema, h.customValues);
    const upper = bucketBound(idx, h.schema, h.customValues);
    if (lower > 0 && lower < zt) lower = zt;
    out.push({ rule: custom ? rule(idx === 0, true) : rule(lower < 0, upper > 0), lower, upper, count });
  }
  return out;
}

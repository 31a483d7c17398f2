// Arithmetic on FloatHistograms with Prometheus's semantics (model/histogram/float_histogram.go): add/sub
// reconcile schemas (to the lower resolution) and zero buckets (to the wider one), mul/div scale every count,
// detectReset compares bucket by bucket. Every operation returns a new histogram; inputs are never mutated.
import { CounterResetHint, type FloatHistogram } from '../../series/histogram';
import { bucketBound, isCustomSchema, targetIndex } from './bounds';
import { addFlat, flatToSpans, reduceFlat, spansToFlat, EMPTY_BUCKETS, EMPTY_SPANS, type FlatBuckets } from './flat-buckets';
import { sameHistogram } from '../../series/histogram-equal';

/** Adding an exponential to a custom-buckets histogram (Prometheus's ErrHistogramsIncompatibleSchema). */
export class IncompatibleSchemaError extends Error {
  override readonly name = 'IncompatibleSchemaError';
  constructor() {
    super('cannot apply this operation on histograms with a mix of exponential and custom bucket schemas');
  }
}

export interface CombineResult {
  h: FloatHistogram;
  /** One operand said CounterReset and the other NotCounterReset. */
  counterResetCollision: boolean;
  /** Custom bounds differed and were reduced to their intersection. */
  boundsReconciled: boolean;
}

export function copyHistogram(h: FloatHistogram): FloatHistogram {
  return {
    counterResetHint: h.counterResetHint,
    schema: h.schema,
    zeroThreshold: h.zeroThreshold,
    zeroCount: h.zeroCount,
    count: h.count,
    sum: h.sum,
    positiveSpans: h.positiveSpans,
    positiveBuckets: h.positiveBuckets.slice(),
    negativeSpans: h.negativeSpans,
    negativeBuckets: h.negativeBuckets.slice(),
    ...(h.customValues ? { customValues: h.customValues } : {}),
  };
}

export function scaleHistogram(h: FloatHistogram, factor: number): FloatHistogram {
  const o = copyHistogram(h);
  o.zeroCount *= factor;
  o.count *= factor;
  o.sum *= factor;
  for (let i = 0; i < o.positiveBuckets.length; i++) o.positiveBuckets[i] *= factor;
  for (let i = 0; i < o.negativeBuckets.length; i++) o.negativeBuckets[i] *= factor;
  if (factor < 0) o.counterResetHint = CounterResetHint.Gauge;
  return o;
}

export function divideHistogram(h: FloatHistogram, scalar: number): FloatHistogram {
  const o = copyHistogram(h);
  o.zeroCount /= scalar;
  o.count /= scalar;
  o.sum /= scalar;
  if (scalar === 0) {
    // Division by zero removes all buckets.
    o.positiveSpans = o.negativeSpans = EMPTY_SPANS;
    o.positiveBuckets = o.negativeBuckets = EMPTY_BUCKETS;
    return o;
  }
  for (let i = 0; i < o.positiveBuckets.length; i++) o.positiveBuckets[i] /= scalar;
  for (let i = 0; i < o.negativeBuckets.length; i++) o.negativeBuckets[i] /= scalar;
  if (scalar < 0) o.counterResetHint = CounterResetHint.Gauge;
  return o;
}

function positive(h: FloatHistogram): FlatBuckets {
  return spansToFlat(h.positiveSpans, h.positiveBuckets);
}
function negative(h: FloatHistogram): FlatBuckets {
  return spansToFlat(h.negativeSpans, h.negativeBuckets);
}

/** The hint of a sum or difference (Prometheus's adjustCounterReset). */
function combinedHint(a: CounterResetHint, b: CounterResetHint): { hint: CounterResetHint; collision: boolean } {
  if (a === b) return { hint: a, collision: false };
  if (a === CounterResetHint.Gauge || b === CounterResetHint.Gauge) return { hint: CounterResetHint.Gauge, collision: false };
  if (a === CounterResetHint.Unknown || b === CounterResetHint.Unknown) return { hint: CounterResetHint.Unknown, collision: false };
  return { hint: CounterResetHint.Unknown, collision: true };
}

/**
 * The zero count `h` has once its zero bucket is widened to at least `threshold`, and the threshold actually
 * reached: a threshold inside a populated bucket moves up to that bucket's upper bound (zeroCountForLargerThreshold).
 */
function zeroCountForThreshold(h: FloatHistogram, threshold: number): { count: number; threshold: number } {
  if (threshold === h.zeroThreshold) return { count: h.zeroCount, threshold };
  const pos = positive(h);
  const neg = negative(h);
  for (;;) {
    let count = h.zeroCount;
    for (let i = 0; i < pos.idx.length; i++) {
      const lower = bucketBound(pos.idx[i] - 1, h.schema, undefined);
      if (lower >= threshold) break;
      count += pos.cnt[i];
      const upper = bucketBound(pos.idx[i], h.schema, undefined);
      if (upper > threshold) {
        if (pos.cnt[i] !== 0) threshold = upper;
        break;
      }
    }
    let again = false;
    for (let i = 0; i < neg.idx.length; i++) {
      const upper = -bucketBound(neg.idx[i] - 1, h.schema, undefined);
      if (upper <= -threshold) break;
      count += neg.cnt[i];
      const lower = -bucketBound(neg.idx[i], h.schema, undefined);
      if (lower < -threshold) {
        if (neg.cnt[i] !== 0) {
          threshold = -lower;
          again = true;
        }
        break;
      }
    }
    if (!again) return { count, threshold };
  }
}

/** Buckets entirely inside the zero bucket [-threshold, threshold]. */
function insideZero(schema: number, threshold: number): (idx: number) => boolean {
  return (idx) => bucketBound(idx, schema, undefined) <= threshold;
}

function withBuckets(h: FloatHistogram, pos: FlatBuckets, neg: FlatBuckets): FloatHistogram {
  const p = flatToSpans(pos);
  const n = flatToSpans(neg);
  h.positiveSpans = p.spans;
  h.positiveBuckets = p.buckets;
  h.negativeSpans = n.spans;
  h.negativeBuckets = n.buckets;
  return h;
}

/** Custom bounds present in both (upstream's intersectCustomBucketBounds). */
function intersectBounds(a: Float64Array, b: Float64Array): Float64Array {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return Float64Array.from(out);
}

export function sameBounds(a: Float64Array | undefined, b: Float64Array | undefined): boolean {
  const x = a ?? EMPTY_BUCKETS;
  const y = b ?? EMPTY_BUCKETS;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Re-index custom buckets onto a coarser set of bounds: each bucket goes to the first bound ≥ its upper bound. */
function mapCustom(f: FlatBuckets, from: Float64Array, to: Float64Array): FlatBuckets {
  return reduceFlat(f, (idx) => {
    const upper = idx < from.length ? from[idx] : Infinity;
    let k = 0;
    while (k < to.length && to[k] < upper) k++;
    return k;
  });
}

/** a + b (sign 1) or a − b (sign −1), as Prometheus's FloatHistogram.Add / Sub. */
export function combineHistograms(a: FloatHistogram, b: FloatHistogram, sign: 1 | -1): CombineResult {
  if (isCustomSchema(a.schema) !== isCustomSchema(b.schema)) throw new IncompatibleSchemaError();
  const { hint, collision } = combinedHint(a.counterResetHint, b.counterResetHint);
  const h = copyHistogram(a);
  h.counterResetHint = hint;
  h.count = a.count + sign * b.count;
  h.sum = a.sum + sign * b.sum;
  if (isCustomSchema(a.schema)) {
    let pa = positive(a);
    let pb = positive(b);
    let reconciled = false;
    if (!sameBounds(a.customValues, b.customValues)) {
      reconciled = true;
      const bounds = intersectBounds(a.customValues ?? EMPTY_BUCKETS, b.customValues ?? EMPTY_BUCKETS);
      pa = mapCustom(pa, a.customValues ?? EMPTY_BUCKETS, bounds);
      pb = mapCustom(pb, b.customValues ?? EMPTY_BUCKETS, bounds);
      h.customValues = bounds;
    }
    withBuckets(h, addFlat(pa, pb, sign, () => false), { idx: new Int32Array(0), cnt: EMPTY_BUCKETS });
    return { h, counterResetCollision: collision, boundsReconciled: reconciled };
  }
  // Zero buckets: widen the narrower one until both agree (reconcileZeroBuckets).
  let hp = positive(a);
  let hn = negative(a);
  let otherZero = b.zeroCount;
  let otherThreshold = b.zeroThreshold;
  while (otherThreshold !== h.zeroThreshold) {
    if (h.zeroThreshold > otherThreshold) {
      const r = zeroCountForThreshold(b, h.zeroThreshold);
      otherZero = r.count;
      otherThreshold = r.threshold;
    }
    if (otherThreshold > h.zeroThreshold) {
      const r = zeroCountForThreshold(h, otherThreshold);
      h.zeroCount = r.count;
      h.zeroThreshold = r.threshold;
      const keep = (f: FlatBuckets): FlatBuckets => {
        // Buckets whose lower bound is below the threshold were folded into the zero count.
        let k = 0;
        while (k < f.idx.length && bucketBound(f.idx[k] - 1, h.schema, undefined) < h.zeroThreshold) k++;
        return { idx: f.idx.subarray(k), cnt: f.cnt.subarray(k) };
      };
      hp = keep(hp);
      hn = keep(hn);
    }
  }
  h.zeroCount += sign * otherZero;
  let bp = positive(b);
  let bn = negative(b);
  const schema = Math.min(a.schema, b.schema);
  if (a.schema > schema) {
    hp = reduceFlat(hp, (i) => targetIndex(i, a.schema, schema));
    hn = reduceFlat(hn, (i) => targetIndex(i, a.schema, schema));
  }
  if (b.schema > schema) {
    bp = reduceFlat(bp, (i) => targetIndex(i, b.schema, schema));
    bn = reduceFlat(bn, (i) => targetIndex(i, b.schema, schema));
  }
  h.schema = schema;
  const skip = insideZero(schema, h.zeroThreshold);
  withBuckets(h, addFlat(hp, bp, sign, skip), addFlat(hn, bn, sign, skip));
  return { h, counterResetCollision: collision, boundsReconciled: false };
}

/** The histogram at a lower resolution (CopyToSchema). */
export function toSchema(h: FloatHistogram, schema: number): FloatHistogram {
  if (schema >= h.schema || isCustomSchema(h.schema)) return h;
  const o = copyHistogram(h);
  o.schema = schema;
  return withBuckets(o, reduceFlat(positive(h), (i) => targetIndex(i, h.schema, schema)), reduceFlat(negative(h), (i) => targetIndex(i, h.schema, schema)));
}

/** Empty buckets removed, spans merged (Compact(0)). */
export function compactHistogram(h: FloatHistogram): FloatHistogram {
  return withBuckets(copyHistogram(h), positive(h), negative(h));
}

/** A bucket of `prev` (at cur's schema) with a higher count than the same bucket of `cur`, or a missing one. */
function bucketsDecreased(cur: FlatBuckets, prev: FlatBuckets): boolean {
  let j = 0;
  for (let i = 0; i < prev.idx.length; i++) {
    while (j < cur.idx.length && cur.idx[j] < prev.idx[i]) j++;
    if (j < cur.idx.length && cur.idx[j] === prev.idx[i]) {
      if (cur.cnt[j] < prev.cnt[i]) return true;
    } else if (prev.cnt[i] !== 0) return true;
  }
  return false;
}

/** Whether `cur` shows a counter reset relative to `prev` (FloatHistogram.DetectReset). */
export function detectReset(cur: FloatHistogram, prev: FloatHistogram): boolean {
  if (cur.counterResetHint === CounterResetHint.CounterReset) return true;
  if (cur.counterResetHint === CounterResetHint.NotCounterReset) return false;
  if (cur.count < prev.count) return true;
  if (isCustomSchema(cur.schema)) {
    if (!isCustomSchema(prev.schema)) return true;
    if (!sameBounds(cur.customValues, prev.customValues)) {
      const bounds = intersectBounds(cur.customValues ?? EMPTY_BUCKETS, prev.customValues ?? EMPTY_BUCKETS);
      return bucketsDecreased(mapCustom(positive(cur), cur.customValues!, bounds), mapCustom(positive(prev), prev.customValues!, bounds));
    }
    return bucketsDecreased(positive(cur), positive(prev));
  }
  if (isCustomSchema(prev.schema)) return true;
  if (cur.schema > prev.schema) return true;
  if (cur.zeroThreshold < prev.zeroThreshold) return true;
  const z = zeroCountForThreshold(prev, cur.zeroThreshold);
  if (z.threshold !== cur.zeroThreshold) return true;
  if (cur.zeroCount < z.count) return true;
  const skip = insideZero(cur.schema, cur.zeroThreshold);
  const side = (f: FlatBuckets, schema: number): FlatBuckets => {
    const r = schema === cur.schema ? f : reduceFlat(f, (i) => targetIndex(i, schema, cur.schema));
    let k = 0;
    while (k < r.idx.length && skip(r.idx[k])) k++;
    return { idx: r.idx.subarray(k), cnt: r.cnt.subarray(k) };
  };
  return (
    bucketsDecreased(side(positive(cur), cur.schema), side(positive(prev), prev.schema)) ||
    bucketsDecreased(side(negative(cur), cur.schema), side(negative(prev), prev.schema))
  );
}

/** Bit-exact equality of two histograms, ignoring empty buckets and the counter reset hint (Equals). */
export function histogramsEqual(a: FloatHistogram, b: FloatHistogram): boolean {
  return sameHistogram(compactHistogram(a), compactHistogram(b));
}

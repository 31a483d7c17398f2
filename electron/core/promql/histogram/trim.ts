// The trim operators `h </ x` (keep observations below x) and `h >/ x` (keep those above x) of Prometheus 3
// (FloatHistogram.TrimBuckets): buckets beyond x are emptied, the bucket holding x keeps its interpolated share,
// and count and sum are recomputed from what is left (each bucket's mass at its midpoint).
import type { FloatHistogram } from '../../series/histogram';
import { bucketBound, isCustomSchema } from './bounds';
import { copyHistogram, compactHistogram } from './ops';
import { spansToFlat } from './flat-buckets';

function midpoint(lo: number, up: number, positive: boolean, linear: boolean): number {
  if (!Number.isFinite(lo)) {
    if (!Number.isFinite(up)) return 0;
    return up > 0 ? up / 2 : up;
  }
  if (!Number.isFinite(up)) return lo;
  if (linear) return (lo + up) / 2;
  const g = Math.sqrt(Math.abs(lo * up));
  return positive ? g : -g;
}

function fractionBelow(lo: number, up: number, v: number, linear: boolean): number {
  if (linear) return (v - lo) / (up - lo);
  const logLower = Math.log2(Math.abs(lo));
  const logUpper = Math.log2(Math.abs(up));
  const logV = Math.log2(Math.abs(v));
  if (v > 0) return (logV - logLower) / (logUpper - logLower);
  return 1 - (logV - logUpper) / (logLower - logUpper);
}

/** [kept count, midpoint of the kept part] for a bucket with an infinite bound. */
function infiniteBucket(upperTrim: boolean, lo: number, up: number, count: number, rhs: number): [number, number] {
  const zeroIfInf = (x: number): number => (Number.isFinite(x) ? x : 0);
  if (lo === -Infinity) {
    if (upperTrim) {
      if (rhs >= up) return [count, 0];
      if (rhs > 0 && up > 0 && up !== Infinity) return [(count * rhs) / up, rhs / 2];
      if (up <= 0) return [count, rhs];
      return [0, zeroIfInf(up)];
    }
    if (rhs <= lo) return [count, 0];
    if (rhs >= 0 && up > rhs && up !== Infinity) return [count * (1 - rhs / up), (rhs + up) / 2];
    return [0, zeroIfInf(up)];
  }
  if (upperTrim) return [0, zeroIfInf(lo)];
  if (rhs >= lo) return [count, rhs];
  return [0, zeroIfInf(lo)];
}

function bucketTrim(lo: number, up: number, count: number, rhs: number, upperTrim: boolean, positive: boolean, linear: boolean): [number, number] {
  if (lo === -Infinity || up === Infinity) return infiniteBucket(upperTrim, lo, up, count, rhs);
  const under = rhs <= lo ? 0 : rhs >= up ? count : count * fractionBelow(lo, up, rhs, linear);
  if (upperTrim) return [under, midpoint(lo, rhs, positive, linear)];
  return [count - under, midpoint(rhs, up, positive, linear)];
}

function zeroTrim(z: number, count: number, rhs: number, hasNeg: boolean, hasPos: boolean, upperTrim: boolean): [number, number] {
  let lower = -z;
  let upper = z;
  if (hasNeg && !hasPos) upper = 0;
  if (hasPos && !hasNeg) lower = 0;
  if (upperTrim) {
    if (rhs <= lower) return [0, 0];
    if (rhs >= upper) return [count, (lower + upper) / 2];
    return [(count * (rhs - lower)) / (upper - lower), (lower + rhs) / 2];
  }
  if (rhs <= lower) return [count, (lower + upper) / 2];
  if (rhs >= upper) return [0, 0];
  return [(count * (upper - rhs)) / (upper - lower), (rhs + upper) / 2];
}

export function trimHistogram(src: FloatHistogram, rhs: number, upperTrim: boolean): FloatHistogram {
  const h = copyHistogram(src);
  const linear = isCustomSchema(h.schema);
  let count = 0;
  let sum = 0;
  let trimmed = false;
  let hasPos = false;
  let hasNeg = false;
  const side = (positive: boolean): void => {
    const flat = positive ? spansToFlat(h.positiveSpans, h.positiveBuckets) : spansToFlat(h.negativeSpans, h.negativeBuckets);
    const buckets = positive ? h.positiveBuckets : h.negativeBuckets;
    for (let i = 0; i < flat.idx.length; i++) {
      const c = buckets[i];
      if (c === 0) continue;
      if (positive) hasPos = true;
      else hasNeg = true;
      const lo = positive ? bucketBound(flat.idx[i] - 1, h.schema, h.customValues) : -bucketBound(flat.idx[i], h.schema, h.customValues);
      const up = positive ? bucketBound(flat.idx[i], h.schema, h.customValues) : -bucketBound(flat.idx[i] - 1, h.schema, h.customValues);
      const whole = upperTrim ? up <= rhs : lo >= rhs;
      const partial = upperTrim ? lo < rhs : up > rhs;
      if (whole) {
        count += c;
        sum += midpoint(lo, up, positive, linear) * c;
      } else if (partial) {
        const [keep, mid] = bucketTrim(lo, up, c, rhs, upperTrim, positive, linear);
        count += keep;
        sum += mid * keep;
        if (buckets[i] !== keep) {
          buckets[i] = keep;
          trimmed = true;
        }
      } else {
        buckets[i] = 0;
        trimmed = true;
      }
    }
  };
  side(true);
  side(false);
  if (h.zeroCount > 0) {
    const [keep, mid] = zeroTrim(h.zeroThreshold, h.zeroCount, rhs, hasNeg, hasPos, upperTrim);
    if (h.zeroCount !== keep) {
      h.zeroCount = keep;
      trimmed = true;
    }
    sum += mid * keep;
    count += keep;
  }
  if (!trimmed) return h;
  h.count = count;
  h.sum = sum;
  return compactHistogram(h);
}

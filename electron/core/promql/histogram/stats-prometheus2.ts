// histogram_quantile and histogram_fraction over one native histogram as Prometheus 2.42 computed them
// (promql/quantile.go at v2.42.0): buckets walked once upwards, and linear interpolation inside the bucket —
// Prometheus 3's exponential interpolation and its walk from the nearer end do not apply under --compat prometheus2.
import type { FloatHistogram } from '../../series/histogram';
import { allBuckets } from './stats';

export function prometheus2NativeQuantile(q: number, h: FloatHistogram): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (h.count === 0 || Number.isNaN(q)) return NaN;
  const b = allBuckets(h);
  const rank0 = q * h.count;
  let count = 0;
  let lo = 0;
  let up = 0;
  let bc = 0;
  for (let k = 0; k < b.n; k++) {
    lo = b.lower[k];
    up = b.upper[k];
    bc = b.count[k];
    count += bc;
    if (count >= rank0) break;
  }
  if (lo < 0 && up > 0) {
    // The zero bucket: with buckets on one side only, zero is the other bound.
    if (h.negativeBuckets.length === 0 && h.positiveBuckets.length > 0) lo = 0;
    else if (h.positiveBuckets.length === 0 && h.negativeBuckets.length > 0) up = 0;
  }
  if (count > h.count) count = h.count;
  // Past the last bucket without reaching the rank (NaN observations): the highest bucket's upper bound.
  if (count < rank0) return up;
  const rank = rank0 - (count - bc);
  return lo + (up - lo) * (rank / bc);
}

export function prometheus2NativeFraction(lower: number, upper: number, h: FloatHistogram): number {
  if (h.count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  const b = allBuckets(h);
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  for (let k = 0; k < b.n; k++) {
    let lo = b.lower[k];
    let up = b.upper[k];
    const c = b.count[k];
    if (lo < 0 && up > 0) {
      if (h.negativeBuckets.length === 0 && h.positiveBuckets.length > 0) lo = 0;
      else if (h.positiveBuckets.length === 0 && h.negativeBuckets.length > 0) up = 0;
    }
    if (!lowerSet && lo >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lo >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lo < lower && up > lower) {
      lowerRank = rank + (c * (lower - lo)) / (up - lo);
      lowerSet = true;
    }
    if (!upperSet && lo < upper && up > upper) {
      upperRank = rank + (c * (upper - lo)) / (up - lo);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank += c;
  }
  if (!lowerSet || lowerRank > h.count) lowerRank = h.count;
  if (!upperSet || upperRank > h.count) upperRank = h.count;
  return (upperRank - lowerRank) / h.count;
}

// Classic-histogram maths over `le` buckets: histogram_quantile's BucketQuantile (with monotonicity repair) and
// histogram_fraction's BucketFraction, as in Prometheus's promql/quantile.go. Buckets are parallel typed arrays.
import { almostEqual } from './almost-equal';

export interface Buckets {
  upper: Float64Array;
  count: Float64Array;
  n: number;
}

const SMALL_DELTA_TOLERANCE = 1e-12;

export interface BucketQuantileResult {
  value: number;
  forcedMonotonic: boolean;
  minBucket: number;
  maxBucket: number;
  maxDiff: number;
}

/** Sort by upper bound and merge equal bounds; returns the new bucket count. */
function sortAndCoalesce(b: Buckets): number {
  const idx = Array.from({ length: b.n }, (_, i) => i);
  idx.sort((x, y) => b.upper[x] - b.upper[y] || x - y);
  const up = idx.map((i) => b.upper[i]);
  const ct = idx.map((i) => b.count[i]);
  let w = 0;
  let lastU = up[0];
  let lastC = ct[0];
  for (let i = 1; i < up.length; i++) {
    if (up[i] === lastU) lastC += ct[i];
    else {
      b.upper[w] = lastU;
      b.count[w] = lastC;
      w++;
      lastU = up[i];
      lastC = ct[i];
    }
  }
  b.upper[w] = lastU;
  b.count[w] = lastC;
  return w + 1;
}

function sortOnly(b: Buckets): void {
  const idx = Array.from({ length: b.n }, (_, i) => i);
  idx.sort((x, y) => b.upper[x] - b.upper[y] || x - y);
  const up = idx.map((i) => b.upper[i]);
  const ct = idx.map((i) => b.count[i]);
  for (let i = 0; i < b.n; i++) {
    b.upper[i] = up[i];
    b.count[i] = ct[i];
  }
}

export function bucketQuantile(q: number, b: Buckets): BucketQuantileResult {
  const res: BucketQuantileResult = { value: NaN, forcedMonotonic: false, minBucket: 0, maxBucket: 0, maxDiff: 0 };
  if (Number.isNaN(q)) return res;
  if (q < 0) {
    res.value = -Infinity;
    return res;
  }
  if (q > 1) {
    res.value = Infinity;
    return res;
  }
  sortOnly(b);
  if (b.upper[b.n - 1] !== Infinity) return res;
  const n = sortAndCoalesce(b);
  // Enforce monotonic cumulative counts; tiny float noise is ignored rather than reported.
  let minBucket = Infinity;
  let maxBucket = -Infinity;
  let maxDiff = 0;
  let prev = b.count[0];
  for (let i = 1; i < n; i++) {
    const curr = b.count[i];
    if (curr === prev) continue;
    if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
      b.count[i] = prev;
      continue;
    }
    if (curr < prev) {
      b.count[i] = prev;
      res.forcedMonotonic = true;
      if (b.upper[i] < minBucket) minBucket = b.upper[i];
      if (b.upper[i] > maxBucket) maxBucket = b.upper[i];
      if (prev - curr > maxDiff) maxDiff = prev - curr;
      continue;
    }
    prev = curr;
  }
  res.minBucket = minBucket;
  res.maxBucket = maxBucket;
  res.maxDiff = maxDiff;
  if (n < 2) return res;
  const observations = b.count[n - 1];
  if (observations === 0) return res;
  let rank = q * observations;
  // First bucket (excluding +Inf) whose cumulative count reaches the rank.
  let bi = 0;
  while (bi < n - 1 && !(b.count[bi] >= rank)) bi++;
  if (bi === n - 1) {
    res.value = b.upper[n - 2];
  } else if (bi === 0 && b.upper[0] <= 0) {
    res.value = b.upper[0];
  } else {
    let bucketStart = 0;
    const bucketEnd = b.upper[bi];
    let count = b.count[bi];
    if (bi > 0) {
      bucketStart = b.upper[bi - 1];
      count -= b.count[bi - 1];
      rank -= b.count[bi - 1];
    }
    res.value = bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }
  return res;
}

export function bucketFraction(lower: number, upper: number, b: Buckets): number {
  sortOnly(b);
  if (b.upper[b.n - 1] !== Infinity) return NaN;
  const n = sortAndCoalesce(b);
  const count = b.count[n - 1];
  if (count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  let lowerBound = b.upper[0] <= 0 ? -Infinity : 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) lowerBound = b.upper[i - 1];
    const upperBound = b.upper[i];
    const bc = b.count[i];
    const interpolate = (v: number): number =>
      lowerBound === -Infinity ? bc : rank + ((bc - rank) * (v - lowerBound)) / (upperBound - lowerBound);
    if (!lowerSet && lowerBound >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lowerBound >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lowerBound < lower && upperBound > lower) {
      lowerRank = interpolate(lower);
      lowerSet = true;
    }
    if (!upperSet && lowerBound < upper && upperBound > upper) {
      upperRank = interpolate(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank = bc;
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / count;
}

// Statistics over one native histogram, as Prometheus's histogram_quantile / histogram_fraction /
// histogram_stddev / histogram_stdvar compute them (promql/quantile.go, functions.go). Buckets are walked in value
// order through three typed arrays built once per histogram.
import type { FloatHistogram } from '../../series/histogram';
import { bucketBound, isCustomSchema } from './bounds';
import { spansToFlat } from './flat-buckets';
import { KahanSum } from '../functions/kahan';
import { goExp2, goLog2 } from '../functions/go-math';

/** Every bucket in ascending value order (negative, zero, positive), bounds clipped at the zero threshold. */
export interface BucketList {
  lower: Float64Array;
  upper: Float64Array;
  count: Float64Array;
  n: number;
}

export function allBuckets(h: FloatHistogram): BucketList {
  const custom = isCustomSchema(h.schema);
  const neg = spansToFlat(h.negativeSpans, h.negativeBuckets);
  const pos = spansToFlat(h.positiveSpans, h.positiveBuckets);
  const total = neg.idx.length + pos.idx.length + 1;
  const lower = new Float64Array(total);
  const upper = new Float64Array(total);
  const count = new Float64Array(total);
  const z = h.zeroThreshold;
  let n = 0;
  if (!custom) {
    for (let i = neg.idx.length - 1; i >= 0; i--) {
      let lo = -bucketBound(neg.idx[i], h.schema, undefined);
      let up = -bucketBound(neg.idx[i] - 1, h.schema, undefined);
      if (up < 0 && up > -z) up = -z;
      else if (lo > 0 && lo < z) lo = z;
      lower[n] = lo;
      upper[n] = up;
      count[n++] = neg.cnt[i];
    }
    if (h.zeroCount > 0) {
      lower[n] = -z;
      upper[n] = z;
      count[n++] = h.zeroCount;
    }
  }
  for (let i = 0; i < pos.idx.length; i++) {
    let lo = bucketBound(pos.idx[i] - 1, h.schema, h.customValues);
    let up = bucketBound(pos.idx[i], h.schema, h.customValues);
    if (!custom) {
      if (lo > 0 && lo < z) lo = z;
      else if (up < 0 && up > -z) up = -z;
    }
    lower[n] = lo;
    upper[n] = up;
    count[n++] = pos.cnt[i];
  }
  return { lower, upper, count, n };
}

export interface StatResult {
  value: number;
  /** 'nan-result' | 'nan-skew' (quantile) or 'nans' (fraction): which info annotation applies. */
  info?: 'nan-result' | 'nan-skew' | 'nans';
}

export function nativeQuantile(q: number, h: FloatHistogram): StatResult {
  if (q < 0) return { value: -Infinity };
  if (q > 1) return { value: Infinity };
  if (h.count === 0 || Number.isNaN(q)) return { value: NaN };
  const b = allBuckets(h);
  const custom = isCustomSchema(h.schema);
  const forward = Number.isNaN(h.sum) || q < 0.5;
  let rank = forward ? q * h.count : (1 - q) * h.count;
  let count = 0;
  let k = forward ? -1 : b.n;
  let lo = 0;
  let up = 0;
  let bc = 0;
  for (;;) {
    const nk = forward ? k + 1 : k - 1;
    if (nk < 0 || nk >= b.n) break;
    k = nk;
    if (b.count[k] === 0) continue;
    lo = b.lower[k];
    up = b.upper[k];
    bc = b.count[k];
    count += bc;
    if (count >= rank) break;
  }
  if (!custom && lo < 0 && up > 0) {
    if (h.negativeBuckets.length === 0 && h.positiveBuckets.length > 0) lo = 0;
    else if (h.positiveBuckets.length === 0 && h.negativeBuckets.length > 0) up = 0;
  } else if (custom) {
    if (lo === -Infinity) {
      if (up <= 0) return { value: up };
      lo = 0;
    } else if (up === Infinity) return { value: lo };
  }
  if (count > h.count) count = h.count;
  if (count < rank) {
    if (Number.isNaN(h.sum)) return { value: NaN, info: 'nan-result' };
    return { value: up };
  }
  if (forward) rank -= count - bc;
  else rank = count - rank;
  let info: StatResult['info'];
  if (Number.isNaN(h.sum)) {
    for (let m = k + 1; m < b.n; m++) count += b.count[m];
    if (count < h.count) info = 'nan-skew';
  }
  const fraction = rank / bc;
  if (custom || (lo <= 0 && up >= 0)) return { value: lo + (up - lo) * fraction, info };
  // Go's Log2 and Exp2 (not V8's), so the interpolated value agrees in the last bit.
  const logLower = goLog2(Math.abs(lo));
  const logUpper = goLog2(Math.abs(up));
  if (lo > 0) return { value: goExp2(logLower + (logUpper - logLower) * fraction), info };
  return { value: -goExp2(logUpper + (logLower - logUpper) * (1 - fraction)), info };
}

function fractionBelow(lo: number, up: number, v: number, linear: boolean): number {
  if (linear) return (v - lo) / (up - lo);
  const logLower = goLog2(Math.abs(lo));
  const logUpper = goLog2(Math.abs(up));
  const logV = goLog2(Math.abs(v));
  if (v > 0) return (logV - logLower) / (logUpper - logLower);
  return 1 - (logV - logUpper) / (logLower - logUpper);
}

export function nativeFraction(lower: number, upper: number, h: FloatHistogram): StatResult {
  if (h.count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return { value: NaN };
  if (lower >= upper) return { value: 0 };
  const b = allBuckets(h);
  const custom = isCustomSchema(h.schema);
  let count = 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  let k = 0;
  for (; k < b.n; k++) {
    let lo = b.lower[k];
    let up = b.upper[k];
    const c = b.count[k];
    count += c;
    let zero = false;
    if (lo <= 0 && up >= 0) {
      zero = true;
      if (h.negativeBuckets.length === 0 && h.positiveBuckets.length > 0) lo = 0;
      else if (h.positiveBuckets.length === 0 && h.negativeBuckets.length > 0) up = 0;
    }
    const interp = (v: number): number => {
      if ((custom || zero) && lo === -Infinity) return c;
      return rank + c * fractionBelow(lo, up, v, custom || zero);
    };
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
      lowerRank = interp(lower);
      lowerSet = true;
    }
    if (!upperSet && lo < upper && up > upper) {
      upperRank = interp(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank += c;
  }
  let info: StatResult['info'];
  if (Number.isNaN(h.sum)) {
    for (let m = k + 1; m < b.n; m++) count += b.count[m];
    if (count < h.count) info = 'nans';
  } else count = h.count;
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return { value: (upperRank - lowerRank) / h.count, info };
}

/** histogram_stdvar: the count-weighted variance of bucket representatives (Kahan-summed, as upstream). */
export function nativeVariance(h: FloatHistogram): number {
  const mean = h.sum / h.count;
  const b = allBuckets(h);
  const custom = isCustomSchema(h.schema);
  const variance = new KahanSum();
  for (let k = 0; k < b.n; k++) {
    if (b.count[k] === 0) continue;
    const lo = b.lower[k];
    const up = b.upper[k];
    let val: number;
    if (custom) val = (up + lo) / 2;
    else if (lo <= 0 && up >= 0) val = 0;
    else {
      val = Math.sqrt(up * lo);
      if (up < 0) val = -val;
    }
    const delta = val - mean;
    variance.add(b.count[k] * delta * delta);
  }
  return (variance.sum + variance.c) / h.count;
}

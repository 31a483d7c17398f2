// Exact equality of two native histogram samples (what replicas that scraped the same target agree on): same
// schema, zero threshold, spans, custom bounds, and every count and the sum bit-equal (NaN equals NaN). Two
// histograms that only differ in how their spans split the same buckets count as different, as the chunks would.
import type { FloatHistogram } from './histogram';

function sameNumbers(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return (a?.length ?? 0) === 0 && (b?.length ?? 0) === 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(a[i] === b[i])) return false;
  return true;
}

export function sameHistogram(a: FloatHistogram, b: FloatHistogram): boolean {
  if (a === b) return true;
  return (
    a.schema === b.schema &&
    Object.is(a.zeroThreshold, b.zeroThreshold) &&
    Object.is(a.zeroCount, b.zeroCount) &&
    Object.is(a.count, b.count) &&
    Object.is(a.sum, b.sum) &&
    sameNumbers(a.positiveSpans, b.positiveSpans) &&
    sameNumbers(a.positiveBuckets, b.positiveBuckets) &&
    sameNumbers(a.negativeSpans, b.negativeSpans) &&
    sameNumbers(a.negativeBuckets, b.negativeBuckets) &&
    sameNumbers(a.customValues, b.customValues)
  );
}

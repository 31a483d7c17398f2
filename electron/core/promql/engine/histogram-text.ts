// FloatHistogram.String() of Prometheus: `{count:20, sum:10, [-2,-1):2, [-0.001,0.001]:2, (0.5,1]:1}` — what
// count_values uses as the label value of a histogram sample.
import type { FloatHistogram } from '../../series/histogram';
import { formatG } from './annotations';
import { bucketBound, isCustomSchema } from '../histogram/bounds';
import { spansToFlat } from '../histogram/flat-buckets';

function bucket(lower: number, upper: number, lowerIncl: boolean, upperIncl: boolean, count: number): string {
  return `${lowerIncl ? '[' : '('}${formatG(lower)},${formatG(upper)}${upperIncl ? ']' : ')'}:${formatG(count)}`;
}

export function histogramString(h: FloatHistogram): string {
  const parts = [`{count:${formatG(h.count)}, sum:${formatG(h.sum)}`];
  const custom = isCustomSchema(h.schema);
  const neg = spansToFlat(h.negativeSpans, h.negativeBuckets);
  for (let i = neg.idx.length - 1; i >= 0; i--) {
    if (neg.cnt[i] === 0) continue;
    const lower = -bucketBound(neg.idx[i], h.schema, h.customValues);
    const upper = -bucketBound(neg.idx[i] - 1, h.schema, h.customValues);
    parts.push(bucket(lower, upper, lower < 0, upper > 0, neg.cnt[i]));
  }
  if (h.zeroCount !== 0) parts.push(bucket(-h.zeroThreshold, h.zeroThreshold, true, true, h.zeroCount));
  const pos = spansToFlat(h.positiveSpans, h.positiveBuckets);
  for (let i = 0; i < pos.idx.length; i++) {
    if (pos.cnt[i] === 0) continue;
    const lower = bucketBound(pos.idx[i] - 1, h.schema, h.customValues);
    const upper = bucketBound(pos.idx[i], h.schema, h.customValues);
    parts.push(bucket(lower, upper, custom ? pos.idx[i] === 0 : lower < 0, custom ? true : upper > 0, pos.cnt[i]));
  }
  return parts.join(', ') + '}';
}

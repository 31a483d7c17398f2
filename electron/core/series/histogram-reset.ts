// Counter resets between two native histogram samples, following Prometheus's FloatHistogram.DetectReset: the
// hint decides when it says CounterReset / NotCounterReset; otherwise a drop in the count, a finer schema, a
// narrower zero bucket, a smaller zero count, or any bucket (compared at the current schema, buckets inside the
// current zero bucket folded into the zero count) below its previous count is a reset. One simplification: a zero
// threshold that widens to a value that is not a bucket boundary of the previous histogram is not flagged.
import { bucketBound } from '@shared/histogram/bounds';
import { CUSTOM_BUCKETS_SCHEMA, CounterResetHint, type FloatHistogram } from './histogram';

/** Buckets of one side at `target` schema, keyed by target index; buckets ending inside the zero bucket are left out. */
function bucketsAtSchema(spans: Int32Array, counts: Float64Array, schema: number, target: number, zt: number, customValues?: Float64Array): { map: Map<number, number>; inZero: number } {
  const map = new Map<number, number>();
  let inZero = 0;
  let idx = 0;
  let k = 0;
  const shift = schema === CUSTOM_BUCKETS_SCHEMA ? 0 : schema - target;
  for (let s = 0; s < spans.length; s += 2) {
    idx += spans[s];
    for (let j = 0; j < spans[s + 1] && k < counts.length; j++, idx++, k++) {
      if (bucketBound(idx, schema, customValues) <= zt && schema !== CUSTOM_BUCKETS_SCHEMA) {
        inZero += counts[k];
        continue;
      }
      // Prometheus's targetIdx: ((idx - 1) >> delta) + 1, so bucket upper bounds stay aligned.
      const t = shift > 0 ? Math.floor((idx - 1) / 2 ** shift) + 1 : idx;
      map.set(t, (map.get(t) ?? 0) + counts[k]);
    }
  }
  return { map, inZero };
}

function bucketsDropped(prev: Map<number, number>, cur: Map<number, number>): boolean {
  for (const [i, c] of prev) if (c !== 0 && (cur.get(i) ?? 0) < c) return true;
  return false;
}

export function histogramResetBetween(prev: FloatHistogram, cur: FloatHistogram): boolean {
  if (cur.counterResetHint === CounterResetHint.CounterReset) return true;
  if (cur.counterResetHint === CounterResetHint.NotCounterReset) return false;
  if (cur.count < prev.count) return true;
  const curCustom = cur.schema === CUSTOM_BUCKETS_SCHEMA;
  if (curCustom !== (prev.schema === CUSTOM_BUCKETS_SCHEMA)) return true;
  if (!curCustom && cur.schema > prev.schema) return true;
  if (cur.zeroThreshold < prev.zeroThreshold) return true;
  const zt = cur.zeroThreshold;
  const target = cur.schema;
  const pp = bucketsAtSchema(prev.positiveSpans, prev.positiveBuckets, prev.schema, target, zt, prev.customValues);
  const pn = bucketsAtSchema(prev.negativeSpans, prev.negativeBuckets, prev.schema, target, zt, prev.customValues);
  if (cur.zeroCount < prev.zeroCount + pp.inZero + pn.inZero) return true;
  const cp = bucketsAtSchema(cur.positiveSpans, cur.positiveBuckets, cur.schema, target, zt, cur.customValues);
  const cn = bucketsAtSchema(cur.negativeSpans, cur.negativeBuckets, cur.schema, target, zt, cur.customValues);
  return bucketsDropped(pp.map, cp.map) || bucketsDropped(pn.map, cn.map);
}

// Native histogram equality as promqltest judges it (compareNativeHistogram): both sides compacted, schema,
// zero threshold and spans exact, counts and sums within the float tolerance, the counter reset hint only when
// the script spelled it out.
import type { FloatHistogram } from '../../series/histogram';
import { almostEqual } from '../functions/almost-equal';
import { isCustomSchema } from '../histogram/bounds';
import { compactHistogram, sameBounds } from '../histogram/ops';
import { formatG } from '../engine/annotations';

const EPSILON = 0.000001;

function arraysMatch(a: ArrayLike<number>, b: ArrayLike<number>, exact: boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (exact ? a[i] !== b[i] : !almostEqual(a[i], b[i], EPSILON)) return false;
  return true;
}

export function histogramsMatch(expected: FloatHistogram, actual: FloatHistogram, hintSet: boolean): boolean {
  const e = compactHistogram(expected);
  const a = compactHistogram(actual);
  if (e.schema !== a.schema || !almostEqual(e.count, a.count, EPSILON) || !almostEqual(e.sum, a.sum, EPSILON)) return false;
  if (isCustomSchema(e.schema) && !sameBounds(e.customValues, a.customValues)) return false;
  if (e.zeroThreshold !== a.zeroThreshold || !almostEqual(e.zeroCount, a.zeroCount, EPSILON)) return false;
  if (!arraysMatch(e.negativeSpans, a.negativeSpans, true) || !arraysMatch(e.negativeBuckets, a.negativeBuckets, false)) return false;
  if (!arraysMatch(e.positiveSpans, a.positiveSpans, true) || !arraysMatch(e.positiveBuckets, a.positiveBuckets, false)) return false;
  return !hintSet || e.counterResetHint === a.counterResetHint;
}

const HINT_NAMES = ['unknown', 'reset', 'not_reset', 'gauge'];

/** The histogram in the script notation (for failure messages), one `offset`/`buckets` pair per span. */
export function histogramText(h: FloatHistogram): string {
  const parts = [`schema:${h.schema}`, `count:${formatG(h.count)}`, `sum:${formatG(h.sum)}`];
  if (h.zeroCount !== 0) parts.push(`z_bucket:${formatG(h.zeroCount)}`);
  if (h.zeroThreshold !== 0) parts.push(`z_bucket_w:${formatG(h.zeroThreshold)}`);
  if (h.customValues) parts.push(`custom_values:[${Array.from(h.customValues, formatG).join(' ')}]`);
  if (h.counterResetHint !== 0) parts.push(`counter_reset_hint:${HINT_NAMES[h.counterResetHint]}`);
  const side = (spans: Int32Array, buckets: Float64Array, off: string, key: string): void => {
    if (buckets.length === 0) return;
    parts.push(`${off}:[${Array.from(spans).join(' ')}]`, `${key}:[${Array.from(buckets, formatG).join(' ')}]`);
  };
  side(h.positiveSpans, h.positiveBuckets, 'spans', 'buckets');
  side(h.negativeSpans, h.negativeBuckets, 'n_spans', 'n_buckets');
  return `{{${parts.join(' ')}}}`;
}

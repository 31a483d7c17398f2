// Native histograms as Prometheus 2.42 evaluated them (--compat prometheus2). In 2.42 a sample is a Point{V, H}:
// a histogram sample carries H and V = 0, and only a few places look at H — the selectors, rate/increase/delta,
// sum, `+` between two histograms and the histogram_* functions. Everything else computes with V, so a histogram
// is the float 0 there: abs(h) = 0, avg(h) = 0, count_over_time counts it, irate(h) = 0, topk picks it as 0.
// Where 2.42 copies the whole sample (vector ⊕ scalar, unary minus, sort, label_*), H passes through unchanged:
// `h * 2` answers h itself. This module holds those rules; Prometheus 3 semantics never come through here.
import type { FloatHistogram } from '../../series/histogram';
import { CounterResetHint } from '../../series/histogram';
import { combineHistograms, compactHistogram, detectReset, scaleHistogram, toSchema } from '../histogram/ops';
import type { StepSeries, VectorSteps } from './values';

/** The vector as 2.42's float view sees it: every histogram sample becomes the float 0 (its V). */
export function prometheus2FloatView(v: VectorSteps): VectorSteps {
  if (!v.series.some((s) => s.histograms)) return v;
  return {
    type: 'vector',
    series: v.series.map((s): StepSeries => {
      if (!s.histograms) return s;
      const values = s.values.slice();
      for (let i = 0; i < values.length; i++) if (s.histograms[i]) values[i] = 0;
      return { labels: s.labels, dropName: s.dropName, values, present: s.present };
    }),
  };
}

/** A sample's V in 2.42: 0 for a histogram. */
export function prometheus2Value(s: StepSeries, i: number): number {
  return s.histograms?.[i] ? 0 : s.values[i];
}

/** A range series' values with every histogram point read as 0 (2.42's Point.V), for the float kernels. */
export function prometheus2RangeValues(values: Float64Array, histograms: readonly (FloatHistogram | null)[]): Float64Array {
  const out = values.slice();
  for (let i = 0; i < out.length; i++) if (histograms[i]) out[i] = 0;
  return out;
}

/** 2.42's FloatHistogram.DetectReset: it compared counts only, ignoring the counter reset hint. */
function detectResetIgnoringHint(cur: FloatHistogram, prev: FloatHistogram): boolean {
  return detectReset({ ...cur, counterResetHint: CounterResetHint.Unknown }, prev);
}

/**
 * 2.42's histogramRate over points [lo, hi) (all histograms, at least two): last − first at the lowest schema
 * seen (counters only look at the middle points' schemas), adding back the previous histogram at every detected
 * reset, compacted. `isCounter` is false for delta.
 */
export function prometheus2HistogramIncrease(hs: readonly FloatHistogram[], lo: number, hi: number, isCounter: boolean): FloatHistogram {
  const first = hs[lo];
  const last = hs[hi - 1];
  let minSchema = Math.min(first.schema, last.schema);
  if (isCounter) for (let i = lo + 1; i < hi - 1; i++) minSchema = Math.min(minSchema, hs[i].schema);
  let h = combineHistograms(toSchema(last, minSchema), first, -1).h;
  if (isCounter) {
    let prev = first;
    for (let i = lo + 1; i < hi; i++) {
      if (detectResetIgnoringHint(hs[i], prev)) h = combineHistograms(h, prev, 1).h;
      prev = hs[i];
    }
  }
  return compactHistogram(h);
}

/**
 * 2.42's extrapolatedRate for a histogram result: the float rule's extrapolation, without the zero-point clamp
 * (2.42 applied that to floats only), then Scale(factor).
 */
export function prometheus2ExtrapolateHistogram(
  h: FloatHistogram,
  firstMs: number,
  lastMs: number,
  points: number,
  rangeStartMs: number,
  rangeEndMs: number,
  rangeMs: number,
  isRate: boolean,
): FloatHistogram {
  const durationToStart = (firstMs - rangeStartMs) / 1000;
  const durationToEnd = (rangeEndMs - lastMs) / 1000;
  const sampledInterval = (lastMs - firstMs) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (points - 1);
  const threshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval += durationToStart < threshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval += durationToEnd < threshold ? durationToEnd : averageDurationBetweenSamples / 2;
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= rangeMs / 1000;
  return scaleHistogram(h, factor);
}

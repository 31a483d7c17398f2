// Native histograms as Prometheus 2.42 evaluated them (--compat prometheus2). In 2.42 a sample is a Point{V, H}:
// a histogram sample carries H and V = 0, and only a few places look at H — the selectors, rate/increase/delta,
// sum, `+` between two histograms and the histogram_* functions. Everything else computes with V, so a histogram
// is the float 0 there: abs(h) = 0, avg(h) = 0, count_over_time counts it, irate(h) = 0, topk picks it as 0.
// Where 2.42 copies the whole sample (vector ⊕ scalar, unary minus, sort, label_*), H passes through unchanged:
// `h * 2` answers h itself, with V = 0 * 2 — and V can become non-zero (`h + 1`, `h / 0`), which a float
// function applied afterwards sees (abs(h + 1) = 1). So under prometheus2 a histogram step's V lives in `values`.
// This module holds those rules; Prometheus 3 semantics never come through here.
import type { FloatHistogram } from '../../series/histogram';
import { CounterResetHint } from '../../series/histogram';
import { combineHistograms, compactHistogram, detectReset, scaleHistogram, toSchema } from '../histogram/ops';
import type { RawSeries } from '../../series/types';
import type { StepSeries, VectorSteps } from './values';

/**
 * A raw series as 2.42's storage gave it to the engine: a histogram sample is Point{H, V: 0}. From here on the
 * engine keeps each histogram step's V in `values` (see values.ts), so float functions read it as 2.42 did.
 */
export function prometheus2HistogramValues(s: RawSeries): RawSeries {
  const hs = s.histograms;
  if (!hs) return s;
  const values = s.values.slice();
  for (let i = 0; i < values.length; i++) if (hs[i]) values[i] = 0;
  return { ...s, values };
}

/** The vector as 2.42's float view sees it: every histogram sample becomes the float it carried as V. */
export function prometheus2FloatView(v: VectorSteps): VectorSteps {
  if (!v.series.some((s) => s.histograms)) return v;
  return {
    type: 'vector',
    series: v.series.map((s): StepSeries => (s.histograms ? { labels: s.labels, dropName: s.dropName, values: s.values, present: s.present } : s)),
  };
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

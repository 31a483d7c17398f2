// Counter arithmetic on typed arrays: increase over a slice with Prometheus's reset rule (a drop means the counter
// restarted from 0, so the new value is all increase) and the positions of resets. NaN/stale samples are skipped.
import type { HistogramColumn } from '@core/series/histogram';
import { histogramResetBetween } from '@core/series/histogram-reset';

/** Per-second rate over samples [lo, hi): increase / (last − first time). NaN with fewer than two usable samples. */
export function rateOver(ts: Float64Array, vals: Float64Array, lo: number, hi: number): number {
  let first = -1;
  let last = -1;
  let prev = NaN;
  let increase = 0;
  for (let i = lo; i < hi; i++) {
    const v = vals[i];
    if (v !== v) continue;
    if (first < 0) first = i;
    else increase += v >= prev ? v - prev : v;
    prev = v;
    last = i;
  }
  if (first < 0 || last === first) return NaN;
  return increase / ((ts[last] - ts[first]) / 1000);
}

/**
 * Resets of a native histogram stream (Prometheus's DetectReset between consecutive histogram samples; floats and
 * stale markers in between are skipped, as the float rule skips NaN).
 */
export function findHistogramResets(histograms: HistogramColumn): Array<{ prev: number; at: number }> {
  const out: Array<{ prev: number; at: number }> = [];
  let prev = -1;
  for (let i = 0; i < histograms.length; i++) {
    const h = histograms[i];
    if (!h) continue;
    if (prev >= 0 && histogramResetBetween(histograms[prev]!, h)) out.push({ prev, at: i });
    prev = i;
  }
  return out;
}

/** Counter resets: `at` is a sample lower than the previous usable one, at index `prev`. */
export function findResets(vals: Float64Array): Array<{ prev: number; at: number }> {
  const out: Array<{ prev: number; at: number }> = [];
  let prev = -1;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (v !== v) continue;
    if (prev >= 0 && v < vals[prev]) out.push({ prev, at: i });
    prev = i;
  }
  return out;
}

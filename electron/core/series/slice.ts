// Samples [lo, hi) of a series without copying the typed arrays; the histogram column, when there is one, follows.
import type { RawSeries } from './types';

export function sliceSeries(s: RawSeries, lo: number, hi: number): RawSeries {
  const out: RawSeries = { labels: s.labels, timestamps: s.timestamps.subarray(lo, hi), values: s.values.subarray(lo, hi) };
  return s.histograms ? { ...out, histograms: s.histograms.slice(lo, hi) } : out;
}

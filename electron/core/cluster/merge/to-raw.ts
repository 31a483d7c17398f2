// Merged series → what the PromQL engine reads: plain RawSeries (provenance dropped) and a MemorySeriesStore.
// Shares the typed arrays; never copies samples.
import { MemorySeriesStore } from '@core/series/memory-store';
import type { RawSeries } from '@core/series/types';
import type { MergedSeries, MergeResult } from './types';

export function toRawSeries(m: MergedSeries): RawSeries {
  const raw: RawSeries = { labels: m.labels, timestamps: m.timestamps, values: m.values };
  return m.histograms ? { ...raw, histograms: m.histograms } : raw;
}

/** A store over the merged result; series without samples are left out (the engine has nothing to select there). */
export function mergedStore(result: MergeResult): MemorySeriesStore {
  return new MemorySeriesStore(result.series.filter((s) => s.timestamps.length > 0).map(toRawSeries));
}

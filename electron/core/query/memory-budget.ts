// The memory budget of a local evaluation, as the query pipeline sees it: `auto`'s estimate before reading (series
// counts × window ÷ interval), and the budget object readers charge while they decode (core/memory). One number,
// `--max-memory`, is both auto's threshold and the bound of a local read.
import { BYTES_PER_SAMPLE } from '@core/memory/sizes';

export { BYTES_PER_SAMPLE, DEFAULT_MAX_MEMORY_BYTES, MemorySizeError, defaultProcessBudgetBytes, defaultQueryBudgetBytes, formatBytes, parseMemorySize } from '@core/memory/sizes';
export { MemoryAccount, MemoryBudgetError, ProcessMemoryBudget, QueryMemoryBudget, isMemoryBudgetError, type SelectorPull } from '@core/memory/budget';

/** Scrape interval assumed when estimating samples per series (the common 15 s; Prometheus's own default is 1m). */
export const ASSUMED_SCRAPE_INTERVAL_MS = 15_000;

export interface LocalEstimate {
  /** Series every node would send, summed over nodes and selectors. */
  series: number;
  samples: number;
  bytes: number;
}

/** Samples a local evaluation would pull: series × window ÷ scrape interval (at least one sample per series). */
export function estimateLocal(seriesPerSelector: readonly { series: number; windowMs: number }[], intervalMs = ASSUMED_SCRAPE_INTERVAL_MS): LocalEstimate {
  let series = 0;
  let samples = 0;
  for (const s of seriesPerSelector) {
    series += s.series;
    samples += s.series * Math.max(1, Math.ceil(s.windowMs / intervalMs));
  }
  return { series, samples, bytes: samples * BYTES_PER_SAMPLE };
}

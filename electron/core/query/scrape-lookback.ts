// The lookback a node's own view is evaluated with in the comparison: GAP_FACTOR × the node's observed scrape
// interval instead of Prometheus's 5 minutes, so an instant-vector selector stops returning a sample exactly where the
// findings report a gap (a spacing over GAP_FACTOR intervals) and the node's chart breaks there. Pure; never
// allocates per sample beyond one bounded spacing buffer per series.
import { GAP_FACTOR, medianInPlace } from '@core/cluster/merge';
import type { RawSeries } from '@core/series/types';

/** Spacings looked at per series: a median of a few hundred consecutive spacings is a stable interval estimate. */
const MAX_SPACINGS = 512;

/** Median spacing of one series' timestamps over at most MAX_SPACINGS spacings from its middle; NaN below two samples. */
export function seriesInterval(ts: Float64Array): number {
  const n = ts.length - 1;
  if (n < 1) return NaN;
  const k = Math.min(n, MAX_SPACINGS);
  const lo = (n - k) >>> 1;
  const d = new Float64Array(k);
  for (let i = 0; i < k; i++) d[i] = ts[lo + i + 1] - ts[lo + i];
  return medianInPlace(d);
}

export interface ScrapeLookback {
  /** The lookback used, ms. */
  lookbackMs: number;
  /** The interval it was derived from (the slowest series' median spacing), ms; null when none could be estimated. */
  intervalMs: number | null;
}

/**
 * The lookback for one node's raw series: GAP_FACTOR × the largest per-series median spacing (the slowest series
 * decides, so a query over jobs with different scrape intervals never breaks a slow series between its own scrapes),
 * never more than `maxMs` (the query's own lookback). Falls back to `maxMs` when no series has two samples.
 */
export function scrapeLookback(series: readonly RawSeries[], maxMs: number): ScrapeLookback {
  let slowest = NaN;
  for (const s of series) {
    const iv = seriesInterval(s.timestamps);
    if (iv > 0 && !(iv <= slowest)) slowest = iv;
  }
  if (!(slowest > 0)) return { lookbackMs: maxMs, intervalMs: null };
  return { lookbackMs: Math.min(maxMs, Math.ceil(GAP_FACTOR * slowest)), intervalMs: slowest };
}

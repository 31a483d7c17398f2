// An in-memory SeriesStore over decoded/merged raw series: what the engine evaluates against after a fan-out,
// and what offline workspaces and tests use. Slices by binary search; never copies samples.
import { compileMatchers } from './matcher';
import { sliceSeries } from './slice';
import type { LabelMatcher, RawSeries, SeriesStore } from './types';

export class MemorySeriesStore implements SeriesStore {
  constructor(private readonly series: readonly RawSeries[]) {}

  select(matchers: readonly LabelMatcher[], startMs: number, endMs: number): RawSeries[] {
    const match = compileMatchers(matchers);
    const out: RawSeries[] = [];
    for (const s of this.series) {
      if (!match(s.labels)) continue;
      const lo = lowerBound(s.timestamps, startMs);
      const hi = lowerBound(s.timestamps, endMs + 1);
      if (hi <= lo) continue;
      out.push(sliceSeries(s, lo, hi));
    }
    return out;
  }

  all(): readonly RawSeries[] {
    return this.series;
  }
}

/** First index i with ts[i] > t. */
export function upperBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with ts[i] >= t. */
export function lowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

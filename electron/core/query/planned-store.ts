// A SeriesStore over what a fan-out read for the planner's selectors: a selector the planner asked for is answered
// from exactly its own read (no duplicates when two selectors overlap); anything else falls back to matching over
// the union of all reads, de-duplicated by label set.
import { matchersKey } from '@core/series/matchers-key';
import { labelsKey } from '@core/series/labels';
import { compileMatchers } from '@core/series/matcher';
import { lowerBound } from '@core/series/memory-store';
import type { LabelMatcher, RawSeries, SelectorRequest, SeriesStore } from '@core/series/types';
import { sliceSeries } from '@core/series/slice';

function slice(s: RawSeries, startMs: number, endMs: number): RawSeries | undefined {
  const lo = lowerBound(s.timestamps, startMs);
  const hi = lowerBound(s.timestamps, endMs + 1);
  if (hi <= lo) return undefined;
  if (lo === 0 && hi === s.timestamps.length) return s;
  return sliceSeries(s, lo, hi);
}

export class PlannedStore implements SeriesStore {
  private readonly bySelector = new Map<string, RawSeries[]>();
  private union?: RawSeries[];

  constructor(requests: readonly SelectorRequest[], results: readonly (readonly RawSeries[])[]) {
    requests.forEach((r, i) => this.bySelector.set(matchersKey(r.matchers), [...(results[i] ?? [])]));
  }

  select(matchers: readonly LabelMatcher[], startMs: number, endMs: number): RawSeries[] {
    const own = this.bySelector.get(matchersKey(matchers));
    const source = own ?? this.unionOf().filter(((m) => (s: RawSeries) => m(s.labels))(compileMatchers(matchers)));
    const out: RawSeries[] = [];
    for (const s of source) {
      const cut = slice(s, startMs, endMs);
      if (cut) out.push(cut);
    }
    return out;
  }

  /** Every distinct series read, for analyses that look at raw data (findings, coverage). */
  allSeries(): RawSeries[] {
    return this.unionOf();
  }

  private unionOf(): RawSeries[] {
    if (this.union) return this.union;
    // The widest read of each label set wins; reads of one selector never overlap another's label sets partially.
    const byKey = new Map<string, RawSeries>();
    for (const list of this.bySelector.values())
      for (const s of list) {
        const k = labelsKey(s.labels);
        const prev = byKey.get(k);
        if (!prev || s.timestamps.length > prev.timestamps.length) byKey.set(k, s);
      }
    return (this.union = [...byKey.values()]);
  }
}

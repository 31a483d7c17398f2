import { describe, expect, it } from 'vitest';
import { MERGE_STRATEGIES, mergeNodes, mergedStore } from '@core/cluster/merge';
import { histogramSeries, mulberry32 } from '@core/demo/histogram-data';
import { sameHistogram } from '@core/series/histogram-equal';
import { isStaleAt } from '@core/series/stale-marker';
import type { RawSeries } from '@core/series/types';
import { nodeOf } from '../../../helpers/series-fixtures';

const T0 = 1_700_000_000_000;

/** Samples [from, to) of a series removed (a replica that missed scrapes). */
function withGap(s: RawSeries, from: number, to: number): RawSeries {
  const keep = (_: unknown, i: number) => i < from || i >= to;
  return {
    labels: s.labels,
    timestamps: s.timestamps.filter(keep),
    values: s.values.filter(keep),
    histograms: s.histograms?.filter(keep),
  };
}

/** Every merged sample is exactly its provenance node's sample at that timestamp (histogram object or float bits). */
function expectFromSource(merged: RawSeries & { provenance: Uint8Array }, byNode: Map<number, RawSeries>): void {
  for (let k = 0; k < merged.timestamps.length; k++) {
    const src = byNode.get(merged.provenance[k])!;
    const i = src.timestamps.indexOf(merged.timestamps[k]);
    expect(i).toBeGreaterThanOrEqual(0);
    const h = src.histograms?.[i] ?? null;
    expect(merged.histograms?.[k] ?? null).toBe(h);
    if (!h) expect(Object.is(merged.values[k], src.values[i]) || (isStaleAt(merged.values, k) && isStaleAt(src.values, i))).toBe(true);
  }
}

describe('merging native histogram series', () => {
  const full = histogramSeries(mulberry32(4), { __name__: 'latency_seconds', job: 'api' }, { samples: 200, startMs: T0, stepMs: 15_000, resetRate: 0.02, floatRate: 0.03 });
  const a = withGap(full, 60, 80);
  const b = withGap(full, 120, 140);

  it.each(MERGE_STRATEGIES)('%s: fills each replica’s gap from the other, histograms and provenance intact', (strategy) => {
    const r = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], { strategy });
    expect(r.series).toHaveLength(1);
    const m = r.series[0];
    expectFromSource(m, new Map([[0, a], [1, b]]));
    for (let k = 0; k < m.timestamps.length; k++) {
      const i = full.timestamps.indexOf(m.timestamps[k]);
      const want = full.histograms![i];
      if (want) expect(sameHistogram(m.histograms![k]!, want)).toBe(true);
      else expect(m.histograms?.[k] ?? null).toBeNull();
    }
    // Both gaps are filled from the node that had the samples (penalty switches a little late, by design).
    const inGap = (from: number, to: number) => Array.from(m.timestamps).flatMap((t, k) => (t > full.timestamps[from] && t < full.timestamps[to - 1] ? [m.provenance[k]] : []));
    expect(new Set(inGap(60, 80))).toEqual(new Set([1]));
    expect(new Set(inGap(120, 140))).toEqual(new Set([0]));
    if (strategy !== 'penalty') expect(Array.from(m.timestamps)).toEqual(Array.from(full.timestamps));
    else expect(m.timestamps.length).toBeGreaterThan(full.timestamps.length - 10);
    expect(m.tieBreaks).toBe(0);
    // The engine's store sees the histograms too.
    expect(mergedStore(r).all()[0].histograms).toBe(m.histograms);
  });

  it('counts a tie-break where replicas hold different histograms at one timestamp, and none where they agree', () => {
    const other = structuredClone(full) as RawSeries;
    const idx = full.histograms!.findIndex((h, i) => h && i > 10);
    const changed = { ...full.histograms![idx]!, sum: full.histograms![idx]!.sum + 1 };
    const hs = [...other.histograms!];
    hs[idx] = changed;
    for (const strategy of MERGE_STRATEGIES) {
      expect(mergeNodes([nodeOf(0, 'a', [full]), nodeOf(1, 'b', [structuredClone(full) as RawSeries])], { strategy }).tieBreaks).toBe(0);
      const r = mergeNodes([nodeOf(0, 'a', [full]), nodeOf(1, 'b', [{ ...other, histograms: hs }])], { strategy });
      expect(r.tieBreaks).toBe(1);
    }
    // union: node order breaks the tie.
    const u = mergeNodes([nodeOf(0, 'a', [full]), nodeOf(1, 'b', [{ ...other, histograms: hs }])], { strategy: 'union' });
    expect(u.series[0].histograms![idx]).toBe(full.histograms![idx]);
  });

  it('keeps float-only series free of a histogram column', () => {
    const floats: RawSeries = { labels: { __name__: 'up' }, timestamps: Float64Array.of(T0, T0 + 15_000), values: Float64Array.of(1, 1) };
    for (const strategy of MERGE_STRATEGIES) {
      const r = mergeNodes([nodeOf(0, 'a', [floats]), nodeOf(1, 'b', [floats])], { strategy });
      expect(r.series[0].histograms).toBeUndefined();
    }
  });
});

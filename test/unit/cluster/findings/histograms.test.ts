import { describe, expect, it } from 'vitest';
import { analyzeReplicas } from '@core/cluster/findings';
import { histogramSeries, mulberry32 } from '@core/demo/histogram-data';
import type { FloatHistogram } from '@core/series/histogram';
import { histogramResetBetween } from '@core/series/histogram-reset';
import type { RawSeries } from '@core/series/types';
import { nodeOf } from '../../../helpers/series-fixtures';

const T0 = 1_700_000_000_000;
const WINDOW = { startMs: T0, endMs: T0 + 60 * 15_000 };

/** A counter histogram series with at least two positive buckets (so a bucket can reset while the count does not). */
function base(): RawSeries {
  for (let seed = 1; ; seed++) {
    const s = histogramSeries(mulberry32(seed), { __name__: 'latency_seconds', job: 'api' }, { samples: 60, startMs: T0, stepMs: 15_000 });
    if (s.histograms!.every((h) => h!.positiveBuckets.length >= 2)) return s;
  }
}

function mapHistograms(s: RawSeries, f: (h: FloatHistogram, i: number) => FloatHistogram): RawSeries {
  return { ...s, histograms: s.histograms!.map((h, i) => (h ? f(h, i) : null)) };
}

describe('findings on native histogram series', () => {
  const a = base();

  it('a bucket dropping on one replica is a reset there (the count alone would not show it)', () => {
    const at = 30;
    const moved = a.histograms![at]!.positiveBuckets[0];
    expect(moved).toBeGreaterThan(0);
    // From `at` on, node b's first bucket lost `moved` observations to the second: same count, one bucket lower.
    const b = mapHistograms(a, (h, i) => {
      if (i < at) return h;
      const pos = h.positiveBuckets.slice();
      pos[0] -= moved;
      pos[1] += moved;
      return { ...h, positiveBuckets: pos };
    });
    expect(histogramResetBetween(b.histograms![at - 1]!, b.histograms![at]!)).toBe(true);
    expect(histogramResetBetween(a.histograms![at - 1]!, a.histograms![at]!)).toBe(false);
    const r = analyzeReplicas({ nodes: [nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], ...WINDOW });
    const resets = r.findings.filter((f) => f.kind === 'reset');
    expect(resets.map((f) => [f.node, f.startMs - T0, f.endMs - T0])).toEqual([['b', a.timestamps[at - 1] - T0, a.timestamps[at] - T0]]);
    expect(resets[0].detail).toContain('native histogram reset');
  });

  it('a collector gap in a histogram series is a gap finding covered by the other replica', () => {
    const keep = (_: unknown, i: number) => i < 20 || i >= 26;
    const gappy: RawSeries = { labels: a.labels, timestamps: a.timestamps.filter(keep), values: a.values.filter(keep), histograms: a.histograms!.filter(keep) };
    const r = analyzeReplicas({ nodes: [nodeOf(0, 'a', [gappy]), nodeOf(1, 'b', [a])], ...WINDOW });
    const gaps = r.findings.filter((f) => f.kind === 'gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ node: 'a', coveredBy: ['b'] });
  });

  it('a replica whose histograms grow at twice the rate diverges; identical replicas do not', () => {
    const double = mapHistograms(a, (h) => ({
      ...h,
      count: 2 * h.count,
      zeroCount: 2 * h.zeroCount,
      positiveBuckets: h.positiveBuckets.map((v) => 2 * v),
      negativeBuckets: h.negativeBuckets.map((v) => 2 * v),
    }));
    const same = analyzeReplicas({ nodes: [nodeOf(0, 'a', [a]), nodeOf(1, 'b', [structuredClone(a) as RawSeries])], ...WINDOW });
    expect(same.findings.filter((f) => f.kind === 'divergence' || f.kind === 'reset')).toEqual([]);
    const r = analyzeReplicas({ nodes: [nodeOf(0, 'a', [a]), nodeOf(1, 'b', [double])], ...WINDOW });
    expect(r.findings.filter((f) => f.kind === 'divergence').map((f) => f.node)).toContain('b');
  });
});

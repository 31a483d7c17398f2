// The comparison's per-node lookback: GAP_FACTOR × the node's observed scrape interval, so a node's own view has no
// sample inside its gap (its chart breaks there), while the merged view keeps Prometheus's own 5-minute lookback.
import { describe, expect, it } from 'vitest';
import { evaluateSnapshot, parseQuery } from '@core/query/run-cluster-query';
import { scrapeLookback, seriesInterval } from '@core/query/scrape-lookback';
import { clusterSpecOf } from '@core/workspace';
import { FRAME, makeRead, PROFILE, T0 } from '../workspace/fixtures';

const ts = (...xs: number[]) => Float64Array.from(xs);

describe('scrape-interval lookback', () => {
  it('estimates a series interval from the median spacing, robust to one hole', () => {
    expect(seriesInterval(ts(0, 10, 20, 30, 100, 110, 120))).toBe(10);
    expect(seriesInterval(ts(5))).toBeNaN();
  });

  it('takes the slowest series, caps at the query lookback, and falls back to it without an estimate', () => {
    const s = (t: Float64Array) => ({ labels: {}, timestamps: t, values: new Float64Array(t.length) });
    expect(scrapeLookback([s(ts(0, 1000, 2000, 3000)), s(ts(0, 15_000, 30_000))], 300_000)).toEqual({ lookbackMs: 22_500, intervalMs: 15_000 });
    expect(scrapeLookback([s(ts(0, 600_000, 1_200_000))], 300_000)).toEqual({ lookbackMs: 300_000, intervalMs: 600_000 });
    expect(scrapeLookback([s(ts(7))], 300_000)).toEqual({ lookbackMs: 300_000, intervalMs: null });
  });

  it('a node view evaluated with it has no point inside the node gap; the merged view and "query" lookback do', () => {
    const expr = 'node_load1';
    const read = makeRead(expr, FRAME);
    const spec = clusterSpecOf(PROFILE, 'union');
    const run = (nodeLookback: 'query' | 'scrape-interval') => evaluateSnapshot(spec, parseQuery(expr), { expr, frame: FRAME }, read.snapshot, { perNode: true, nodeLookback });
    const inGap = (r: ReturnType<typeof run>['merged'] | null | undefined) => {
      const s = r!.series.find((x) => x.labels.instance === 'host-2:9100')!;
      // The fixture's hole on node 1: no sample in (T0+120 s, T0+240 s); with a 15 s lookback, steps past T0+135 s see none.
      return Array.from(s.timestamps).filter((t) => t > T0 + 135_000 && t < T0 + 240_000).length;
    };
    const scrape = run('scrape-interval');
    expect(scrape.perNodeLookback?.[1]).toEqual({ source: 'scrape-interval', lookbackMs: 15_000, intervalMs: 10_000 });
    expect(inGap(scrape.perNode?.[1])).toBe(0);
    // Node 0 has no hole: all steps of the window.
    expect(scrape.perNode?.[0]?.series[0].timestamps.length).toBe(FRAME.endMs / 15_000 - FRAME.startMs / 15_000 + 1);
    expect(inGap(scrape.merged)).toBeGreaterThan(0);
    expect(scrape.lookbackMs).toBe(300_000);
    const query = run('query');
    expect(query.perNodeLookback?.[1]).toEqual({ source: 'query', lookbackMs: 300_000, intervalMs: null });
    expect(inGap(query.perNode?.[1])).toBeGreaterThan(0);
  });
});

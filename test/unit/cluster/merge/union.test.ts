import { describe, expect, it } from 'vitest';
import { mergeNodes } from '@core/cluster/merge';
import { isStaleAt } from '@core/series/stale-marker';
import { nodeOf, replicaFixture, seriesOf, withStaleAtIndex } from '../../../helpers/series-fixtures';

const up = { __name__: 'up', job: 'node' };
const cols = (s: { timestamps: Float64Array; values: Float64Array; provenance: Uint8Array }) => ({
  ts: Array.from(s.timestamps),
  values: Array.from(s.values),
  prov: Array.from(s.provenance),
});

describe('union merge', () => {
  it('interleaves two nodes, one sample per timestamp, first node wins ties and ties with other values are counted', () => {
    const a = nodeOf(0, 'a', [seriesOf(up, [0, 10_000, 20_000, 30_000], [1, 2, 3, 4])]);
    const b = nodeOf(1, 'b', [seriesOf(up, [5_000, 15_000, 20_000, 35_000], [10, 20, 99, 40])]);
    const r = mergeNodes([a, b], { strategy: 'union' });
    expect(r.series).toHaveLength(1);
    expect(cols(r.series[0])).toEqual({
      ts: [0, 5_000, 10_000, 15_000, 20_000, 30_000, 35_000],
      values: [1, 10, 2, 20, 3, 4, 40],
      prov: [0, 1, 0, 1, 0, 0, 1],
    });
    expect(r.series[0].tieBreaks).toBe(1);
    expect(r.tieBreaks).toBe(1);
    expect(r.series[0].sourceNodes).toEqual([0, 1]);
  });

  it('does not count ties whose values agree; node order decides, not node index', () => {
    const a = nodeOf(3, 'a', [seriesOf(up, [0, 10_000], [1, 2])]);
    const b = nodeOf(1, 'b', [seriesOf(up, [0, 10_000], [1, 7])]);
    const r = mergeNodes([a, b], { strategy: 'union' });
    expect(cols(r.series[0])).toEqual({ ts: [0, 10_000], values: [1, 2], prov: [3, 3] });
    expect(r.series[0].tieBreaks).toBe(1);
  });

  it('merges three nodes with a planted outage on the first: the others fill it with their own samples', () => {
    const a = nodeOf(0, 'a', [seriesOf(up, [0, 15_000, 75_000], [1, 1, 1])]);
    const b = nodeOf(1, 'b', [seriesOf(up, [5_000, 20_000, 35_000, 50_000, 80_000], [2, 2, 2, 2, 2])]);
    const c = nodeOf(2, 'c', [seriesOf(up, [10_000, 40_000, 55_000, 70_000], [3, 3, 3, 3])]);
    const r = mergeNodes([a, b, c], { strategy: 'union' });
    expect(cols(r.series[0])).toEqual({
      ts: [0, 5_000, 10_000, 15_000, 20_000, 35_000, 40_000, 50_000, 55_000, 70_000, 75_000, 80_000],
      values: [1, 2, 3, 1, 2, 2, 3, 2, 3, 3, 1, 2],
      prov: [0, 1, 2, 0, 1, 1, 2, 1, 2, 2, 0, 1],
    });
    expect(r.tieBreaks).toBe(0);
  });

  it('keeps every sample of a jittered fixture with a planted outage and a reset seen by one node', () => {
    const nodes = replicaFixture({
      startMs: 1_700_000_000_000,
      endMs: 1_700_000_000_000 + 600_000,
      intervalMs: 15_000,
      series: [{ __name__: 'http_requests_total', job: 'api' }],
      nodes: [
        { name: 'a', phaseMs: 0, jitterMs: 400, gaps: [[1_700_000_000_000 + 120_000, 1_700_000_000_000 + 180_000]] },
        { name: 'b', phaseMs: 6_000, jitterMs: 400, resetsAt: [1_700_000_000_000 + 300_000] },
      ],
    });
    const r = mergeNodes(nodes, { strategy: 'union' });
    const m = r.series[0];
    const [sa, sb] = [nodes[0].series[0], nodes[1].series[0]];
    expect(m.timestamps.length).toBe(sa.timestamps.length + sb.timestamps.length);
    // Every node's samples appear unchanged under its own provenance.
    expect(Array.from(m.timestamps.filter((_, i) => m.provenance[i] === 0))).toEqual(Array.from(sa.timestamps));
    expect(Array.from(m.values.filter((_, i) => m.provenance[i] === 1))).toEqual(Array.from(sb.values));
    for (let i = 1; i < m.timestamps.length; i++) expect(m.timestamps[i]).toBeGreaterThan(m.timestamps[i - 1]);
  });

  it('drops a stale marker while another node is still scraping across it, keeps the last replica\'s marker', () => {
    const a = nodeOf(0, 'a', [withStaleAtIndex(seriesOf(up, [0, 10_000, 20_000], [1, 1, 0]), 2)]);
    const b = nodeOf(1, 'b', [withStaleAtIndex(seriesOf(up, [5_000, 15_000, 25_000], [2, 2, 0]), 2)]);
    const m = mergeNodes([a, b], { strategy: 'union' }).series[0];
    expect(Array.from(m.timestamps)).toEqual([0, 5_000, 10_000, 15_000, 25_000]);
    expect(Array.from(m.provenance)).toEqual([0, 1, 0, 1, 1]);
    expect(isStaleAt(m.values, 4)).toBe(true);
  });

  it('drops a marker when the other node continues, but keeps it when the other node has a gap across it', () => {
    const a = nodeOf(0, 'a', [withStaleAtIndex(seriesOf(up, [0, 10_000, 20_000], [1, 1, 0]), 2)]);
    const bContinues = nodeOf(1, 'b', [seriesOf(up, [5_000, 15_000, 25_000, 35_000], [2, 2, 2, 2])]);
    const m1 = mergeNodes([a, bContinues], { strategy: 'union' }).series[0];
    expect(Array.from(m1.timestamps)).toEqual([0, 5_000, 10_000, 15_000, 25_000, 35_000]);
    const bGap = nodeOf(1, 'b', [seriesOf(up, [5_000, 15_000, 65_000, 75_000], [2, 2, 2, 2])]);
    const m2 = mergeNodes([a, bGap], { strategy: 'union' }).series[0];
    expect(Array.from(m2.timestamps)).toEqual([0, 5_000, 10_000, 15_000, 20_000, 65_000, 75_000]);
    expect(isStaleAt(m2.values, 4)).toBe(true);
    expect(m2.provenance[4]).toBe(0);
  });

  it('lets a real value beat a stale marker at the same timestamp (and counts the tie)', () => {
    const a = nodeOf(0, 'a', [withStaleAtIndex(seriesOf(up, [0, 10_000], [1, 0]), 1)]);
    const b = nodeOf(1, 'b', [seriesOf(up, [0, 10_000], [1, 5])]);
    const m = mergeNodes([a, b], { strategy: 'union' }).series[0];
    expect(cols(m)).toEqual({ ts: [0, 10_000], values: [1, 5], prov: [0, 1] });
    expect(m.tieBreaks).toBe(1);
  });

  it('keeps a stale marker bit-exactly when every node marks the same timestamp', () => {
    const a = nodeOf(0, 'a', [withStaleAtIndex(seriesOf(up, [0, 10_000], [1, 0]), 1)]);
    const b = nodeOf(1, 'b', [withStaleAtIndex(seriesOf(up, [0, 10_000], [1, 0]), 1)]);
    const m = mergeNodes([a, b], { strategy: 'union' }).series[0];
    expect(Array.from(m.provenance)).toEqual([0, 0]);
    expect(isStaleAt(m.values, 1)).toBe(true);
    expect(m.tieBreaks).toBe(0);
  });
});

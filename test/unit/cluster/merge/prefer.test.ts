import { describe, expect, it } from 'vitest';
import { GAP_FACTOR, mergeNodes } from '@core/cluster/merge';
import { nodeOf, rawSeries, replicaFixture, scrapeTimes } from '../../../helpers/series-fixtures';

const up = { __name__: 'up', job: 'node' };
const s = (ts: Float64Array) => rawSeries(up, ts, ts.map((t) => t / 1000));
const sec = (xs: Float64Array) => Array.from(xs, (t) => t / 1000);
const grid = (phaseMs: number, endMs: number, gaps: [number, number][] = []) =>
  s(scrapeTimes({ startMs: 0, endMs, intervalMs: 15_000, phaseMs, gaps }));

describe('prefer-first merge', () => {
  it('keeps the first node and fills its gap strictly inside from the second', () => {
    const a = grid(0, 135_000, [[45_000, 90_000]]);
    const b = grid(5_000, 135_000);
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], { strategy: 'prefer-first' }).series[0];
    expect(sec(m.timestamps)).toEqual([0, 15, 30, 35, 50, 65, 80, 90, 105, 120]);
    expect(Array.from(m.provenance)).toEqual([0, 0, 0, 1, 1, 1, 1, 0, 0, 0]);
    expect(Array.from(m.values)).toEqual(sec(m.timestamps)); // values travel with their timestamps
  });

  it('fills from the next nodes in order: the third node only fills what the second left open', () => {
    const a = grid(0, 135_000, [[45_000, 90_000]]);
    const b = grid(5_000, 135_000, [[30_000, 75_000]]);
    const c = grid(10_000, 135_000);
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b]), nodeOf(2, 'c', [c])], { strategy: 'prefer-first' }).series[0];
    expect(sec(m.timestamps)).toEqual([0, 15, 30, 40, 55, 70, 80, 90, 105, 120]);
    expect(Array.from(m.provenance)).toEqual([0, 0, 0, 2, 2, 2, 1, 0, 0, 0]);
  });

  it('treats a late start and an early end of the first node as gaps at the edges', () => {
    const a = grid(0, 90_000, [[0, 45_000]]); // 45 60 75
    const b = grid(5_000, 135_000); // 5 20 … 125
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], { strategy: 'prefer-first' }).series[0];
    expect(sec(m.timestamps)).toEqual([5, 20, 35, 45, 60, 75, 80, 95, 110, 125]);
    expect(Array.from(m.provenance)).toEqual([1, 1, 1, 0, 0, 0, 1, 1, 1, 1]);
  });

  it(`does not fill spacings up to ${GAP_FACTOR}× the interval (jitter) but does fill one missed scrape`, () => {
    const a = s(Float64Array.from([0, 15_000, 36_000, 51_000, 81_000, 96_000])); // 21 s: no gap; 30 s: gap
    const b = grid(5_000, 100_000);
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], { strategy: 'prefer-first' }).series[0];
    expect(sec(m.timestamps)).toEqual([0, 15, 36, 51, 65, 80, 81, 96]);
    expect(Array.from(m.provenance)).toEqual([0, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('uses the second node as primary when the first lacks the series', () => {
    const b = grid(5_000, 50_000);
    const c = grid(0, 50_000);
    const m = mergeNodes([nodeOf(0, 'a', []), nodeOf(1, 'b', [b]), nodeOf(2, 'c', [c])], { strategy: 'prefer-first' }).series[0];
    expect(sec(m.timestamps)).toEqual([5, 20, 35]);
    expect(Array.from(m.provenance)).toEqual([1, 1, 1]);
    expect(m.sourceNodes).toEqual([1, 2]);
  });

  it('on a jittered fixture with an outage and a one-node reset: a unchanged, b exactly inside the outage', () => {
    const t0 = 1_700_000_000_000;
    const nodes = replicaFixture({
      startMs: t0,
      endMs: t0 + 600_000,
      intervalMs: 15_000,
      series: [{ __name__: 'http_requests_total', job: 'api' }],
      nodes: [
        { name: 'a', jitterMs: 500, gaps: [[t0 + 120_000, t0 + 180_000]], resetsAt: [t0 + 300_000] },
        { name: 'b', phaseMs: 7_000, jitterMs: 500 },
      ],
    });
    const [sa, sb] = [nodes[0].series[0], nodes[1].series[0]];
    const m = mergeNodes(nodes, { strategy: 'prefer-first' }).series[0];
    const before = sa.timestamps.filter((t) => t < t0 + 120_000);
    const after = sa.timestamps.filter((t) => t >= t0 + 180_000);
    const inside = sb.timestamps.filter((t) => t > before[before.length - 1] && t < after[0]);
    expect(inside.length).toBe(5);
    expect(Array.from(m.timestamps)).toEqual([...before, ...inside, ...after]);
    expect(Array.from(m.provenance)).toEqual([...Array(before.length).fill(0), ...Array(5).fill(1), ...Array(after.length).fill(0)]);
    expect(Array.from(m.values.filter((_, i) => m.provenance[i] === 0))).toEqual(Array.from(sa.values));
  });
});

describe('prefer-max merge', () => {
  it('takes the node with the most samples as primary', () => {
    const a = grid(0, 135_000, [[45_000, 90_000]]);
    const b = grid(5_000, 135_000);
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], { strategy: 'prefer-max' }).series[0];
    expect(sec(m.timestamps)).toEqual([5, 20, 35, 50, 65, 80, 95, 110, 125]);
    expect(Array.from(m.provenance)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('with three nodes fills the primary\'s gap from the others in node order', () => {
    const a = grid(0, 135_000, [[45_000, 90_000]]); // 6 samples
    const b = grid(5_000, 135_000, [[30_000, 75_000]]); // 6 samples
    const c = grid(10_000, 135_000, [[70_000, 100_000]]); // 7 samples: primary
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b]), nodeOf(2, 'c', [c])], { strategy: 'prefer-max' }).series[0];
    expect(sec(m.timestamps)).toEqual([10, 25, 40, 55, 80, 90, 100, 115, 130]);
    expect(Array.from(m.provenance)).toEqual([2, 2, 2, 2, 1, 0, 2, 2, 2]);
  });

  it('breaks equal sample counts by node order', () => {
    const a = grid(0, 60_000);
    const b = grid(5_000, 60_000);
    const m = mergeNodes([nodeOf(0, 'a', [a]), nodeOf(1, 'b', [b])], { strategy: 'prefer-max' }).series[0];
    expect(Array.from(m.provenance)).toEqual([0, 0, 0, 0]);
  });
});

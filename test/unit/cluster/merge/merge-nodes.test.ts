import { describe, expect, it } from 'vitest';
import { MERGE_STRATEGIES, MergeError, mergeNodes, mergedRawSummary, mergedStore, provenanceRuns, toRawSeries } from '@core/cluster/merge';
import { isStaleAt } from '@core/series/stale-marker';
import { nodeOf, seriesOf, withStaleAtIndex } from '../../../helpers/series-fixtures';

describe('mergeNodes', () => {
  it('matches series across nodes without the replica label and strips it from the output', () => {
    const a = nodeOf(0, 'a', [seriesOf({ __name__: 'up', job: 'x', replica: 'A' }, [0, 15_000], [1, 1])]);
    const b = nodeOf(1, 'b', [seriesOf({ __name__: 'up', job: 'x', replica: 'B' }, [5_000, 20_000], [1, 1])]);
    for (const strategy of MERGE_STRATEGIES) {
      const r = mergeNodes([a, b], { strategy, replicaLabel: 'replica' });
      expect(r.series).toHaveLength(1);
      expect(r.series[0].labels).toEqual({ __name__: 'up', job: 'x' });
      expect(r.series[0].sourceNodes).toEqual([0, 1]);
    }
    const apart = mergeNodes([a, b], { strategy: 'union' });
    expect(apart.series.map((s) => s.labels.replica)).toEqual(['A', 'B']);
  });

  it('returns no series for empty nodes and keeps one-sided series with their only source', () => {
    for (const strategy of MERGE_STRATEGIES) {
      expect(mergeNodes([], { strategy }).series).toEqual([]);
      expect(mergeNodes([nodeOf(0, 'a', []), nodeOf(1, 'b', [])], { strategy }).series).toEqual([]);
      const r = mergeNodes([nodeOf(0, 'a', []), nodeOf(1, 'b', [seriesOf({ __name__: 'm' }, [1_000, 2_000], [5, 6])])], { strategy });
      expect(r.series).toHaveLength(1);
      expect(Array.from(r.series[0].values)).toEqual([5, 6]);
      expect(Array.from(r.series[0].provenance)).toEqual([1, 1]);
      expect(r.series[0].sourceNodes).toEqual([1]);
    }
  });

  it('keeps a series that has no samples at all, with empty columns', () => {
    const r = mergeNodes([nodeOf(0, 'a', [seriesOf({ __name__: 'm' }, [], [])])], { strategy: 'prefer-first' });
    expect(r.series[0].timestamps.length).toBe(0);
    expect(mergedStore(r).all()).toEqual([]);
  });

  it('sorts the output by label set and folds a node that returned one key twice', () => {
    const a = nodeOf(0, 'a', [
      seriesOf({ __name__: 'z' }, [0], [1]),
      seriesOf({ __name__: 'a', replica: '1' }, [0, 20_000], [1, 3]),
      seriesOf({ __name__: 'a', replica: '2' }, [10_000, 20_000], [2, 9]),
    ]);
    const r = mergeNodes([a], { strategy: 'union', replicaLabel: 'replica' });
    expect(r.series.map((s) => s.labels.__name__)).toEqual(['a', 'z']);
    expect(Array.from(r.series[0].values)).toEqual([1, 2, 3]);
    expect(r.series[0].sourceNodes).toEqual([0]);
  });

  it('passes stale markers through every strategy bit-exactly', () => {
    const a = nodeOf(0, 'a', [withStaleAtIndex(seriesOf({ __name__: 'm' }, [0, 15_000, 30_000], [1, 2, 0]), 2)]);
    for (const strategy of MERGE_STRATEGIES) {
      const m = mergeNodes([a, nodeOf(1, 'b', [])], { strategy }).series[0];
      expect(isStaleAt(m.values, 2)).toBe(true);
    }
  });

  it('turns the merge into a store the engine can select from', () => {
    const a = nodeOf(0, 'a', [seriesOf({ __name__: 'up', job: 'x' }, [0, 15_000, 30_000], [1, 1, 1])]);
    const r = mergeNodes([a], { strategy: 'union' });
    expect(toRawSeries(r.series[0])).toEqual({ labels: { __name__: 'up', job: 'x' }, timestamps: r.series[0].timestamps, values: r.series[0].values });
    const sel = mergedStore(r).select([{ type: '=', name: '__name__', value: 'up' }], 10_000, 30_000);
    expect(Array.from(sel[0].timestamps)).toEqual([15_000, 30_000]);
  });

  it('rejects inputs it cannot represent with typed errors', () => {
    const tooMany = Array.from({ length: 257 }, (_, i) => nodeOf(i % 256, `n${i}`, []));
    expect(() => mergeNodes(tooMany, { strategy: 'union' })).toThrow(MergeError);
    expect(() => mergeNodes([nodeOf(300, 'x', [])], { strategy: 'union' })).toThrowError(/index 300/);
    const unsorted = nodeOf(0, 'a', [seriesOf({ __name__: 'm' }, [2_000, 1_000], [1, 2])]);
    try {
      mergeNodes([unsorted], { strategy: 'union' });
      expect.unreachable();
    } catch (e) {
      expect((e as MergeError).kind).toBe('unsorted-samples');
    }
    expect(() => mergeNodes([], { strategy: 'nope' as never })).toThrowError(/unknown merge strategy "nope"/);
  });
});

describe('provenance runs', () => {
  it('collapses per-sample provenance into per-node stretches', () => {
    const a = nodeOf(0, 'a', [seriesOf({ __name__: 'up' }, [0, 15_000, 30_000, 90_000, 105_000], [1, 1, 1, 1, 1])]);
    const b = nodeOf(1, 'b', [seriesOf({ __name__: 'up' }, [5_000, 20_000, 35_000, 50_000, 65_000, 80_000, 95_000], [1, 1, 1, 1, 1, 1, 1])]);
    const m = mergeNodes([a, b], { strategy: 'prefer-first' }).series[0];
    expect(mergedRawSummary(m)).toEqual({
      labels: { __name__: 'up' },
      tieBreaks: 0,
      runs: [
        { node: 0, startMs: 0, endMs: 30_000 },
        { node: 1, startMs: 35_000, endMs: 80_000 },
        { node: 0, startMs: 90_000, endMs: 105_000 },
      ],
    });
    expect(provenanceRuns(mergeNodes([], { strategy: 'union' }).series[0] ?? { ...m, timestamps: new Float64Array(0), provenance: new Uint8Array(0) })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { MERGE_STRATEGIES, mergeNodes, type MergedSeries, type NodeSeries } from '@core/cluster/merge';
import { StreamingMergeJoin, StreamOrderError } from '@core/cluster/merge/merge-join';
import { HeldBytes } from '@core/series/held-bytes';
import { compareLabels } from '@core/series/labels';
import { STALE_NAN } from '@core/series/stale-marker';
import type { RawSeries } from '@core/series/types';
import { prng, scrapeTimes } from '../../../helpers/series-fixtures';

/** Generated replicas: overlapping and disjoint series sets, gaps, jitter, stale markers, equal-time conflicts. */
function replicas(nodes: number, seriesCount: number, seed: number): NodeSeries[] {
  const rnd = prng(seed);
  const out: NodeSeries[] = [];
  for (let n = 0; n < nodes; n++) {
    const series: RawSeries[] = [];
    for (let i = 0; i < seriesCount; i++) {
      if (rnd() < 0.25) continue; // this node lacks the series
      const ts = scrapeTimes({ startMs: 0, endMs: 600_000, intervalMs: 15_000, phaseMs: n * 3_000, jitterMs: 500, seed: seed * 97 + n * 13 + i, gaps: rnd() < 0.3 ? [[120_000, 240_000]] : [] });
      const values = new Float64Array(ts.length);
      for (let k = 0; k < ts.length; k++) values[k] = rnd() < 0.03 ? STALE_NAN : Math.round(rnd() * 1000) / 7;
      series.push({ labels: { __name__: 'm', instance: `i${String(i).padStart(3, '0')}`, job: i % 3 ? 'a' : 'b' }, timestamps: ts, values });
    }
    series.sort((a, b) => compareLabels(a.labels, b.labels));
    out.push({ index: n, name: `n${n}`, series });
  }
  return out;
}

/** Stream the nodes' series interleaved as frames would arrive, collecting the merged series. */
function streamMerge(nodes: NodeSeries[], strategy: (typeof MERGE_STRATEGIES)[number], held = new HeldBytes()): MergedSeries[] {
  const merged: MergedSeries[] = [];
  const join = new StreamingMergeJoin(nodes, { strategy, onMerged: (s) => merged.push(s), held });
  const pos = nodes.map(() => 0);
  const rnd = prng(7);
  for (let open = nodes.length; open > 0; ) {
    const n = Math.floor(rnd() * nodes.length);
    if (pos[n] > nodes[n].series.length) continue;
    if (pos[n] === nodes[n].series.length) {
      join.end(n);
      pos[n]++;
      open--;
      continue;
    }
    join.push(n, nodes[n].series[pos[n]++]);
  }
  expect(join.done).toBe(true);
  return merged;
}

function expectSameMerge(a: readonly MergedSeries[], b: readonly MergedSeries[]): void {
  expect(a.map((s) => s.labels)).toEqual(b.map((s) => s.labels));
  a.forEach((s, i) => {
    const t = b[i];
    expect(Array.from(s.timestamps)).toEqual(Array.from(t.timestamps));
    expect(new Uint8Array(s.values.buffer, s.values.byteOffset, s.values.byteLength)).toEqual(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength));
    expect(Array.from(s.provenance)).toEqual(Array.from(t.provenance));
    expect(s.sourceNodes).toEqual(t.sourceNodes);
    expect(s.tieBreaks).toBe(t.tieBreaks);
  });
}

describe('StreamingMergeJoin', () => {
  it('gives every strategy the same merged series as mergeNodes, for overlapping and disjoint series sets', () => {
    for (const nodeCount of [1, 2, 3]) {
      const nodes = replicas(nodeCount, 60, 11 + nodeCount);
      for (const strategy of MERGE_STRATEGIES) {
        const held = new HeldBytes();
        expectSameMerge(streamMerge(nodes, strategy, held), mergeNodes(nodes, { strategy }).series);
        expect(held.held).toBe(0);
        expect(held.peak).toBeGreaterThan(0);
      }
    }
  });

  it('merges a series only once every open stream has passed its labels, and a node ending early releases the rest', () => {
    const s = (inst: string, t: number, v: number): RawSeries => ({ labels: { __name__: 'm', instance: inst }, timestamps: Float64Array.of(t), values: Float64Array.of(v) });
    const merged: MergedSeries[] = [];
    const join = new StreamingMergeJoin([{ index: 0, name: 'a' }, { index: 1, name: 'b' }], { strategy: 'union', onMerged: (x) => merged.push(x) });
    join.push(0, s('1', 1000, 1));
    join.push(0, s('2', 1000, 2));
    expect(merged).toHaveLength(0); // b may still send instance 1 (or 0)
    join.push(1, s('1', 2000, 10));
    expect(merged.map((x) => x.labels.instance)).toEqual(['1']);
    expect(Array.from(merged[0].timestamps)).toEqual([1000, 2000]);
    expect(merged[0].sourceNodes).toEqual([0, 1]);
    join.end(1); // b ended early: a's remaining series need not wait for it
    expect(merged.map((x) => x.labels.instance)).toEqual(['1', '2']);
    join.push(0, s('3', 1000, 3));
    expect(merged.map((x) => x.labels.instance)).toEqual(['1', '2', '3']);
    join.end(0);
    expect(join.done).toBe(true);
  });

  it('drops a failing node\'s unmerged series and says whether it had contributed', () => {
    const s = (inst: string, v: number): RawSeries => ({ labels: { __name__: 'm', instance: inst }, timestamps: Float64Array.of(1000), values: Float64Array.of(v) });
    const nodes = [{ index: 0, name: 'a' }, { index: 1, name: 'b' }];
    const held = new HeldBytes();
    const merged: MergedSeries[] = [];
    const join = new StreamingMergeJoin(nodes, { strategy: 'prefer-first', onMerged: (x) => merged.push(x), held });
    join.push(1, s('1', 10));
    join.push(1, s('2', 20));
    expect(join.fail(1)).toEqual({ contributed: false }); // nothing of b was merged yet
    expect(held.held).toBe(0);
    join.push(0, s('2', 2));
    join.end(0);
    expect(merged.map((x) => [x.labels.instance, x.values[0], x.sourceNodes])).toEqual([['2', 2, [0]]]);

    const later = new StreamingMergeJoin(nodes, { strategy: 'union', onMerged: () => undefined });
    later.push(0, s('1', 1));
    later.push(1, s('1', 1));
    later.push(1, s('2', 2));
    expect(later.fail(1)).toEqual({ contributed: true }); // series 1 already carries b's samples
  });

  it('refuses a stream out of label order (or repeating a label set)', () => {
    const join = new StreamingMergeJoin([{ index: 0, name: 'a' }], { strategy: 'union', onMerged: () => undefined });
    const s = (inst: string): RawSeries => ({ labels: { __name__: 'm', instance: inst }, timestamps: Float64Array.of(1), values: Float64Array.of(1) });
    join.push(0, s('b'));
    expect(() => join.push(0, s('a'))).toThrow(StreamOrderError);
    expect(() => join.push(0, s('b'))).toThrow(/out of label order/);
  });
});

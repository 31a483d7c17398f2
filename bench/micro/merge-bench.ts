// Merge throughput per strategy: input samples merged per second for 2 nodes (the HA pair, B with its gap) and
// 3 nodes (a third replica at another scrape phase). One core, typed arrays in memory, best of a few rounds.
import { MERGE_STRATEGIES, mergeNodes, type MergeStrategy, type NodeSeries } from '@core/cluster/merge';
import type { RawSeries } from '@core/series/types';
import { replicaSeries } from '../data/in-memory';
import type { Window } from '../data/timeline';

export interface MergeBenchRow {
  strategy: MergeStrategy;
  nodes: number;
  inputSamples: number;
  samplesPerSec: number;
}

/** A third replica: A's samples moved by 5 s, as a node with its own scrape phase would have them. */
function shifted(series: RawSeries[], byMs: number): RawSeries[] {
  return series.map((s) => ({ labels: s.labels, timestamps: s.timestamps.map((t) => t + byMs), values: s.values }));
}

export function runMergeBench(hosts: number, w: Window, rounds = 3): MergeBenchRow[] {
  const a = replicaSeries(hosts, 'A', w);
  const b = replicaSeries(hosts, 'B', w);
  const nodeSets: NodeSeries[][] = [
    [
      { index: 0, name: 'A', series: a },
      { index: 1, name: 'B', series: b },
    ],
    [
      { index: 0, name: 'A', series: a },
      { index: 1, name: 'B', series: b },
      { index: 2, name: 'C', series: shifted(a, 5_000) },
    ],
  ];
  const rows: MergeBenchRow[] = [];
  for (const nodes of nodeSets) {
    const inputSamples = nodes.reduce((n, x) => n + x.series.reduce((m, s) => m + s.timestamps.length, 0), 0);
    for (const strategy of MERGE_STRATEGIES) {
      let best = Infinity;
      // Round -1 is untimed: it lets the JIT optimise the strategy before it is measured.
      for (let r = -1; r < rounds; r++) {
        const t0 = performance.now();
        mergeNodes(nodes, { strategy });
        const ms = performance.now() - t0;
        if (r >= 0) best = Math.min(best, ms);
      }
      rows.push({ strategy, nodes: nodes.length, inputSamples, samplesPerSec: Math.round(inputSamples / (best / 1000)) });
    }
  }
  return rows;
}

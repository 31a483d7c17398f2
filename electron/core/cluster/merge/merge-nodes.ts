// Entry point of the replica merge: group the nodes' series by label set (minus the replica label), run the chosen
// strategy per group, attach provenance and tie-break counts. Pure; never touches the network or the input arrays.
import { compareLabels } from '@core/series/labels';
import { anyMemberHistograms, attachHistograms } from './attach-histograms';
import { groupSeries } from './group';
import { mergePenalty } from './penalty';
import { mergePreferFirst } from './prefer-first';
import { mergePreferMax } from './prefer-max';
import { countConflictingTies } from './tie-breaks';
import { MERGE_STRATEGIES, MergeError, type MergedSeries, type MergeOptions, type MergeResult, type NodeSeries } from './types';
import { mergeUnion } from './union';

export function mergeNodes(nodes: readonly NodeSeries[], options: MergeOptions): MergeResult {
  const { strategy, replicaLabel, gapFactor } = options;
  if (!MERGE_STRATEGIES.includes(strategy)) {
    throw new MergeError('unknown-strategy', `unknown merge strategy ${JSON.stringify(strategy)}`);
  }
  const series: MergedSeries[] = [];
  let tieBreaksTotal = 0;
  for (const g of groupSeries(nodes, replicaLabel)) {
    const sourceNodes = g.members.map((m) => m.node).sort((a, b) => a - b);
    let cols;
    let tieBreaks: number;
    switch (strategy) {
      case 'union': {
        const u = mergeUnion(g.members, gapFactor);
        cols = u;
        tieBreaks = u.tieBreaks;
        break;
      }
      case 'penalty':
        cols = mergePenalty(g.members);
        tieBreaks = countConflictingTies(g.members);
        break;
      case 'prefer-first':
        cols = mergePreferFirst(g.members, gapFactor);
        tieBreaks = countConflictingTies(g.members);
        break;
      case 'prefer-max':
        cols = mergePreferMax(g.members, gapFactor);
        tieBreaks = countConflictingTies(g.members);
        break;
      default:
        throw new MergeError('unknown-strategy', `unknown merge strategy ${JSON.stringify(strategy)}`);
    }
    tieBreaksTotal += tieBreaks;
    const merged: MergedSeries = {
      labels: g.labels,
      timestamps: cols.timestamps,
      values: cols.values,
      provenance: cols.provenance,
      sourceNodes,
      tieBreaks,
    };
    const histograms = anyMemberHistograms(g.members) ? attachHistograms(g.members, cols.timestamps, cols.provenance) : undefined;
    series.push(histograms ? { ...merged, histograms } : merged);
  }
  series.sort((a, b) => compareLabels(a.labels, b.labels));
  return { strategy, series, tieBreaks: tieBreaksTotal };
}

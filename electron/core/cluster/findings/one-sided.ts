// `one-sided` findings: series that some nodes have in the window and others lack entirely. Grouped per missing node
// and per set of nodes that do have them, so a scrape job one replica does not run is one finding, not hundreds.
// Nodes without any data in the window are left to gaps.ts (one "silent node" gap instead).
import type { Labels } from '@core/series/types';
import type { AnalysisContext } from './context';
import { commonLabels } from './label-summary';
import { MAX_LISTED_SERIES, type Finding } from './types';

export function findOneSided(ctx: AnalysisContext): Finding[] {
  const hasData = ctx.names.map((_, order) => ctx.groups.some((g) => g.members.some((m) => m.order === order)));
  // (missing node, present-set) → affected label sets
  const buckets = new Map<string, { missing: number; present: number[]; labels: Labels[] }>();
  for (const g of ctx.groups) {
    const present = g.members.map((m) => m.order);
    for (let order = 0; order < ctx.names.length; order++) {
      if (!hasData[order] || present.includes(order)) continue;
      const key = `${order}|${present.join(',')}`;
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = { missing: order, present, labels: [] }));
      b.labels.push(g.labels);
    }
  }
  const secs = (ctx.endMs - ctx.startMs) / 1000;
  return [...buckets.values()].map(({ missing, present, labels }) => {
    const node = ctx.names[missing];
    const coveredBy = present.map((o) => ctx.names[o]);
    const n = labels.length;
    return {
      kind: 'one-sided',
      severity: 'medium',
      score: n,
      node,
      labels: n === 1 ? labels[0] : commonLabels(labels),
      startMs: ctx.startMs,
      endMs: ctx.endMs,
      durationMs: ctx.endMs - ctx.startMs,
      coveredBy,
      detail: `${n === 1 ? '1 series' : `${n} series`} only on ${coveredBy.join(', ')}, never on ${node} in ${secs} s.`,
      ...(n > 1 ? { seriesCount: n, series: labels.slice(0, MAX_LISTED_SERIES) } : {}),
    } satisfies Finding;
  });
}

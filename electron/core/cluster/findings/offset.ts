// `offset` findings: how much later (or earlier) each node scrapes than the reference node (the first node with
// data): the median, over all shared series, of the time from the reference's nearest sample to each sample.
// Pairs further apart than half an interval are ambiguous and skipped. Informational (low severity).
import { medianInPlace } from '@core/cluster/merge';
import type { AnalysisContext } from './context';
import { nearestIndex } from './nearest';
import type { Finding } from './types';

export function findScrapeOffsets(ctx: AnalysisContext): Finding[] {
  const present = ctx.names.map((_, o) => ctx.groups.some((g) => g.members.some((m) => m.order === o)));
  const refOrder = present.indexOf(true);
  if (refOrder < 0) return [];
  const refName = ctx.names[refOrder];
  const out: Finding[] = [];
  for (let order = refOrder + 1; order < ctx.names.length; order++) {
    if (!present[order]) continue;
    const pairs = ctx.groups.flatMap((g) => {
      const ref = g.members.find((m) => m.order === refOrder);
      const other = g.members.find((m) => m.order === order);
      return ref && other ? [{ ref: ref.timestamps, other: other.timestamps, half: g.intervalMs / 2 }] : [];
    });
    const seriesCount = pairs.length;
    const diffs = new Float64Array(pairs.reduce((n, p) => n + p.other.length, 0));
    let k = 0;
    for (const { ref, other, half } of pairs) {
      for (let i = 0; i < other.length; i++) {
        const d = other[i] - ref[nearestIndex(ref, other[i])];
        if (Math.abs(d) <= half) diffs[k++] = d;
      }
    }
    if (k === 0) continue;
    const offsetMs = medianInPlace(diffs.subarray(0, k));
    const node = ctx.names[order];
    const when = offsetMs === 0 ? 'at the same time as' : `${+(Math.abs(offsetMs) / 1000).toFixed(3)} s ${offsetMs > 0 ? 'after' : 'before'}`;
    out.push({
      kind: 'offset',
      severity: 'low',
      score: Math.abs(offsetMs),
      node,
      labels: {},
      startMs: ctx.startMs,
      endMs: ctx.endMs,
      durationMs: ctx.endMs - ctx.startMs,
      coveredBy: [],
      comparedWith: refName,
      offsetMs,
      seriesCount,
      detail: `${node} scrapes ${when} ${refName} (median of ${k} samples over ${seriesCount} series).`,
    });
  }
  return out;
}

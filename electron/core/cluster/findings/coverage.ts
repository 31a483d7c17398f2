// Coverage summary per node: how many series and samples it returned in the window, which share of the window it
// had data for, and its first/last sample; `stale` flags a node whose data stopped while another's went on.
//
// Each series contributes its runs of samples no further apart than the gap threshold; a run covers
// [first − interval/2, last + interval/2] (a sample stands for the half interval around it), clipped to the window.
// The node's coverage is the union of those runs over all its series, over the window length.
import type { AnalysisContext } from './context';
import type { NodeCoverage } from './types';

export function nodeCoverage(ctx: AnalysisContext): NodeCoverage[] {
  const span = ctx.endMs - ctx.startMs;
  const rows = ctx.names.map((node, order) => {
    let seriesCount = 0;
    let sampleCount = 0;
    let first = Infinity;
    let last = -Infinity;
    let threshold = 0;
    const runs: Array<[number, number]> = [];
    for (const g of ctx.groups) {
      const m = g.members.find((x) => x.order === order);
      if (!m) continue;
      const ts = m.timestamps;
      seriesCount++;
      sampleCount += ts.length;
      first = Math.min(first, ts[0]);
      last = Math.max(last, ts[ts.length - 1]);
      const half = g.intervalMs / 2;
      threshold = Math.max(threshold, g.thresholdMs);
      let runStart = ts[0];
      for (let i = 1; i <= ts.length; i++) {
        if (i < ts.length && ts[i] - ts[i - 1] <= g.thresholdMs) continue;
        runs.push([Math.max(ctx.startMs, runStart - half), Math.min(ctx.endMs, ts[i - 1] + half)]);
        if (i < ts.length) runStart = ts[i];
      }
    }
    const covered = unionLength(runs);
    return {
      node,
      index: order,
      seriesCount,
      sampleCount,
      coveragePct: span > 0 ? (100 * covered) / span : seriesCount > 0 ? 100 : 0,
      firstSampleMs: seriesCount ? first : null,
      lastSampleMs: seriesCount ? last : null,
      threshold,
    };
  });
  const latest = Math.max(...rows.map((r) => r.lastSampleMs ?? -Infinity));
  return rows.map(({ threshold, ...r }) => ({
    ...r,
    stale: r.lastSampleMs === null ? latest > -Infinity : ctx.endMs - r.lastSampleMs > threshold && latest - r.lastSampleMs > threshold,
  }));
}

function unionLength(runs: Array<[number, number]>): number {
  runs.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let s = -Infinity;
  let e = -Infinity;
  for (const [a, b] of runs) {
    if (a > e) {
      total += e - s > 0 ? e - s : 0;
      s = a;
      e = b;
    } else e = Math.max(e, b);
  }
  return total + (e - s > 0 ? e - s : 0);
}

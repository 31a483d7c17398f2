// `gap` findings: stretches where a node has no samples for a series although it should have scraped. Per-series
// gaps of one node that overlap in time are reported as ONE finding (a collector down for 20 s is one event, not
// one per series), with the shared labels, the series count and which other nodes had data meanwhile.
//
// A gap is a spacing > thresholdMs (gapFactor × the series' interval) between consecutive samples. The window edges
// count (window start → first sample, last sample → window end) only when another node has samples there, so a
// series that merely starts or ends inside the window on every node is not a gap. A node with no samples at all in
// the window, while others have some, gets one gap over the whole window.
// coveredBy: nodes with samples more than half an interval inside the gap (where the missed scrapes would be).
// Severity high when, even with all other nodes' samples, a spacing > threshold remains: the merged view lacks
// data there too. Otherwise medium for an outage (≥ outageShare of the node's series, at least 2), else low.
import { lowerBound, upperBound } from '@core/series/memory-store';
import type { Labels } from '@core/series/types';
import type { AnalysisContext, WindowGroup } from './context';
import { commonLabels } from './label-summary';
import { MAX_LISTED_SERIES, type Finding } from './types';

interface SeriesGap {
  start: number;
  end: number;
  labels: Labels;
  /** Input orders of the other nodes with samples where this node's missed scrapes would have been. */
  coveredBy: number[];
  /** Even with every other node's samples the stretch keeps a spacing > threshold: the merged view lacks data. */
  hole: boolean;
}

export function findGaps(ctx: AnalysisContext): Finding[] {
  const perNode: SeriesGap[][] = ctx.names.map(() => []);
  const seriesPerNode = new Int32Array(ctx.names.length);
  for (const g of ctx.groups) {
    for (const m of g.members) {
      seriesPerNode[m.order]++;
      collectSeriesGaps(ctx, g, m.order, perNode[m.order]);
    }
  }
  const out: Finding[] = [];
  const outageShare = ctx.options.outageShare ?? 0.5;
  const anyData = seriesPerNode.some((n) => n > 0);
  ctx.names.forEach((name, order) => {
    if (seriesPerNode[order] === 0) {
      if (anyData) out.push(silentNode(ctx, order));
      return;
    }
    for (const cluster of clusterByOverlap(perNode[order])) {
      out.push(toFinding(ctx, name, cluster, seriesPerNode[order], outageShare));
    }
  });
  return out;
}

function collectSeriesGaps(ctx: AnalysisContext, g: WindowGroup, order: number, into: SeriesGap[]): void {
  const m = g.members.find((x) => x.order === order)!;
  const ts = m.timestamps;
  const thr = g.thresholdMs;
  const half = g.intervalMs / 2;
  const others = g.members.filter((x) => x.order !== order);
  // [start, end] is the stretch without samples; at the window edges the bound itself belongs to it.
  const push = (start: number, end: number, openStart: boolean, openEnd: boolean) => {
    // Covering means data where this node's missed scrapes would have been, not merely a sample next to the edge.
    const coveredBy = others.filter((o) => countIn(o.timestamps, start + half, end - half) > 0).map((o) => o.order);
    if ((!openStart || !openEnd) && coveredBy.length === 0) return;
    into.push({ start, end, labels: g.labels, coveredBy, hole: leavesHole(others, start, end, openStart, openEnd, thr) });
  };
  if (ts[0] - ctx.startMs > thr) push(ctx.startMs, ts[0], false, true);
  for (let i = 1; i < ts.length; i++) if (ts[i] - ts[i - 1] > thr) push(ts[i - 1], ts[i], true, true);
  if (ctx.endMs - ts[ts.length - 1] > thr) push(ts[ts.length - 1], ctx.endMs, true, false);
}

/** Samples with lo < t < hi. */
function countIn(ts: Float64Array, lo: number, hi: number): number {
  return Math.max(0, lowerBound(ts, hi) - upperBound(ts, lo));
}

/** Would the merged view still have a spacing > thr across [start, end] after taking every other node's samples? */
function leavesHole(others: WindowGroup['members'], start: number, end: number, openStart: boolean, openEnd: boolean, thr: number): boolean {
  let n = 0;
  for (const o of others) n += countIn(o.timestamps, start - (openStart ? 0 : 1), end + (openEnd ? 0 : 1));
  const inside = new Float64Array(n);
  let k = 0;
  for (const o of others) {
    const lo = upperBound(o.timestamps, start - (openStart ? 0 : 1));
    const hi = lowerBound(o.timestamps, end + (openEnd ? 0 : 1));
    inside.set(o.timestamps.subarray(lo, hi), k);
    k += hi - lo;
  }
  inside.sort();
  let prev = start;
  for (let i = 0; i < inside.length; i++) {
    if (inside[i] - prev > thr) return true;
    prev = inside[i];
  }
  return end - prev > thr;
}

/** Sweep by start; a gap that starts before the current cluster ends joins it. */
function clusterByOverlap(gaps: SeriesGap[]): SeriesGap[][] {
  gaps.sort((a, b) => a.start - b.start || a.end - b.end);
  const clusters: SeriesGap[][] = [];
  let end = -Infinity;
  for (const g of gaps) {
    if (clusters.length && g.start < end) {
      clusters[clusters.length - 1].push(g);
      end = Math.max(end, g.end);
    } else {
      clusters.push([g]);
      end = g.end;
    }
  }
  return clusters;
}

function toFinding(ctx: AnalysisContext, node: string, cluster: SeriesGap[], nodeSeries: number, outageShare: number): Finding {
  const startMs = Math.min(...cluster.map((g) => g.start));
  const endMs = Math.max(...cluster.map((g) => g.end));
  const covering = new Set(cluster.flatMap((g) => g.coveredBy));
  const coveredBy = ctx.names.filter((_, order) => covering.has(order));
  const uncovered = cluster.filter((g) => g.hole).length;
  const n = cluster.length;
  const outage = n >= 2 && n >= outageShare * nodeSeries;
  const severity = uncovered > 0 ? 'high' : outage ? 'medium' : 'low';
  const secs = (endMs - startMs) / 1000;
  const what = n === 1 ? 'no samples' : `no samples for ${n} of ${nodeSeries} series`;
  const cover =
    uncovered === 0
      ? `${coveredBy.join(', ')} had data meanwhile`
      : coveredBy.length === 0
        ? 'no other node had data either'
        : uncovered === n
          ? `${coveredBy.join(', ')} had only part of it`
          : `${uncovered} of them not fully covered by ${coveredBy.join(', ')}`;
  return {
    kind: 'gap',
    severity,
    score: secs * n * (uncovered > 0 ? 10 : 1),
    node,
    labels: n === 1 ? cluster[0].labels : commonLabels(cluster.map((g) => g.labels)),
    startMs,
    endMs,
    durationMs: endMs - startMs,
    coveredBy,
    detail: `${node}: ${what} for ${formatSeconds(secs)}; ${cover}.`,
    ...(n > 1 ? { seriesCount: n, series: cluster.slice(0, MAX_LISTED_SERIES).map((g) => g.labels) } : {}),
  };
}

function silentNode(ctx: AnalysisContext, order: number): Finding {
  const node = ctx.names[order];
  const coveredBy = ctx.names.filter((_, o) => o !== order && ctx.groups.some((g) => g.members.some((m) => m.order === o)));
  const secs = (ctx.endMs - ctx.startMs) / 1000;
  return {
    kind: 'gap',
    severity: 'medium',
    score: secs * ctx.groups.length,
    node,
    labels: {},
    startMs: ctx.startMs,
    endMs: ctx.endMs,
    durationMs: ctx.endMs - ctx.startMs,
    coveredBy,
    detail: `${node}: no samples at all in the window; ${coveredBy.join(', ')} had data for ${ctx.groups.length} series.`,
    seriesCount: ctx.groups.length,
  };
}

export function formatSeconds(s: number): string {
  if (s < 120) return `${+s.toFixed(1)} s`;
  if (s < 7200) return `${+(s / 60).toFixed(1)} min`;
  return `${+(s / 3600).toFixed(1)} h`;
}

// Geometry of the provenance strip under the merged chart: which node supplied each stretch of a merged raw series
// (from MergedRawSummary.runs), mapped onto the chart's visible x range and plot width, plus an aggregate view over
// many series ("mostly node A") and per-node shares. Pure: the strip component only draws the rectangles.
import type { MergedRawSummary, ProvenanceRun } from '@shared/api/query-types';

export interface ViewRange {
  minMs: number;
  maxMs: number;
}

export interface StripRect {
  x: number;
  width: number;
  node: number;
  startMs: number;
  endMs: number;
}

function toPx(t: number, view: ViewRange, widthPx: number): number {
  return ((t - view.minMs) / (view.maxMs - view.minMs)) * widthPx;
}

/**
 * Runs → rectangles. A run's endMs is its last sample, so a run is stretched to the next run's start when the two
 * are at most `joinMs` apart (consecutive samples from different nodes); a longer space is a hole in the merged
 * data and stays empty. Rectangles are clipped to the view and at least 1 px wide so a one-sample run still shows.
 */
export function stripRects(runs: readonly ProvenanceRun[], view: ViewRange, widthPx: number, joinMs: number): StripRect[] {
  if (!(view.maxMs > view.minMs) || widthPx <= 0) return [];
  const out: StripRect[] = [];
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    const next = runs[i + 1];
    const end = next && next.startMs - r.endMs <= joinMs ? next.startMs : r.endMs;
    if (end < view.minMs || r.startMs > view.maxMs) continue;
    const x0 = Math.max(0, toPx(r.startMs, view, widthPx));
    const x1 = Math.min(widthPx, toPx(end, view, widthPx));
    out.push({ x: x0, width: Math.max(1, x1 - x0), node: r.node, startMs: r.startMs, endMs: end });
  }
  return out;
}

export interface StripBucket {
  x: number;
  width: number;
  /** The node that supplied most sample time in this bucket across all series; null when nothing was supplied. */
  node: number | null;
  /** That node's share of the supplied time in the bucket, 0..1. */
  share: number;
}

/** Time supplied per node inside [a, b], summed over runs of many series (runs stretched as in stripRects). */
function suppliedInto(acc: Float64Array[], summaries: readonly MergedRawSummary[], view: ViewRange, buckets: number, joinMs: number): void {
  const span = (view.maxMs - view.minMs) / buckets;
  for (const s of summaries) {
    for (let i = 0; i < s.runs.length; i++) {
      const r = s.runs[i];
      const next = s.runs[i + 1];
      const a = Math.max(view.minMs, r.startMs);
      // A one-sample run still counts: give it a sliver so it is not lost to zero width.
      const b = Math.min(view.maxMs, Math.max(next && next.startMs - r.endMs <= joinMs ? next.startMs : r.endMs, r.startMs + 1));
      if (b <= a || r.node >= acc.length) continue;
      const first = Math.min(buckets - 1, Math.floor((a - view.minMs) / span));
      const last = Math.min(buckets - 1, Math.floor((b - view.minMs) / span));
      for (let k = first; k <= last; k++) {
        const lo = view.minMs + k * span;
        const overlap = Math.min(b, lo + span) - Math.max(a, lo);
        if (overlap > 0) acc[r.node][k] += overlap;
      }
    }
  }
}

/** Aggregate strip for many series: per pixel bucket, the node that supplied the most. */
export function aggregateStrip(summaries: readonly MergedRawSummary[], nodeCount: number, view: ViewRange, widthPx: number, joinMs: number, bucketPx = 2): StripBucket[] {
  if (!(view.maxMs > view.minMs) || widthPx <= 0 || nodeCount <= 0) return [];
  const buckets = Math.max(1, Math.floor(widthPx / bucketPx));
  const acc = Array.from({ length: nodeCount }, () => new Float64Array(buckets));
  suppliedInto(acc, summaries, view, buckets, joinMs);
  const w = widthPx / buckets;
  const out: StripBucket[] = [];
  for (let k = 0; k < buckets; k++) {
    let best = -1;
    let sum = 0;
    for (let n = 0; n < nodeCount; n++) {
      sum += acc[n][k];
      if (acc[n][k] > 0 && (best < 0 || acc[n][k] > acc[best][k])) best = n;
    }
    const prev = out.at(-1);
    const node = best < 0 ? null : best;
    const share = best < 0 ? 0 : acc[best][k] / sum;
    // Merge neighbours of the same node into one rectangle: fewer SVG nodes, same picture.
    if (prev && prev.node === node && Math.abs(prev.share - share) < 0.05) prev.width += w;
    else out.push({ x: k * w, width: w, node, share });
  }
  return out;
}

export interface NodeShare {
  node: number;
  ms: number;
  /** 0..100 of all supplied time. */
  pct: number;
}

/** How much of the supplied sample time each node contributed in the view, over the given series. */
export function provenanceShares(summaries: readonly MergedRawSummary[], nodeCount: number, view: ViewRange, joinMs: number): NodeShare[] {
  if (!(view.maxMs > view.minMs) || nodeCount <= 0) return [];
  const acc = Array.from({ length: nodeCount }, () => new Float64Array(1));
  suppliedInto(acc, summaries, view, 1, joinMs);
  const total = acc.reduce((s, a) => s + a[0], 0);
  return acc.map((a, node) => ({ node, ms: a[0], pct: total > 0 ? (a[0] / total) * 100 : 0 }));
}

/**
 * The nodes' sample interval, estimated from coverage: covered time over samples per series (median over nodes).
 * Used to tell consecutive samples (join them in the strip) from a real hole. null when coverage says nothing.
 */
export function estimateIntervalMs(coverage: readonly { series: number; samples: number; coveragePct: number }[], rangeMs: number): number | null {
  const xs = coverage
    .filter((c) => c.series > 0 && c.samples > c.series && c.coveragePct > 0)
    .map((c) => (rangeMs * (c.coveragePct / 100)) / (c.samples / c.series))
    .sort((a, b) => a - b);
  return xs.length ? xs[Math.floor(xs.length / 2)] : null;
}

/** Runs closer than this are one stretch: the step, or 2.5 scrape intervals when coverage lets us estimate one. */
export function joinThresholdMs(stepMs: number, intervalMs: number | null): number {
  return Math.max(stepMs, intervalMs === null ? 0 : intervalMs * 2.5);
}

export function totalTieBreaks(summaries: readonly MergedRawSummary[]): number {
  return summaries.reduce((s, x) => s + x.tieBreaks, 0);
}

/** "mostly demo-a (87 %)" style summary; null when nothing was supplied. */
export function dominantNode(shares: readonly NodeShare[]): NodeShare | null {
  let best: NodeShare | null = null;
  for (const s of shares) if (s.ms > 0 && (!best || s.ms > best.ms)) best = s;
  return best;
}

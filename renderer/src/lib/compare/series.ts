// Lines up the merged result and every node's own result on one shared x column, so tiles, the overlay and the
// synced cursor all talk about the same instants; and picks "the same series" across results by its labels. Pure.
import type { EvaluatedResult, ResultSeries } from '@shared/api/query-types';
import { alignOne, unionTimestamps, type YColumn } from '../graph/align';
import { formatSeriesLabels } from '../format';

export function seriesKey(labels: Record<string, string>): string {
  return formatSeriesLabels(labels);
}

export interface CompareData {
  /** Shared x column, unix seconds. */
  xs: Float64Array;
  merged: YColumn[];
  /** Per node (index = node index): that node's columns, or null where the node failed / was not evaluated. */
  nodes: (YColumn[] | null)[];
}

function columns(series: readonly ResultSeries[], union: Float64Array): YColumn[] {
  return series.map((s) => alignOne(s, union).y);
}

/** At most `maxSeries` series per result are drawn: the tiles are small multiples, not the main graph. */
export function alignCompare(merged: EvaluatedResult, perNode: readonly (EvaluatedResult | null)[], maxSeries: number): CompareData {
  const m = merged.series.slice(0, maxSeries);
  const ns = perNode.map((r) => (r ? r.series.slice(0, maxSeries) : null));
  const unionMs = unionTimestamps([...m, ...ns.flatMap((s) => s ?? [])]);
  const xs = new Float64Array(unionMs.length);
  for (let i = 0; i < unionMs.length; i++) xs[i] = unionMs[i] / 1000;
  return { xs, merged: columns(m, unionMs), nodes: ns.map((s) => (s ? columns(s, unionMs) : null)) };
}

/** Index of the series with these labels in a result, or -1. */
export function findSeries(r: EvaluatedResult | null | undefined, key: string): number {
  if (!r) return -1;
  return r.series.findIndex((s) => seriesKey(s.labels) === key);
}

/**
 * The raw series (provenance entry) behind a result series: exact labels, or the same labels without the metric
 * name (rate(x) drops __name__). -1 when none matches, e.g. for aggregations.
 */
export function provenanceIndexFor(prov: readonly { labels: Record<string, string> }[], labels: Record<string, string>): number {
  const exact = seriesKey(labels);
  const bare = (l: Record<string, string>) => seriesKey(Object.fromEntries(Object.entries(l).filter(([k]) => k !== '__name__')));
  const want = bare(labels);
  let loose = -1;
  for (let i = 0; i < prov.length; i++) {
    if (seriesKey(prov[i].labels) === exact) return i;
    if (loose < 0 && bare(prov[i].labels) === want) loose = i;
  }
  return loose;
}

/** Largest spacing (ms) between consecutive timestamps within [fromMs, toMs]; 0 with fewer than two. */
export function maxSpacingMs(ts: ArrayLike<number>, fromMs = -Infinity, toMs = Infinity): number {
  let prev = NaN;
  let max = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (t < fromMs || t > toMs) continue;
    if (!Number.isNaN(prev)) max = Math.max(max, t - prev);
    prev = t;
  }
  return max;
}

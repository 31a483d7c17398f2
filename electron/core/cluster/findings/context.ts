// Prepares the analysis: cuts every node's series to the window, lines series up across nodes (merge/group) and
// settles one scrape-interval estimate per series. Every finding module works on this; none re-slices the input.
import { GAP_FACTOR, pooledMedianSpacing } from '@core/cluster/merge';
import { groupSeries, type GroupMember } from '@core/cluster/merge/group';
import { CounterResetHint, type HistogramColumn } from '@core/series/histogram';
import { lowerBound } from '@core/series/memory-store';
import type { Labels } from '@core/series/types';
import type { FindingsInput, FindingsOptions } from './types';

/** Used when no series has two samples to estimate from: Prometheus's default scrape_interval. */
export const FALLBACK_INTERVAL_MS = 60_000;

export interface WindowGroup {
  readonly key: string;
  readonly labels: Labels;
  /** Members with at least one sample inside the window, in node order, arrays cut to the window. */
  readonly members: readonly GroupMember[];
  /** Estimated (or configured) scrape interval. */
  readonly intervalMs: number;
  /** gapFactor × intervalMs. */
  readonly thresholdMs: number;
  readonly isCounter: boolean;
}

export interface AnalysisContext {
  /** Node names by input order (GroupMember.order). */
  readonly names: readonly string[];
  readonly startMs: number;
  readonly endMs: number;
  readonly groups: readonly WindowGroup[];
  readonly options: FindingsOptions;
}

/** Prometheus naming conventions for cumulative series; `rate` semantics apply to these. */
export function isCounterName(name: string | undefined): boolean {
  return !!name && /(_total|_count|_sum|_bucket)$/.test(name);
}

/**
 * A member holding native histograms, for the finding modules that work on floats: its `values` become each
 * histogram's observation count (floats and stale markers stay as they are), so gaps, divergence and rates see
 * the count; resets use the histograms themselves (resets.ts).
 */
function histogramMember(m: GroupMember, histograms: HistogramColumn): GroupMember {
  const values = m.values.slice(); // slot copies keep stale-marker bits
  for (let i = 0; i < histograms.length; i++) {
    const h = histograms[i];
    if (h) values[i] = h.count;
  }
  return { ...m, values, histograms };
}

function isCounterHistogram(m: GroupMember): boolean {
  return m.histograms?.some((h) => h !== null && h.counterResetHint !== CounterResetHint.Gauge) ?? false;
}

export function prepareContext(input: FindingsInput, options: FindingsOptions = {}): AnalysisContext {
  const { startMs, endMs } = input;
  const gapFactor = options.gapFactor ?? GAP_FACTOR;
  const raw = groupSeries(input.nodes, input.replicaLabel).map((g) => {
    const members = g.members
      .map((m) => {
        const lo = lowerBound(m.timestamps, startMs);
        const hi = lowerBound(m.timestamps, endMs + 1);
        const cut = { ...m, timestamps: m.timestamps.subarray(lo, hi), values: m.values.subarray(lo, hi) };
        return m.histograms ? histogramMember(cut, m.histograms.slice(lo, hi)) : cut;
      })
      .filter((m) => m.timestamps.length > 0);
    const configured = typeof options.scrapeIntervalMs === 'function' ? options.scrapeIntervalMs(g.labels) : options.scrapeIntervalMs;
    const estimate = configured ?? pooledMedianSpacing(members.map((m) => m.timestamps));
    return { key: g.key, labels: g.labels, members, estimate };
  });
  // A series too sparse to estimate borrows the median of the others (then Prometheus's default).
  const known = Float64Array.from(raw.map((g) => g.estimate).filter((x) => !Number.isNaN(x))).sort();
  const fallback = known.length ? known[known.length >>> 1] : FALLBACK_INTERVAL_MS;
  const groups: WindowGroup[] = raw
    .filter((g) => g.members.length > 0)
    .map((g) => {
      const intervalMs = Number.isNaN(g.estimate) ? fallback : g.estimate;
      return {
        key: g.key,
        labels: g.labels,
        members: g.members,
        intervalMs,
        thresholdMs: gapFactor * intervalMs,
        isCounter: isCounterName(g.labels.__name__) || g.members.some(isCounterHistogram),
      };
    });
  return { names: input.nodes.map((n) => n.name), startMs, endMs, groups, options };
}

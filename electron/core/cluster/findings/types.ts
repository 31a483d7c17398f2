// Shapes of the replica analysis: its input (every node's raw series over one window), the tuning knobs and the
// findings/coverage it produces. Times are unix ms here; only compare-json.ts converts to seconds. No logic.
import type { NodeSeries } from '@core/cluster/merge';
import type { Labels } from '@core/series/types';

export type FindingKind = 'gap' | 'divergence' | 'one-sided' | 'reset' | 'offset';
export type Severity = 'high' | 'medium' | 'low';

export interface Finding {
  readonly kind: FindingKind;
  /** high: data missing from every node (the merged view lacks it too) or a large disagreement; low: informational. */
  readonly severity: Severity;
  /** Orders findings of one severity and kind: bigger first (gap: seconds × series, ×10 when uncovered; divergence:
   *  max relative difference; reset: relative drop; one-sided: series count; offset: |offset| ms). */
  readonly score: number;
  /** Name of the node the finding is about. */
  readonly node: string;
  /** The series' labels, or for a finding over several series the labels they all share. */
  readonly labels: Labels;
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
  /** Other nodes that had data where this node had none (gap, one-sided) or that saw no reset (reset). */
  readonly coveredBy: string[];
  /** One sentence for people. */
  readonly detail: string;
  /** Number of series the finding spans (grouped gap / one-sided findings). */
  readonly seriesCount?: number;
  /** Up to MAX_LISTED_SERIES affected label sets, for grouped findings. */
  readonly series?: readonly Labels[];
  /** divergence: the node compared against; offset: the reference node. */
  readonly comparedWith?: string;
  /** divergence: largest relative difference seen in the stretch (0.25 = 25 %). */
  readonly maxRelDiff?: number;
  /** offset: median scrape-time difference vs the reference node (positive: this node scrapes later). */
  readonly offsetMs?: number;
}

export const MAX_LISTED_SERIES = 50;

export interface NodeCoverage {
  readonly node: string;
  readonly index: number;
  /** Series with at least one sample in the window. */
  readonly seriesCount: number;
  readonly sampleCount: number;
  /** Percent of the window during which the node had some series with samples no further apart than the gap threshold. */
  readonly coveragePct: number;
  readonly firstSampleMs: number | null;
  readonly lastSampleMs: number | null;
  /** The node's data ends more than a gap threshold before the window end while another node's goes on. */
  readonly stale: boolean;
}

export interface FindingsInput {
  readonly nodes: readonly NodeSeries[];
  readonly startMs: number;
  readonly endMs: number;
  /** As in the merge: ignored when matching series across nodes. */
  readonly replicaLabel?: string;
}

export interface FindingsOptions {
  /** Gap threshold in multiples of the series' scrape interval. Default GAP_FACTOR (1.5). */
  readonly gapFactor?: number;
  /** Scrape interval to assume instead of estimating it from sample spacing (a number, or per series). */
  readonly scrapeIntervalMs?: number | ((labels: Labels) => number | undefined);
  /** Gauges: |a−b| / max(|a|,|b|) above this diverges. Default 0.05. */
  readonly gaugeRelTolerance?: number;
  /** Counters: relative difference of per-window rates above this diverges. Default 0.2. */
  readonly counterRelTolerance?: number;
  /** Gauges: shortest run of consecutive divergent pairs reported. Default 2. */
  readonly minDivergentPoints?: number;
  /** Counters: rate window length in scrape intervals. Default 10. */
  readonly counterWindowIntervals?: number;
  /** A gap group spanning at least this share of a node's series is called an outage (medium). Default 0.5. */
  readonly outageShare?: number;
}

export interface ReplicaAnalysis {
  /** Sorted: severity, then score (descending), then kind, node, start. */
  readonly findings: readonly Finding[];
  /** One entry per input node, in input order. */
  readonly coverage: readonly NodeCoverage[];
}

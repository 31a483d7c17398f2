// Shapes of the replica merge: what each node contributes, what a merged series carries (samples + which node each
// sample came from) and the typed error for inputs the merge cannot represent. No logic here.
import type { RawSeries } from '@core/series/types';

/** One collector node's answer: its position in the profile (provenance value) and its raw series. */
export interface NodeSeries {
  /** Node index, 0-based, as in the profile; written into provenance, so it must stay below 256. */
  readonly index: number;
  readonly name: string;
  readonly series: readonly RawSeries[];
}

export type MergeStrategy = 'union' | 'penalty' | 'prefer-first' | 'prefer-max';

export const MERGE_STRATEGIES: readonly MergeStrategy[] = ['union', 'penalty', 'prefer-first', 'prefer-max'];

export interface MergeOptions {
  readonly strategy: MergeStrategy;
  /** Label that tells replicas apart (e.g. `replica`); ignored when matching series and removed from the output. */
  readonly replicaLabel?: string;
  /** Gap threshold in multiples of the median scrape interval for the fill strategies. Default GAP_FACTOR (1.5). */
  readonly gapFactor?: number;
}

/** A merged series: RawSeries plus, per sample, the index of the node it came from. */
export interface MergedSeries extends RawSeries {
  /** provenance[i] = NodeSeries.index of the node sample i was taken from. */
  readonly provenance: Uint8Array;
  /** Node indices (ascending) that had this series at all. */
  readonly sourceNodes: readonly number[];
  /** Timestamps present on several nodes with values that differ (stale marker vs value counts as different). */
  readonly tieBreaks: number;
}

export interface MergeResult {
  readonly strategy: MergeStrategy;
  /** Sorted by label set (Prometheus order). */
  readonly series: readonly MergedSeries[];
  /** Sum of per-series tieBreaks. */
  readonly tieBreaks: number;
}

export type MergeErrorKind = 'too-many-nodes' | 'bad-node-index' | 'unsorted-samples' | 'unknown-strategy';

export class MergeError extends Error {
  override readonly name = 'MergeError';
  constructor(
    readonly kind: MergeErrorKind,
    message: string,
  ) {
    super(message);
  }
}

// The one shape raw samples take inside the core: what remote_read decodes into, what the merge consumes and
// what the PromQL engine selects from. Typed arrays only — never an object per sample.

import type { HistogramColumn } from './histogram';

/** A series' label set. `__name__` holds the metric name. */
export type Labels = Readonly<Record<string, string>>;

/** One series' raw samples, time-ordered. Timestamps are unix milliseconds (integers held exactly in float64). */
export interface RawSeries {
  readonly labels: Labels;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** Native histogram samples aligned with `timestamps` (see series/histogram.ts); undefined for float-only series. */
  readonly histograms?: HistogramColumn;
}

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  readonly type: MatchType;
  readonly name: string;
  readonly value: string;
}

/** Read hints, as Prometheus's prompb.ReadHints carries them (all optional for a reader). */
export interface SelectHints {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs?: number;
  readonly func?: string;
  readonly rangeMs?: number;
  readonly grouping?: readonly string[];
  readonly by?: boolean;
}

/** One selector the planner wants read: matchers and the inclusive time window [startMs, endMs]. */
export interface SelectorRequest {
  readonly matchers: readonly LabelMatcher[];
  readonly startMs: number;
  readonly endMs: number;
  readonly hints?: SelectHints;
}

/**
 * What the engine reads from. Synchronous on purpose: the fan-out fetches everything the planner asked for first,
 * then evaluation runs over memory.
 */
export interface SeriesStore {
  select(matchers: readonly LabelMatcher[], startMs: number, endMs: number): RawSeries[];
}

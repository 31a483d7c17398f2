// Query requests and results as they cross IPC/bridge. Samples travel as typed arrays, never arrays of objects.
import type { MergeStrategy } from './profile-types';

export type QueryKind = 'range' | 'instant';

export interface QueryRequest {
  /** Chosen by the renderer; used for progress events and cancel. */
  queryId: string;
  profileId: string;
  expr: string;
  kind: QueryKind;
  /** Range queries. Unix ms. */
  startMs?: number;
  endMs?: number;
  stepMs?: number;
  /** Instant queries. Unix ms. */
  timeMs?: number;
  /** Overrides the profile's default strategy. */
  strategy?: MergeStrategy;
  /** Evaluate per node as well (comparison view); default true for range queries. */
  perNode?: boolean;
  /** Compute replica findings and coverage over the raw series (comparison view). */
  findings?: boolean;
  /** Overrides the profile's partial policy. */
  partialPolicy?: 'partial' | 'strict';
  lookbackDeltaMs?: number;
  /** How to answer (issue 16): local, pushdown, delegate or auto (default). */
  mode?: QueryMode;
  /** delegate (and auto's delegate): the engine's name or URL; default the profile's first engine. */
  delegateTo?: string;
  /** This run's memory budget, bytes (the error panel's "raise the budget"); default the profile's. */
  maxMemoryBytes?: number;
}

/** Bounds of a memory budget set in the app (profile or request): 1 MiB to 1 TiB. */
export const MIN_MEMORY_BUDGET_BYTES = 1024 * 1024;
export const MAX_MEMORY_BUDGET_BYTES = 1024 ** 4;

/** What a query over its memory budget reports (ApiError.memoryBudget), so the app can offer its remedies. */
export interface MemoryBudgetInfo {
  /** 'query': this query's own budget; 'process': the app's, over every query running at once. */
  scope: 'query' | 'process';
  /** The budget that was crossed, bytes. */
  limitBytes: number;
  /** The most any one query may get in this process (the process budget), bytes. */
  ceilingBytes: number;
  /** The selector that pulled the most samples before the query stopped, and from which nodes. */
  selector?: string;
  samples?: number;
  nodes?: string[];
}

export type QueryMode = 'local' | 'pushdown' | 'delegate' | 'auto';

/** How an answer was made: shown as a badge on every result. */
export interface AnswerInfo {
  /** What was asked for. */
  requested: QueryMode;
  /** What answered. */
  mode: Exclude<QueryMode, 'auto'>;
  /** One sentence: why this mode (auto's estimate, a fallback). */
  note: string;
  /** delegate: the engine that answered. */
  engine?: string;
}

/**
 * A native histogram sample (the core's FloatHistogram, electron/core/series/histogram.ts): absolute bucket counts;
 * spans as flattened [offset, length] pairs; counterResetHint 0 unknown, 1 reset, 2 not reset, 3 gauge.
 */
export interface HistogramSample {
  counterResetHint: 0 | 1 | 2 | 3;
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  count: number;
  sum: number;
  positiveSpans: Int32Array;
  positiveBuckets: Float64Array;
  negativeSpans: Int32Array;
  negativeBuckets: Float64Array;
  customValues?: Float64Array;
}

/** One result series: labels plus samples. For instant vectors, one sample. */
export interface ResultSeries {
  labels: Record<string, string>;
  timestamps: Float64Array;
  values: Float64Array;
  /** Node index per sample, when the value is a raw sample of one node (plain selectors). */
  provenance?: Uint8Array;
  /** Native histogram samples aligned with timestamps (null where the sample is a float); absent for float-only. */
  histograms?: ReadonlyArray<HistogramSample | null>;
}

export interface EvaluatedResult {
  resultType: 'matrix' | 'vector' | 'scalar' | 'string';
  series: ResultSeries[];
  /** For string results. */
  stringValue?: string;
  warnings: string[];
  infos: string[];
}

export interface NodeReadStats {
  node: number;
  name: string;
  host: string;
  ok: boolean;
  error?: string;
  bytes: number;
  series: number;
  samples: number;
  readMs: number;
  fromCache: boolean;
}

/** A stretch of a merged raw series supplied by one node (for the provenance strip). */
export interface ProvenanceRun {
  node: number;
  startMs: number;
  endMs: number;
}

export interface MergedRawSummary {
  labels: Record<string, string>;
  runs: ProvenanceRun[];
  tieBreaks: number;
}

export type FindingKind = 'gap' | 'divergence' | 'one-sided' | 'reset' | 'offset';

export interface Finding {
  kind: FindingKind;
  severity: 'high' | 'medium' | 'low';
  node: string;
  labels: Record<string, string>;
  startMs: number;
  endMs: number;
  durationMs: number;
  coveredBy: string[];
  detail: string;
}

export interface CoverageRow {
  node: string;
  series: number;
  samples: number;
  coveragePct: number;
  lastSampleMs: number | null;
  stale: boolean;
}

export interface PartialNotice {
  node: string;
  host: string;
  reason: string;
}

/** The lookback one view was evaluated with: the query's own (Prometheus-exact) or GAP_FACTOR × its scrape interval. */
export interface NodeLookback {
  source: 'query' | 'scrape-interval';
  lookbackMs: number;
  /** The observed scrape interval it came from (ms), null when it is the query's own. */
  intervalMs: number | null;
}

export interface QueryResultView {
  queryId: string;
  expr: string;
  kind: QueryKind;
  strategy: MergeStrategy;
  startMs: number;
  endMs: number;
  stepMs: number;
  nodes: { index: number; name: string; host: string }[];
  merged: EvaluatedResult;
  /** Same query on each node's raw data alone (index = node index); null where the node failed. */
  perNode?: (EvaluatedResult | null)[];
  /** The lookback each per-node view was evaluated with (index = node index; null where the node failed). */
  perNodeLookback?: (NodeLookback | null)[];
  /** The lookback of the merged view, ms. */
  lookbackMs?: number;
  provenance?: MergedRawSummary[];
  findings?: Finding[];
  coverage?: CoverageRow[];
  partial: PartialNotice[];
  stats: { nodes: NodeReadStats[]; mergeMs: number; evalMs: number; totalMs: number };
  /** How the answer was made (absent in results saved before issue 16: they are local). */
  answer?: AnswerInfo;
  /** Compare view: each engine's answer to the same query and range, one more column beside the nodes. */
  engines?: EngineColumnView[];
  /** Compare view: every answer compared with rrx merged, as `rrx compare`'s "answers" (columns and findings). */
  answerComparison?: { columns: AnswerColumnView[]; findings: Finding[] };
}

/** An engine's answer as a Compare-view column. */
export interface EngineColumnView {
  name: string;
  /** 'engine': an engine-only node (Thanos Query, Mimir, the seed's 9090); 'node-engine': a node's own query API. */
  kind: 'engine' | 'node-engine';
  host: string;
  result: EvaluatedResult | null;
  error?: string;
}

/** One column of the answer comparison: rrx merged (the reference), rrx per node, or an engine. */
export interface AnswerColumnView {
  name: string;
  kind: 'merged' | 'node' | 'engine';
  ok: boolean;
  error?: string;
  series: number;
}

export interface ParseCheck {
  ok: boolean;
  message?: string;
  line?: number;
  column?: number;
  /** 0-based character offsets into the expression. */
  start?: number;
  end?: number;
}

export interface CompletionIndex {
  metrics: string[];
  /** label name → values seen */
  labelValues: Record<string, string[]>;
  /** metric → label names */
  metricLabels: Record<string, string[]>;
  /** true when the bounded read hit its cap or a node failed. */
  partial: boolean;
  note?: string;
  /** Nodes that did not answer while it was built: once they answer a query, the index is rebuilt. */
  unanswered?: string[];
  builtAtMs: number;
}

export interface HistoryEntry {
  expr: string;
  profileId?: string;
  atMs: number;
  /** How the run ended (entries from before this field have none). */
  status?: 'ok' | 'failed';
  error?: string;
}

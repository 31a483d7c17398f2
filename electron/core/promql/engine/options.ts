// Query options the evaluator honours, with Prometheus's defaults; `compat` switches the few semantics that
// changed between Prometheus 2.x and 3.x. Pure data: nothing here reads a store or a clock.
export type Compat = 'prometheus3' | 'prometheus2';

export interface EngineFeatures {
  /** promql-experimental-functions (sort_by_label, limitk, mad_over_time, double_exponential_smoothing, …). */
  enableExperimentalFunctions?: boolean;
}

export interface EvalOptions {
  /** How far back an instant selector looks for a sample; 5m like Prometheus. */
  lookbackDeltaMs?: number;
  compat?: Compat;
  features?: EngineFeatures;
  /** Checked between steps and series; aborting ends the query with a `canceled` (or `timeout`) error. */
  signal?: AbortSignal;
  /** Prometheus's --query.max-samples (50,000,000). */
  maxSamples?: number;
  /** Prometheus's --query.timeout (2m): past it, the next check in any loop ends the query with a `timeout` error. */
  timeoutMs?: number;
  /** Most steps one subquery may evaluate its inner expression at (rrx's own guard; Prometheus has none). */
  maxSubquerySteps?: number;
  /** Step of a subquery written without one (`[1h:]`); Prometheus uses the global evaluation interval (1m). */
  noStepSubqueryIntervalMs?: number;
  /**
   * Prometheus 3 delayed `__name__` removal (feature promql-delayed-name-removal, what the conformance scripts
   * assume). Defaults to true for prometheus3, false for prometheus2.
   */
  delayedNameRemoval?: boolean;
}

export interface ResolvedOptions {
  lookbackDeltaMs: number;
  compat: Compat;
  experimental: boolean;
  signal: AbortSignal | undefined;
  maxSamples: number;
  /** Wall-clock time (Date.now()) past which evaluation stops with a timeout; Infinity for none. */
  deadlineMs: number;
  maxSubquerySteps: number;
  noStepSubqueryIntervalMs: number;
  delayedNameRemoval: boolean;
  /** Prometheus 2: range windows and lookback are closed on the left ([t-r, t]); Prometheus 3: (t-r, t]. */
  leftClosedWindows: boolean;
}

export const DEFAULT_LOOKBACK_DELTA_MS = 5 * 60 * 1000;
export const DEFAULT_MAX_SAMPLES = 50_000_000;
export const DEFAULT_NO_STEP_SUBQUERY_INTERVAL_MS = 60 * 1000;
export const DEFAULT_QUERY_TIMEOUT_MS = 2 * 60 * 1000;
/**
 * 1 000 × the 11 000 points of a range query: `[30d:1s]` (2.6 M steps) passes, `[100y:1ms]` does not. Every series
 * a subquery yields holds a column of this many steps, so the bound is on memory as much as on time.
 */
export const DEFAULT_MAX_SUBQUERY_STEPS = 11_000_000;

export function resolveOptions(o: EvalOptions): ResolvedOptions {
  const compat = o.compat ?? 'prometheus3';
  const p2 = compat === 'prometheus2';
  return {
    lookbackDeltaMs: o.lookbackDeltaMs && o.lookbackDeltaMs > 0 ? o.lookbackDeltaMs : DEFAULT_LOOKBACK_DELTA_MS,
    compat,
    experimental: o.features?.enableExperimentalFunctions ?? false,
    signal: o.signal,
    maxSamples: o.maxSamples ?? DEFAULT_MAX_SAMPLES,
    deadlineMs: Date.now() + (o.timeoutMs !== undefined && o.timeoutMs > 0 ? o.timeoutMs : DEFAULT_QUERY_TIMEOUT_MS),
    maxSubquerySteps: o.maxSubquerySteps ?? DEFAULT_MAX_SUBQUERY_STEPS,
    noStepSubqueryIntervalMs: o.noStepSubqueryIntervalMs ?? DEFAULT_NO_STEP_SUBQUERY_INTERVAL_MS,
    delayedNameRemoval: o.delayedNameRemoval ?? !p2,
    leftClosedWindows: p2,
  };
}

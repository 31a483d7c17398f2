// One evaluation of a parsed query over one store (the merged view or a single node), shaped for the API.
import type { Expr } from '@core/promql/parser/ast';
import { executeInstantQuery, executeRangeQuery, type QueryResult } from '@core/promql/engine/query';
import type { Compat } from '@core/promql/engine/options';
import type { SeriesStore } from '@core/series/types';
import type { EvaluatedResult } from '@shared/api/query-types';
import type { TimeFrame } from './time-frame';

export interface EvaluateOptions {
  compat: Compat;
  lookbackDeltaMs?: number;
  signal?: AbortSignal;
  maxSamples?: number;
  timeoutMs?: number;
  maxSubquerySteps?: number;
}

export function evaluateOn(ast: Expr, text: string, store: SeriesStore, frame: TimeFrame, opts: EvaluateOptions): QueryResult {
  const common = { ast, expr: text, store, compat: opts.compat, lookbackDeltaMs: opts.lookbackDeltaMs, signal: opts.signal, maxSamples: opts.maxSamples, timeoutMs: opts.timeoutMs, maxSubquerySteps: opts.maxSubquerySteps };
  return frame.stepMs > 0
    ? executeRangeQuery({ ...common, startMs: frame.startMs, endMs: frame.endMs, stepMs: frame.stepMs })
    : executeInstantQuery({ ...common, timeMs: frame.startMs });
}

/** The engine's result in the contract's shape (scalars and strings become one-point series). */
export function toEvaluatedResult(r: QueryResult): EvaluatedResult {
  const one = (v: number): Float64Array => {
    const a = new Float64Array(1);
    a[0] = v;
    return a;
  };
  switch (r.resultType) {
    case 'vector':
    case 'matrix':
      return {
        resultType: r.resultType,
        series: r.series.map((s) => ({ labels: { ...s.labels }, timestamps: s.timestamps, values: s.values, ...(s.histograms ? { histograms: s.histograms } : {}) })),
        warnings: r.warnings,
        infos: r.infos,
      };
    case 'scalar':
      return { resultType: 'scalar', series: [{ labels: {}, timestamps: one(r.timestampMs), values: one(r.value) }], warnings: r.warnings, infos: r.infos };
    case 'string':
      return { resultType: 'string', series: [], stringValue: r.value, warnings: r.warnings, infos: r.infos };
  }
}

/** Back to the engine's shape, for the Prometheus API JSON writer. */
export function toEngineResult(r: EvaluatedResult, timeMs: number): QueryResult {
  switch (r.resultType) {
    case 'vector':
    case 'matrix':
      return { resultType: r.resultType, series: r.series, warnings: r.warnings, infos: r.infos };
    case 'scalar':
      return { resultType: 'scalar', timestampMs: r.series[0]?.timestamps[0] ?? timeMs, value: r.series[0]?.values[0] ?? NaN, warnings: r.warnings, infos: r.infos };
    case 'string':
      return { resultType: 'string', timestampMs: timeMs, value: r.stringValue ?? '', warnings: r.warnings, infos: r.infos };
  }
}

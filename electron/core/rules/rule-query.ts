// A rule's expression evaluated the way the rule manager queries it (an instant query at each evaluation, scalars
// turned into one label-less sample), either one evaluation at a time or — when that gives the same answers — all
// of a group's evaluations at once as one range query over the same grid. Pure over a SeriesStore.
import { inspect, type Expr } from '@core/promql/parser/ast';
import { executeInstantQuery, executeRangeQuery } from '@core/promql/engine/query';
import type { Compat } from '@core/promql/engine/options';
import { compileMatchers } from '@core/series/matcher';
import type { LabelMatcher, SeriesStore } from '@core/series/types';
import type { ExprSample } from './alert-state';

export interface RuleQueryOptions {
  compat: Compat;
  lookbackDeltaMs?: number;
  /** Subqueries without a step use the global evaluation interval, as in Prometheus. */
  noStepSubqueryIntervalMs: number;
  signal?: AbortSignal;
}

export type StepOutcome = { ok: true; samples: ExprSample[] } | { ok: false; error: string };

/** Prometheus's EngineQueryFunc: one instant query; a scalar becomes one sample, anything else is an error. */
export function queryAt(ast: Expr, expr: string, store: SeriesStore, tMs: number, o: RuleQueryOptions): StepOutcome {
  try {
    const r = executeInstantQuery({ ast, expr, store, timeMs: tMs, compat: o.compat, lookbackDeltaMs: o.lookbackDeltaMs, noStepSubqueryIntervalMs: o.noStepSubqueryIntervalMs, signal: o.signal });
    if (r.resultType === 'vector') return { ok: true, samples: r.series.map((s) => ({ labels: s.labels, value: s.values[0] })) };
    if (r.resultType === 'scalar') return { ok: true, samples: [{ labels: {}, value: r.value }] };
    return { ok: false, error: 'rule result is not a vector or scalar' };
  } catch (e) {
    if (o.signal?.aborted) throw e;
    return { ok: false, error: (e as Error).message };
  }
}

/** True when an instant query at t and a range query's step at t can differ (`@ start()`, `step()`). */
export function needsInstantQueries(expr: string): boolean {
  return /@\s*(start|end)\s*\(|\bstep\s*\(\s*\)/.test(expr);
}

/**
 * Every evaluation's result from one range query over `times` (uniformly spaced), or undefined when the range
 * query fails — then the caller falls back to one instant query per evaluation, which reports each failure.
 */
export function queryRange(ast: Expr, expr: string, store: SeriesStore, times: Float64Array, o: RuleQueryOptions): ExprSample[][] | undefined {
  if (times.length === 0) return [];
  if (times.length === 1) {
    const one = queryAt(ast, expr, store, times[0], o);
    return one.ok ? [one.samples] : undefined;
  }
  const stepMs = times[1] - times[0];
  let r;
  try {
    r = executeRangeQuery({ ast, expr, store, startMs: times[0], endMs: times[times.length - 1], stepMs, compat: o.compat, lookbackDeltaMs: o.lookbackDeltaMs, noStepSubqueryIntervalMs: o.noStepSubqueryIntervalMs, signal: o.signal });
  } catch (e) {
    if (o.signal?.aborted) throw e;
    return undefined;
  }
  if (r.resultType !== 'matrix') return undefined;
  const steps: ExprSample[][] = Array.from({ length: times.length }, () => []);
  for (const s of r.series) {
    for (let i = 0; i < s.timestamps.length; i++) {
      const idx = Math.round((s.timestamps[i] - times[0]) / stepMs);
      steps[idx]?.push({ labels: s.labels, value: s.values[i] });
    }
  }
  return steps;
}

/** The selectors an expression reads (every vector selector's matchers, ranges included). */
export function selectorsOf(ast: Expr): LabelMatcher[][] {
  const out: LabelMatcher[][] = [];
  inspect(ast, (node) => {
    if (node.kind === 'VectorSelector') out.push(node.matchers);
  });
  return out;
}

/** True when one of the selectors could read a series named `name`. */
export function readsName(selectors: readonly (readonly LabelMatcher[])[], name: string): boolean {
  return selectors.some((ms) => compileMatchers(ms.filter((m) => m.name === '__name__'))({ __name__: name }));
}

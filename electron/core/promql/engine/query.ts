// Running one query end to end: parse (or take an AST), preprocess, evaluate over the grid, apply delayed
// `__name__` removal and shape the typed result. The only place where a query's text meets its evaluation.
import { parse } from '../parser';
import type { Expr } from '../parser/ast';
import { exprType } from '../parser/ast';
import type { ParserOptions } from '../parser/options';
import type { HistogramColumn } from '../../series/histogram';
import type { Labels, SeriesStore } from '../../series/types';
import { compareLabels, labelsKey } from '../../series/labels';
import { Evaluator } from './evaluator';
import { QueryError } from './errors';
import { makeGrid, stepTime, type StepGrid } from './grid';
import { resolveOptions, type EvalOptions } from './options';
import { preprocessExpr } from './preprocess';
import { dropMetricName } from './labels-ops';
import { DUPLICATE_LABELSET, mergeSameLabels } from './output-collector';
import type { EvalValue, StepSeries } from './values';
import type { FloatHistogram } from '../../series/histogram';

export interface QueryInputBase extends EvalOptions {
  /** The query text; also used to render annotation positions. */
  expr?: string;
  /** An already parsed expression (then `expr`, if given, is only used for annotation positions). */
  ast?: Expr;
  store: SeriesStore;
  /** Parser switches; by default experimental functions follow `features.enableExperimentalFunctions`. */
  parserOptions?: ParserOptions;
}

export interface InstantQueryInput extends QueryInputBase {
  timeMs: number;
}

export interface RangeQueryInput extends QueryInputBase {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** One result series: for a vector result exactly one point (at the evaluation time). */
export interface ResultSeries {
  labels: Labels;
  timestamps: Float64Array;
  values: Float64Array;
  /** Native histogram points aligned with `timestamps` (null where the point is a float); absent for float-only. */
  histograms?: HistogramColumn;
}

interface Annotated {
  warnings: string[];
  infos: string[];
}

export type QueryResult =
  | ({ resultType: 'vector' | 'matrix'; series: ResultSeries[] } & Annotated)
  | ({ resultType: 'scalar'; timestampMs: number; value: number } & Annotated)
  | ({ resultType: 'string'; timestampMs: number; value: string } & Annotated);

function parseInput(input: QueryInputBase): { ast: Expr; text: string } {
  if (input.ast) return { ast: input.ast, text: input.expr ?? '' };
  if (input.expr === undefined) throw new QueryError('no query given', 'bad_data');
  const popts: ParserOptions = input.parserOptions ?? {
    enableExperimentalFunctions: input.features?.enableExperimentalFunctions ?? false,
    prometheus2Functions: input.compat === 'prometheus2',
  };
  return { ast: parse(input.expr, popts), text: input.expr };
}

/** PromQL annotations (warnings, infos) arrived in Prometheus 2.46: a 2.42 answer carries none of them. */
function renderAnnotations(ev: Evaluator, text: string): { warnings: string[]; infos: string[] } {
  return ev.opts.compat === 'prometheus2' ? { warnings: [], infos: [] } : ev.annotations.render(text);
}

export function executeInstantQuery(input: InstantQueryInput): QueryResult {
  const { ast, text } = parseInput(input);
  const opts = resolveOptions(input);
  const expr = preprocessExpr(ast, { startMs: input.timeMs, endMs: input.timeMs, stepMs: 0 });
  const ev = new Evaluator(input.store, opts);
  const grid = makeGrid(input.timeMs, input.timeMs, 1);
  return instantResult(ev.eval(expr, grid), ev, input.timeMs, text);
}

/** An instant query's answer from its evaluated value (also the streaming path's last step). */
export function instantResult(v: EvalValue, ev: Evaluator, timeMs: number, text: string): QueryResult {
  const { warnings, infos } = renderAnnotations(ev, text);
  return shape(v, ev, timeMs, warnings, infos);
}

export function executeRangeQuery(input: RangeQueryInput): QueryResult {
  const { ast, text } = parseInput(input);
  const t = exprType(ast);
  if (t !== 'scalar' && t !== 'vector') {
    const name = t === 'matrix' ? 'range vector' : t;
    throw new QueryError(`invalid expression type "${name}" for range query, must be Scalar or instant Vector`, 'bad_data');
  }
  if (!(input.stepMs > 0)) throw new QueryError('zero or negative query resolution step widths are not accepted. Try a positive integer', 'bad_data');
  if (input.endMs < input.startMs) throw new QueryError('end timestamp must not be before start time', 'bad_data');
  const opts = resolveOptions(input);
  const expr = preprocessExpr(ast, { startMs: input.startMs, endMs: input.endMs, stepMs: input.stepMs });
  const ev = new Evaluator(input.store, opts);
  const grid = makeGrid(input.startMs, input.endMs, input.stepMs);
  return rangeResult(ev.eval(expr, grid), ev, grid, text);
}

/** A range query's answer from its evaluated value (also the streaming path's last step). */
export function rangeResult(v: EvalValue, ev: Evaluator, grid: StepGrid, text: string): QueryResult {
  const { warnings, infos } = renderAnnotations(ev, text);
  if (v.type === 'scalar') {
    // A scalar range query answers as a matrix with one label-less series.
    const series: ResultSeries[] = [
      { labels: {}, timestamps: Float64Array.from({ length: grid.steps }, (_, i) => stepTime(grid, i)), values: v.values.slice() },
    ];
    return { resultType: 'matrix', series, warnings, infos };
  }
  if (v.type !== 'vector') throw new QueryError(`unexpected ${v.type} result for range query`);
  const cleaned = cleanupNames(v.series, ev, true);
  const series = cleaned.map((s) => compact(s, (i) => stepTime(grid, i))).filter((s) => s.timestamps.length > 0);
  series.sort((a, b) => compareLabels(a.labels, b.labels));
  return { resultType: 'matrix', series, warnings, infos };
}

/** Delayed name removal at the end of the query: drop flagged names, then merge (range) or reject (instant). */
function cleanupNames(series: StepSeries[], ev: Evaluator, merge: boolean): StepSeries[] {
  if (!ev.opts.delayedNameRemoval) return series;
  const named = series.map((s) => (s.dropName ? { ...s, labels: dropMetricName(s.labels) } : s));
  if (merge) return mergeSameLabels(named);
  const seen = new Set<string>();
  for (const s of named) {
    const k = labelsKey(s.labels);
    if (seen.has(k)) throw new QueryError(DUPLICATE_LABELSET);
    seen.add(k);
  }
  return named;
}

function compact(s: StepSeries, timeOf: (i: number) => number): ResultSeries {
  let n = 0;
  for (let i = 0; i < s.present.length; i++) n += s.present[i];
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  const hs = s.histograms;
  const histograms: (FloatHistogram | null)[] | undefined = hs ? new Array<FloatHistogram | null>(n) : undefined;
  let w = 0;
  for (let i = 0; i < s.present.length; i++) {
    if (!s.present[i]) continue;
    timestamps[w] = timeOf(i);
    values[w] = s.values[i];
    if (histograms) histograms[w] = hs![i] ?? null;
    w++;
  }
  return histograms && histograms.some((h) => h !== null) ? { labels: s.labels, timestamps, values, histograms } : { labels: s.labels, timestamps, values };
}

function shape(v: EvalValue, ev: Evaluator, timeMs: number, warnings: string[], infos: string[]): QueryResult {
  switch (v.type) {
    case 'scalar':
      return { resultType: 'scalar', timestampMs: timeMs, value: v.values[0], warnings, infos };
    case 'string':
      return { resultType: 'string', timestampMs: timeMs, value: v.value, warnings, infos };
    case 'vector': {
      const cleaned = cleanupNames(v.series, ev, false);
      const series = cleaned.map((s) => compact(s, () => timeMs)).filter((s) => s.timestamps.length > 0);
      return { resultType: 'vector', series, warnings, infos };
    }
    case 'matrix': {
      let ms = v.series.map((s) => ({ ...s, labels: ev.opts.delayedNameRemoval && s.dropName ? dropMetricName(s.labels) : s.labels }));
      if (ev.opts.delayedNameRemoval) {
        // Same labels after the name drop: merge their points (they come from one subquery, so never overlap).
        const byKey = new Map<string, (typeof ms)[number]>();
        for (const s of ms) {
          const k = labelsKey(s.labels);
          const prev = byKey.get(k);
          if (!prev) byKey.set(k, s);
          else {
            const idx = Array.from(prev.timestamps, (t, i) => [t, prev.values[i], prev.histograms?.[i] ?? null] as const).concat(
              Array.from(s.timestamps, (t, i) => [t, s.values[i], s.histograms?.[i] ?? null] as const),
            );
            idx.sort((a, b) => a[0] - b[0]);
            for (let i = 1; i < idx.length; i++) if (idx[i][0] === idx[i - 1][0]) throw new QueryError(DUPLICATE_LABELSET);
            const merged = { ...prev, timestamps: Float64Array.from(idx, (x) => x[0]), values: Float64Array.from(idx, (x) => x[1]) };
            if (idx.some((x) => x[2] !== null)) merged.histograms = idx.map((x) => x[2]);
            byKey.set(k, merged);
          }
        }
        ms = [...byKey.values()];
      }
      const series: ResultSeries[] = ms.map((s) =>
        s.histograms ? { labels: s.labels, timestamps: s.timestamps, values: s.values, histograms: s.histograms } : { labels: s.labels, timestamps: s.timestamps, values: s.values },
      );
      series.sort((a, b) => compareLabels(a.labels, b.labels));
      return { resultType: 'matrix', series, warnings, infos };
    }
  }
}

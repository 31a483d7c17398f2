// The evaluator: walks a preprocessed AST and evaluates each node over a step grid, dispatching by node kind to
// the eval-*.ts modules. Holds the per-query state (store, options, annotations, sample budget); never parses.
import type { Expr } from '../parser/ast';
import type { SeriesStore } from '../../series/types';
import { Annotations } from './annotations';
import { checkAbort, QueryError, TooManySamplesError } from './errors';
import type { StepGrid } from './grid';
import { makeGrid } from './grid';
import type { ResolvedOptions } from './options';
import type { EvalValue, MatrixValue, ScalarSteps, StepSeries, VectorSteps } from './values';
import { evalVectorSelector, evalMatrixSelectorInstant } from './eval-selector';
import { evalCall } from './eval-call';
import { evalAggregate } from './eval-aggregate';
import { evalBinary } from './eval-binary';
import { evalSubqueryInstant } from './eval-subquery';
import { evaluateDuration } from './preprocess';
import { dropMetricName } from './labels-ops';
import { mergeSameLabels } from './output-collector';
import { scaleHistogram } from '../histogram/ops';
import type { FloatHistogram } from '../../series/histogram';

export class Evaluator {
  readonly annotations = new Annotations();
  private currentSamples = 0;
  /**
   * Selectors below histogram_count/sum/avg (with no subquery, histogram_quantile/fraction or trim in between)
   * read histograms as Prometheus's HistogramStatsIterator does: counter resets detected sample by sample.
   */
  statsDecoding = false;

  /** Evaluate with statsDecoding set as given, restoring it afterwards. */
  withStatsDecoding<T>(on: boolean, f: () => T): T {
    const prev = this.statsDecoding;
    this.statsDecoding = on;
    try {
      return f();
    } finally {
      this.statsDecoding = prev;
    }
  }

  constructor(
    readonly store: SeriesStore,
    readonly opts: ResolvedOptions,
  ) {}

  /** Cancellation and the deadline: called per series and every CHECK_EVERY steps of every long loop. */
  checkAbort(): void {
    checkAbort(this.opts.signal, this.opts.deadlineMs);
  }

  /** Account for n more samples held in memory; throws Prometheus's too-many-samples error past the limit. */
  reserve(n: number): void {
    this.currentSamples += n;
    if (this.currentSamples > this.opts.maxSamples) throw new TooManySamplesError();
  }

  release(n: number): void {
    this.currentSamples -= n;
  }

  eval(e: Expr, grid: StepGrid): EvalValue {
    this.checkAbort();
    switch (e.kind) {
      case 'NumberLiteral':
        return { type: 'scalar', values: new Float64Array(grid.steps).fill(e.val) };
      case 'StringLiteral':
        return { type: 'string', value: e.val };
      case 'ParenExpr':
        return this.eval(e.expr, grid);
      case 'UnaryExpr':
        return this.evalUnary(e.op, e.expr, grid);
      case 'VectorSelector':
        return evalVectorSelector(this, e, grid);
      case 'MatrixSelector':
        return evalMatrixSelectorInstant(this, e, grid);
      case 'SubqueryExpr':
        return evalSubqueryInstant(this, e, grid);
      case 'Call':
        return evalCall(this, e, grid);
      case 'AggregateExpr':
        return evalAggregate(this, e, grid);
      case 'BinaryExpr':
        return evalBinary(this, e, grid);
      case 'StepInvariantExpr':
        return this.evalStepInvariant(e.expr, grid);
      case 'DurationExpr': {
        const v = evaluateDuration(e, 0, 0);
        return { type: 'scalar', values: new Float64Array(grid.steps).fill(v) };
      }
    }
  }

  vector(e: Expr, grid: StepGrid): VectorSteps {
    const v = this.eval(e, grid);
    if (v.type !== 'vector') throw new QueryError(`expected instant vector, got ${v.type}`);
    return v;
  }

  scalar(e: Expr, grid: StepGrid): ScalarSteps {
    const v = this.eval(e, grid);
    if (v.type !== 'scalar') throw new QueryError(`expected scalar, got ${v.type}`);
    return v;
  }

  /** Mark series for `__name__` removal: flagged for later under delayed removal, dropped now otherwise. */
  dropName(s: StepSeries): void {
    if (this.opts.delayedNameRemoval) s.dropName = true;
    else s.labels = dropMetricName(s.labels);
  }

  /** After immediate name drops, series may collide (Prometheus 2 semantics): merge or fail like upstream. */
  settle(series: StepSeries[]): StepSeries[] {
    return this.opts.delayedNameRemoval ? series : mergeSameLabels(series);
  }

  private evalUnary(op: '+' | '-', inner: Expr, grid: StepGrid): EvalValue {
    const v = this.eval(inner, grid);
    if (op === '+') return v;
    if (v.type === 'scalar') {
      const out = new Float64Array(v.values.length);
      for (let i = 0; i < out.length; i++) out[i] = -v.values[i];
      return { type: 'scalar', values: out };
    }
    if (v.type !== 'vector') throw new QueryError('unary minus needs a scalar or instant vector');
    const series = v.series.map((s) => {
      const values = new Float64Array(s.values.length);
      for (let i = 0; i < values.length; i++) values[i] = -s.values[i];
      const o: StepSeries = { labels: s.labels, dropName: s.dropName, values, present: s.present };
      // 2.42 negated V only: its histograms passed through unchanged.
      if (s.histograms) o.histograms = this.opts.compat === 'prometheus2' ? s.histograms : s.histograms.map((h) => (h ? scaleHistogram(h, -1) : null));
      this.dropName(o);
      return o;
    });
    return { type: 'vector', series: this.settle(series) };
  }

  /** Evaluate once at the grid's first step and repeat the value at every step (Prometheus's StepInvariantExpr). */
  private evalStepInvariant(inner: Expr, grid: StepGrid): EvalValue {
    if (grid.steps === 0) return this.eval(inner, grid);
    const one = makeGrid(grid.startMs, grid.startMs, grid.intervalMs);
    const v = this.eval(inner, one);
    if (v.type === 'matrix' || v.type === 'string' || grid.steps === 1) return v as EvalValue;
    if (v.type === 'scalar') return { type: 'scalar', values: new Float64Array(grid.steps).fill(v.values[0]) };
    this.reserve(v.series.length * (grid.steps - 1));
    return {
      type: 'vector',
      series: v.series.map((s) => {
        const o: StepSeries = {
          labels: s.labels,
          dropName: s.dropName,
          values: new Float64Array(grid.steps).fill(s.values[0]),
          present: new Uint8Array(grid.steps).fill(s.present[0]),
        };
        const h = s.histograms?.[0];
        if (h) o.histograms = new Array<FloatHistogram | null>(grid.steps).fill(h);
        return o;
      }),
    };
  }
}

export type { MatrixValue };

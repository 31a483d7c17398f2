// Evaluates a streamable query over merged series as they come, in label order: series are gathered into small
// batches, the per-series part of the query runs on each batch with the engine's own evaluator (one Evaluator for
// the query, so annotations, options and the deadline are shared), and the batch is folded into the aggregation
// (or kept, when the per-series result is itself the answer) and dropped. Peak memory: the output, the aggregation
// state and one batch — never the whole read.
import { Evaluator } from '@core/promql/engine/evaluator';
import { makeGrid, type StepGrid } from '@core/promql/engine/grid';
import { resolveOptions } from '@core/promql/engine/options';
import { preprocessExpr } from '@core/promql/engine/preprocess';
import { instantResult, rangeResult, type QueryResult } from '@core/promql/engine/query';
import { countPresent, type StepSeries } from '@core/promql/engine/values';
import type { Expr } from '@core/promql/parser/ast';
import { HeldBytes, seriesBytes } from '@core/series/held-bytes';
import { labelsKey } from '@core/series/labels';
import { lowerBound } from '@core/series/memory-store';
import { sliceSeries } from '@core/series/slice';
import type { LabelMatcher, RawSeries, SeriesStore } from '@core/series/types';
import type { EvaluateOptions } from '../evaluate';
import type { TimeFrame } from '../time-frame';
import { streamPlan, type StreamPlan } from './eligibility';
import { IncrementalAggregate } from './incremental-aggregate';
import { NotStreamableError } from './not-streamable';

/** A batch is evaluated once it holds this many series or raw samples (~4 MiB; whichever first). */
export const BATCH_SERIES = 256;
export const BATCH_SAMPLES = 1 << 18;

/** The store the evaluator reads: only the current batch, cut to the window asked (as PlannedStore cuts). */
class BatchStore implements SeriesStore {
  batch: RawSeries[] = [];
  select(_matchers: readonly LabelMatcher[], startMs: number, endMs: number): RawSeries[] {
    const out: RawSeries[] = [];
    for (const s of this.batch) {
      const lo = lowerBound(s.timestamps, startMs);
      const hi = lowerBound(s.timestamps, endMs + 1);
      if (hi <= lo) continue;
      out.push(lo === 0 && hi === s.timestamps.length ? s : sliceSeries(s, lo, hi));
    }
    return out;
  }
}

/** The engine's evaluator, counting what one batch reserves so it can be released once the batch is folded. */
class BatchEvaluator extends Evaluator {
  batchSamples = 0;
  override reserve(n: number): void {
    this.batchSamples += n;
    super.reserve(n);
  }
}

export interface StreamingStats {
  series: number;
  batches: number;
}

export class StreamingEvaluation {
  private readonly plan: StreamPlan;
  private readonly expr: Expr;
  private readonly grid: StepGrid;
  private readonly store = new BatchStore();
  private readonly ev: BatchEvaluator;
  private readonly aggregate?: IncrementalAggregate;
  /** The per-series answer (no aggregation): output, kept. */
  private readonly kept: StepSeries[] = [];
  /** Label sets the per-series part produced so far: a repeat across batches needs the engine's collision rules. */
  private readonly outputKeys = new Set<string>();
  private batchSamples = 0;
  private batchBytes = 0;
  readonly stats: StreamingStats = { series: 0, batches: 0 };

  /** Throws NotStreamableError (with the reason) for a query that must take the whole-snapshot path. */
  constructor(
    ast: Expr,
    private readonly text: string,
    private readonly frame: TimeFrame,
    opts: EvaluateOptions,
    private readonly held: HeldBytes = new HeldBytes(),
  ) {
    const range = frame.stepMs > 0;
    this.expr = preprocessExpr(ast, { startMs: frame.startMs, endMs: range ? frame.endMs : frame.startMs, stepMs: frame.stepMs });
    const plan = streamPlan(this.expr);
    if (typeof plan === 'string') throw new NotStreamableError(plan);
    this.plan = plan;
    this.grid = range ? makeGrid(frame.startMs, frame.endMs, frame.stepMs) : makeGrid(frame.startMs, frame.startMs, 1);
    const resolved = resolveOptions({
      compat: opts.compat,
      lookbackDeltaMs: opts.lookbackDeltaMs,
      signal: opts.signal,
      maxSamples: opts.maxSamples,
      timeoutMs: opts.timeoutMs,
      maxSubquerySteps: opts.maxSubquerySteps,
    });
    this.ev = new BatchEvaluator(this.store, resolved);
    if (plan.aggregate) this.aggregate = new IncrementalAggregate(plan.aggregate, this.grid.steps, resolved);
  }

  /** The next merged series of the query's one selector, in label order. */
  add(s: RawSeries): void {
    const bytes = seriesBytes(s);
    this.held.charge(bytes, s);
    this.store.batch.push(s);
    this.batchSamples += s.timestamps.length;
    this.batchBytes += bytes;
    this.stats.series++;
    if (this.store.batch.length >= BATCH_SERIES || this.batchSamples >= BATCH_SAMPLES) this.flush();
  }

  private flush(): void {
    if (this.store.batch.length === 0) return;
    this.ev.checkAbort();
    this.stats.batches++;
    const v = this.ev.vector(this.plan.perSeries, this.grid);
    for (const s of v.series) {
      const key = labelsKey(s.labels);
      if (this.outputKeys.has(key)) throw new NotStreamableError('two series have the same labels after the functions; the engine resolves that with every series at once');
      this.outputKeys.add(key);
    }
    if (this.aggregate) {
      for (const s of v.series) this.aggregate.add(s);
      this.ev.release(this.ev.batchSamples);
      this.ev.batchSamples = 0;
    } else this.kept.push(...v.series);
    this.store.batch = [];
    this.held.release(this.batchBytes);
    this.batchBytes = 0;
    this.batchSamples = 0;
  }

  /** Every series was added: the answer, shaped exactly as the engine shapes it. */
  finish(): QueryResult {
    this.flush();
    let series = this.kept;
    if (this.aggregate) {
      series = this.aggregate.finish();
      this.ev.reserve(countPresent({ type: 'vector', series }));
    }
    const v = { type: 'vector' as const, series };
    if (this.frame.stepMs > 0) return rangeResult(v, this.ev, this.grid, this.text);
    return instantResult(v, this.ev, this.frame.startMs, this.text);
  }
}

// The streaming query's merge → evaluate half, fed series by series: the merge-join turns every node's label-ordered
// stream into merged series, each goes straight into the streaming evaluation, and the provenance summary keeps the
// first merged series' runs. Runs inline or inside an evaluation worker (the same class). Never reads a socket.
// Nothing thrown while streaming escapes push(): a query error is kept for finish(), a reason to fall back to the
// whole-snapshot path (order, collisions, histograms, a node failing after it contributed) is reported once.
import { StreamingMergeJoin, StreamOrderError } from '@core/cluster/merge/merge-join';
import type { MergeStrategy } from '@core/cluster/merge/types';
import type { QueryResult } from '@core/promql/engine/query';
import type { Expr } from '@core/promql/parser/ast';
import { HeldBytes } from '@core/series/held-bytes';
import type { RawSeries } from '@core/series/types';
import type { MergedRawSummary } from '@shared/api/query-types';
import type { EvaluateOptions } from '../evaluate';
import { MAX_PROVENANCE_SERIES, summarizeProvenance } from '../provenance-runs';
import type { TimeFrame } from '../time-frame';
import { NotStreamableError } from './not-streamable';
import { StreamingEvaluation } from './streaming-evaluation';

export interface StreamJob {
  /** Nodes in profile order (the merge's tie-break order); no endpoints. */
  nodes: { index: number; name: string }[];
  strategy: MergeStrategy;
  ast: Expr;
  text: string;
  frame: TimeFrame;
  evalOpts: Omit<EvaluateOptions, 'signal'>;
}

export interface StreamStats {
  /** Most raw-sample bytes held at once (decoded series waiting to merge, merged series waiting to be folded). */
  peakHeldBytes: number;
  /** Every raw-sample byte that went through (what the whole-snapshot path holds at once). */
  rawBytes: number;
  series: number;
  batches: number;
}

export type StreamFinish =
  | { ok: true; result: QueryResult; provenance: MergedRawSummary[]; stats: StreamStats }
  | { ok: false; fallback: string };

export class StreamCore {
  readonly held: HeldBytes;
  private readonly join: StreamingMergeJoin;
  private readonly evaluation: StreamingEvaluation;
  private readonly provenance: MergedRawSummary[] = [];
  private fallback?: string;
  private error?: unknown;
  private readonly failed = new Set<number>();

  /** Throws NotStreamableError when the query cannot stream at all. */
  constructor(
    job: StreamJob,
    private readonly onStop: (fallback: string | undefined) => void = () => undefined,
    signal?: AbortSignal,
    held = new HeldBytes(),
  ) {
    this.held = held;
    this.evaluation = new StreamingEvaluation(job.ast, job.text, job.frame, { ...job.evalOpts, signal }, held);
    this.join = new StreamingMergeJoin(job.nodes, {
      strategy: job.strategy,
      held,
      onMerged: (s) => {
        if (this.provenance.length < MAX_PROVENANCE_SERIES) this.provenance.push(...summarizeProvenance([s]));
        this.evaluation.add(s);
      },
    });
  }

  private get stopped(): boolean {
    return this.fallback !== undefined || this.error !== undefined;
  }

  private guard(work: () => void): void {
    if (this.stopped) return;
    try {
      work();
    } catch (e) {
      if (e instanceof NotStreamableError || e instanceof StreamOrderError) this.fallback = e.message;
      else this.error = e;
      this.onStop(this.fallback);
    }
  }

  /** The next series of the node at position `order` (in StreamJob.nodes). */
  push(order: number, s: RawSeries): void {
    this.guard(() => this.join.push(order, s));
  }

  end(order: number): void {
    this.guard(() => this.join.end(order));
  }

  /** The node's read failed: fine while none of its samples were merged yet (it is then simply left out). */
  fail(order: number): void {
    this.failed.add(order);
    this.guard(() => {
      if (this.join.fail(order).contributed) throw new NotStreamableError('a node failed after part of its data was merged; the partial answer needs the whole-snapshot path');
    });
  }

  finish(): StreamFinish {
    this.guard(() => {
      if (!this.join.done) throw new Error('the streaming merge finished before every node ended');
    });
    let result: QueryResult | undefined;
    this.guard(() => {
      result = this.evaluation.finish();
    });
    if (this.error !== undefined) throw this.error;
    if (this.fallback !== undefined || !result) return { ok: false, fallback: this.fallback ?? 'no result' };
    return { ok: true, result, provenance: this.provenance, stats: { peakHeldBytes: this.held.peak, rawBytes: this.join.bytesIn, series: this.evaluation.stats.series, batches: this.evaluation.stats.batches } };
  }
}

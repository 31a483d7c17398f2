// The streaming answer of a local query: plan → read every node with its series handed on as they are decoded →
// merge-join → evaluate incrementally → answer, on the same data path as the snapshot pipeline. Returns why not
// when the query, the cluster or the data needs every series at once; the caller then runs the snapshot path.
import { fanOut, type FanOutOptions } from '@core/cluster/fanout/fan-out';
import type { NodeOutcome } from '@core/cluster/fanout/types';
import { DEFAULT_LOOKBACK_DELTA_MS } from '@core/promql/engine/options';
import { preprocessExpr } from '@core/promql/engine/preprocess';
import type { Expr } from '@core/promql/parser/ast';
import { planSelectors } from '@core/promql/planner';
import { stripUserinfo } from '@core/remote-read/redact';
import { seriesBytes } from '@core/series/held-bytes';
import type { SelectorRequest } from '@core/series/types';
import type { ClusterSpec } from '../cluster-spec';
import { toEvaluatedResult } from '../evaluate';
import { checkPartialPolicy, parseQuery, partialNotices, partialWarning, type ClusterQueryInput, type ClusterQueryResult } from '../run-cluster-query';
import { streamPlan } from './eligibility';
import { StreamFrontier } from './stream-frontier';
import type { StreamJob } from './stream-core';
import { InlineSink, type StreamSink } from './stream-sink';

export interface StreamingOptions {
  signal?: AbortSignal;
  /** The evaluator's view of the signal (serve-api's also reads the clock); default `signal`. */
  evalSignal?: AbortSignal;
  onProgress?: FanOutOptions['onProgress'];
  cache?: FanOutOptions['cache'];
  limits?: FanOutOptions['limits'];
  /** The query's deadline from the start of the reads (reading and evaluating overlap). */
  timeoutMs?: number;
  maxSamples?: number;
  /** How far (bytes) one node may stream ahead of the slowest before its read pauses (default 8 MiB). */
  aheadLimitBytes?: number;
  /** Where the series go (default: inline); an evaluation worker in processes that set them up. */
  makeSink?: (job: StreamJob, onStop: (fallback: string | undefined) => void, signal?: AbortSignal) => StreamSink;
}

export type StreamingAnswer = { ast: Expr; result: ClusterQueryResult } | { ast: Expr; fallback: string };

/** Why this query cannot stream on this cluster, or its single read. */
export function streamingEligibility(spec: ClusterSpec, ast: Expr, input: ClusterQueryInput, cache?: FanOutOptions['cache']): { request: SelectorRequest } | { reason: string } {
  const { frame } = input;
  const requests = planSelectors(ast, { startMs: frame.startMs, endMs: frame.endMs, stepMs: frame.stepMs, lookbackDeltaMs: input.lookbackDeltaMs, compat: spec.compat });
  if (requests.length !== 1) return { reason: `the query reads ${requests.length} selectors` };
  if (spec.replicaLabel) return { reason: 'a replica label changes the series order the nodes stream in' };
  if (new Set(spec.nodes.map((n) => n.group ?? '')).size > 1) return { reason: 'several HA groups are merged apart' };
  const expr = preprocessExpr(ast, { startMs: frame.startMs, endMs: frame.stepMs > 0 ? frame.endMs : frame.startMs, stepMs: frame.stepMs });
  let root = expr;
  while (root.kind === 'ParenExpr') root = root.expr;
  if (root.kind === 'VectorSelector') return { reason: 'a plain selector answers with its raw series (and their provenance)' };
  const plan = streamPlan(expr);
  if (typeof plan === 'string') return { reason: plan };
  const r = requests[0];
  // Already in the raw-read cache on every node: no read to stream, and the snapshot keeps re-merging free.
  if (cache && spec.nodes.every((n) => cache.get(stripUserinfo(n.endpoint.url), r.matchers, r.startMs, r.endMs))) return { reason: 'served from the raw-read cache' };
  return { request: r };
}

export async function answerStreaming(spec: ClusterSpec, input: ClusterQueryInput, opts: StreamingOptions = {}): Promise<StreamingAnswer> {
  const started = performance.now();
  const ast = parseQuery(input.expr, spec.compat);
  const eligible = streamingEligibility(spec, ast, input, opts.cache);
  if ('reason' in eligible) return { ast, fallback: eligible.reason };

  // The reads stop as soon as the streaming answer cannot be had (a fallback or an evaluation error).
  const reads = new AbortController();
  const frontier = new StreamFrontier(spec.nodes.length, opts.aheadLimitBytes);
  const stopReads = (reason?: unknown): void => {
    reads.abort(reason);
    frontier.releaseAll();
  };
  const onOuterAbort = (): void => stopReads(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const job: StreamJob = {
    nodes: spec.nodes.map((n) => ({ index: n.index, name: n.name })),
    strategy: spec.strategy,
    ast,
    text: input.expr,
    frame: input.frame,
    evalOpts: { compat: spec.compat, lookbackDeltaMs: input.lookbackDeltaMs, maxSamples: opts.maxSamples, timeoutMs: opts.timeoutMs },
  };
  const make = opts.makeSink ?? ((j, onStop, signal) => new InlineSink(j, onStop, signal));
  let sink: StreamSink;
  try {
    sink = make(job, () => stopReads(), opts.evalSignal ?? opts.signal);
  } catch (e) {
    opts.signal?.removeEventListener('abort', onOuterAbort);
    if (e instanceof Error && e.name === 'NotStreamableError') return { ast, fallback: e.message };
    throw e;
  }
  const orderOf = new Map(spec.nodes.map((n, i) => [n.index, i]));
  try {
    const fanOpts: FanOutOptions = {
      signal: reads.signal,
      timeoutMs: spec.timeoutMs,
      limits: { ...spec.readLimits, ...opts.limits },
      onProgress: opts.onProgress,
      onSeries: (node, _q, s) => {
        const order = orderOf.get(node.index)!;
        frontier.push(order, s.labels, seriesBytes(s));
        sink.push(order, s);
      },
      // A node far ahead of the others pauses its read until the merge catches up (bounded memory).
      waitForRoom: (node) => frontier.waitForRoom(orderOf.get(node.index)!),
    };
    // Each node's end is told at once, so the merge never waits on a node that has finished.
    const outcomes: NodeOutcome[] = await Promise.all(
      spec.nodes.map(async (n, i) => {
        const [o] = await fanOut([n], [eligible.request], fanOpts);
        frontier.close(i);
        if (o.ok) sink.end(i);
        else sink.fail(i);
        return o;
      }),
    );
    const finished = await sink.finish();
    if (!finished.ok) return { ast, fallback: finished.fallback };
    checkPartialPolicy(spec, outcomes, opts.signal);
    const partial = partialNotices(outcomes);
    const merged = toEvaluatedResult(finished.result);
    merged.warnings.push(...partial.map(partialWarning), ...outcomes.flatMap((o) => o.warnings));
    const totalMs = performance.now() - started;
    return {
      ast,
      result: {
        strategy: spec.strategy,
        merged,
        lookbackMs: input.lookbackDeltaMs ?? DEFAULT_LOOKBACK_DELTA_MS,
        provenance: finished.provenance,
        partial,
        // Merging and evaluating overlap the reads: the whole streamed time is reported as evaluation.
        mergeMs: 0,
        evalMs: totalMs,
        evaluation: { path: 'streaming', peakHeldBytes: finished.stats.peakHeldBytes, rawBytes: finished.stats.rawBytes, samplesRead: outcomes.reduce((n, o) => n + o.samples, 0) },
      },
    };
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
    frontier.releaseAll();
    sink.dispose();
  }
}

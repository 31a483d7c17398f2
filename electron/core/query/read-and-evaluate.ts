// One local answer: streamed when the query and the cluster allow it (docs/streaming.md), otherwise read whole into
// a snapshot and evaluated off-thread. Both paths answer identically; the result says which one ran and why.
import type { FanOutOptions } from '@core/cluster/fanout/fan-out';
import type { QueryMemoryBudget } from '@core/memory/budget';
import type { Expr } from '@core/promql/parser/ast';
import type { ClusterSpec } from './cluster-spec';
import { evaluateOffThread } from './eval-worker/off-thread';
import type { RawSnapshot } from './raw-snapshot';
import { readForQuery, type ClusterQueryInput, type ClusterQueryResult, type EvaluateSnapshotOptions } from './run-cluster-query';
import { answerStreaming, type StreamingOptions } from './streaming/run-streaming';
import { workerSinkFactory } from './eval-worker/streaming-sink';

export interface ReadAndEvaluateOptions extends Omit<EvaluateSnapshotOptions, 'signal' | 'timeoutMs'> {
  signal?: AbortSignal;
  /** The evaluator's view of `signal` (serve-api's reads the clock too). */
  evalSignal?: AbortSignal;
  cache?: FanOutOptions['cache'];
  onProgress?: FanOutOptions['onProgress'];
  /** The whole query's deadline, from the start of the reads. */
  timeoutMs?: number;
  /** Streaming backpressure bound per node (default 8 MiB). */
  aheadLimitBytes?: number;
  /**
   * The query's memory budget. The snapshot path charges every decoded sample to it; the streaming path holds only
   * the series in flight (bounded per node by `aheadLimitBytes`) and does not charge it yet.
   */
  memory?: QueryMemoryBudget;
  /** Never stream (tests comparing both paths; RRX_STREAMING=0). */
  noStreaming?: boolean;
}

export async function readAndEvaluate(spec: ClusterSpec, input: ClusterQueryInput, opts: ReadAndEvaluateOptions = {}): Promise<{ ast: Expr; snapshot?: RawSnapshot; result: ClusterQueryResult }> {
  const started = performance.now();
  const asked = opts.strategy ? { ...spec, strategy: opts.strategy } : spec;
  let reason: string | undefined;
  if (opts.perNode || opts.findings) reason = 'per-node views and findings need every node\'s whole read';
  else if (opts.noStreaming || process.env.RRX_STREAMING === '0') reason = 'streaming is switched off';
  else {
    const sopts: StreamingOptions = {
      signal: opts.signal,
      evalSignal: opts.evalSignal,
      cache: opts.cache,
      onProgress: opts.onProgress,
      timeoutMs: opts.timeoutMs,
      maxSamples: opts.maxSamples,
      makeSink: workerSinkFactory(),
      aheadLimitBytes: opts.aheadLimitBytes,
    };
    const s = await answerStreaming(asked, input, sopts);
    if ('result' in s) return { ast: s.ast, result: s.result };
    reason = s.fallback;
  }
  const { ast, snapshot } = await readForQuery(asked, input, { signal: opts.signal, cache: opts.cache, onProgress: opts.onProgress, memory: opts.memory });
  const timeoutMs = opts.timeoutMs === undefined ? undefined : Math.max(1, opts.timeoutMs - (performance.now() - started));
  const result = await evaluateOffThread(asked, ast, input, snapshot, {
    strategy: opts.strategy,
    perNode: opts.perNode,
    findings: opts.findings,
    nodeLookback: opts.nodeLookback,
    signal: opts.evalSignal ?? opts.signal,
    maxSamples: opts.maxSamples,
    maxSubquerySteps: opts.maxSubquerySteps,
    timeoutMs,
  });
  result.evaluation = { path: 'snapshot', reason, samplesRead: snapshot.outcomes.reduce((n, o) => n + o.samples, 0) };
  return { ast, snapshot, result };
}

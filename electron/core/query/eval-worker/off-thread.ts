// Evaluation off the main thread: the process entries (CLI, bridge, Electron main) point this at their bundled
// worker entry, and from then on every query is merged and evaluated in a worker thread, so the main thread keeps
// answering (health probes, other requests, IPC, signals) and a cancel or deadline simply terminates the worker —
// at any moment, even inside a loop that never checks. Without an entry (unit tests, benches) it evaluates inline.
import { Worker } from 'node:worker_threads';
import { QueryCanceledError, QueryTimeoutError } from '@core/promql/engine/errors';
import { DEFAULT_QUERY_TIMEOUT_MS } from '@core/promql/engine/options';
import type { Expr } from '@core/promql/parser/ast';
import type { ClusterSpec } from '../cluster-spec';
import type { RawSnapshot } from '../raw-snapshot';
import { evaluateSnapshot, type ClusterQueryInput, type ClusterQueryResult, type EvaluateSnapshotOptions } from '../run-cluster-query';
import { deserializeError, makeJob, type EvalReply } from './job';

interface PoolConfig {
  entry: URL | string;
  /** Idle workers kept warm (unref'd, so they never hold the process open); serve-api runs 4 queries at once. */
  maxIdle: number;
}

let config: PoolConfig | undefined;
const idle: Worker[] = [];
/** Removes the listeners that drop a parked worker from `idle` if it dies. */
const unparkers = new WeakMap<Worker, () => void>();

/** An idle worker that dies (it should not) simply leaves the pool. */
function park(w: Worker): void {
  const gone = (): void => {
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
  };
  w.once('exit', gone);
  w.once('error', gone);
  unparkers.set(w, () => {
    w.off('exit', gone);
    w.off('error', gone);
  });
  w.unref();
  idle.push(w);
}

function unpark(): Worker | undefined {
  const w = idle.pop();
  if (w) unparkers.get(w)?.();
  return w;
}

/**
 * Evaluate in worker threads started from `entry` (a bundled eval-worker/entry.ts). One worker starts at once, so
 * its start-up (a few hundred ms on a busy machine) overlaps the first fan-out instead of following it.
 */
export function useEvalWorkers(entry: URL | string, maxIdle = 4): void {
  config = { entry, maxIdle };
  if (idle.length === 0) park(new Worker(entry));
}

export function evalWorkersEnabled(): boolean {
  return config !== undefined;
}

/** Terminate the idle workers (tests; a process exit does this by itself). */
export async function closeIdleEvalWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}

/**
 * A pooled worker for one streaming query (undefined when evaluation runs inline): the caller talks to it directly
 * and gives it back (kept warm after a clean answer) or has it terminated (cancel, deadline, failure).
 */
export function borrowEvalWorker(): { worker: Worker; giveBack(keep: boolean): void } | undefined {
  if (!config) return undefined;
  const { maxIdle } = config;
  const worker = unpark() ?? new Worker(config.entry);
  worker.ref();
  return {
    worker,
    giveBack(keep: boolean): void {
      if (keep && idle.length < maxIdle) park(worker);
      else void worker.terminate();
    },
  };
}

/** How far past the engine's own deadline the worker may run before it is terminated (merge, findings). */
const BACKSTOP_MS = 1000;

export function abortError(signal: AbortSignal): Error {
  const reason = signal.reason as { name?: string } | undefined;
  return reason?.name === 'TimeoutError' ? new QueryTimeoutError() : new QueryCanceledError();
}

/** evaluateSnapshot, in a worker thread when configured; the signal and the timeout end it at any moment. */
export async function evaluateOffThread(
  spec: ClusterSpec,
  ast: Expr,
  input: ClusterQueryInput,
  snapshot: RawSnapshot,
  opts: EvaluateSnapshotOptions = {},
): Promise<ClusterQueryResult> {
  const { signal, ...rest } = opts;
  if (signal?.aborted) throw abortError(signal);
  if (!config) return evaluateSnapshot(spec, ast, input, snapshot, opts);
  const { maxIdle } = config;
  const job = makeJob(spec, ast, input, snapshot, rest);
  const worker = unpark() ?? new Worker(config.entry);
  worker.ref();

  return new Promise<ClusterQueryResult>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      signal?.removeEventListener('abort', onAbort);
    };
    const dispose = (keep: boolean): void => {
      cleanup();
      if (keep && idle.length < maxIdle) park(worker);
      else void worker.terminate();
    };
    const onMessage = (reply: EvalReply): void => {
      dispose(true);
      if (reply.ok) resolve(reply.result);
      else reject(deserializeError(reply.error));
    };
    const onError = (e: Error): void => {
      dispose(false);
      reject(new Error(`the evaluation worker failed: ${e.message}`));
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`the evaluation worker stopped unexpectedly (exit code ${code})`));
    };
    const onAbort = (): void => {
      dispose(false);
      reject(abortError(signal!));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    signal?.addEventListener('abort', onAbort, { once: true });
    // A backstop for work outside the engine's checks (merge, findings): the worker is cut a moment after.
    const timer = setTimeout(() => {
      dispose(false);
      reject(new QueryTimeoutError());
    }, (rest.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS) + BACKSTOP_MS);
    worker.postMessage(job);
  });
}

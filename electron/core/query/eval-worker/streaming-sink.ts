// The main thread's side of a streaming query evaluated in a worker: series are batched per node and posted with
// their buffers transferred; a cancel, the deadline or a worker failure terminates the worker at once, as for
// snapshot evaluations. Without eval workers (tests, benches) the factory is undefined and the query runs inline.
import type { Worker } from 'node:worker_threads';
import { QueryTimeoutError } from '@core/promql/engine/errors';
import { DEFAULT_QUERY_TIMEOUT_MS } from '@core/promql/engine/options';
import type { RawSeries } from '@core/series/types';
import { deserializeError } from './job';
import { abortError, borrowEvalWorker, evalWorkersEnabled } from './off-thread';
import type { StreamFinish, StreamJob } from '../streaming/stream-core';
import { InlineSink, type StreamSink } from '../streaming/stream-sink';
import { seriesBuffers, type StreamFromWorker, type StreamToWorker } from './streaming-protocol';

const BATCH_SERIES = 64;
const BATCH_BYTES = 1 << 20;
/** How far past the query's deadline the worker may run before it is terminated. */
const BACKSTOP_MS = 1000;

export function workerSinkFactory(): ((job: StreamJob, onStop: (fallback: string | undefined) => void, signal?: AbortSignal) => StreamSink) | undefined {
  if (!evalWorkersEnabled()) return undefined;
  return (job, onStop, signal) => {
    const borrowed = borrowEvalWorker();
    return borrowed ? new WorkerSink(job, borrowed, onStop, signal) : new InlineSink(job, onStop, signal);
  };
}

class WorkerSink implements StreamSink {
  private readonly pending = new Map<number, { list: RawSeries[]; bytes: number }>();
  private readonly done: Promise<StreamFinish>;
  private settled = false;
  private timer: NodeJS.Timeout;
  private readonly worker: Worker;
  private cleanup: () => void = () => undefined;

  constructor(
    job: StreamJob,
    private readonly borrowed: { worker: Worker; giveBack(keep: boolean): void },
    onStop: (fallback: string | undefined) => void,
    signal?: AbortSignal,
  ) {
    this.worker = borrowed.worker;
    let resolveDone!: (f: StreamFinish) => void;
    let rejectDone!: (e: Error) => void;
    this.done = new Promise<StreamFinish>((res, rej) => {
      resolveDone = res;
      rejectDone = rej;
    });
    // Nobody may be awaiting yet when the worker fails early: the rejection is observed by finish().
    this.done.catch(() => undefined);
    const settle = (keep: boolean, outcome: () => void): void => {
      if (this.settled) return;
      this.settled = true;
      this.cleanup();
      this.borrowed.giveBack(keep);
      outcome();
    };
    const onMessage = (m: StreamFromWorker): void => {
      if (m.stream === 'stop') return onStop(undefined);
      if (m.ok) settle(true, () => resolveDone(m.finish));
      else settle(true, () => rejectDone(deserializeError(m.error)));
    };
    const onError = (e: Error): void => settle(false, () => rejectDone(new Error(`the evaluation worker failed: ${e.message}`)));
    const onExit = (code: number): void => settle(false, () => rejectDone(new Error(`the evaluation worker stopped unexpectedly (exit code ${code})`)));
    const onAbort = (): void => {
      settle(false, () => rejectDone(abortError(signal!)));
      onStop(undefined);
    };
    this.worker.on('message', onMessage);
    this.worker.on('error', onError);
    this.worker.on('exit', onExit);
    signal?.addEventListener('abort', onAbort, { once: true });
    this.timer = setTimeout(() => {
      settle(false, () => rejectDone(new QueryTimeoutError()));
      onStop(undefined);
    }, (job.evalOpts.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS) + BACKSTOP_MS);
    this.cleanup = () => {
      clearTimeout(this.timer);
      this.worker.off('message', onMessage);
      this.worker.off('error', onError);
      this.worker.off('exit', onExit);
      signal?.removeEventListener('abort', onAbort);
    };
    this.post({ stream: 'start', job });
  }

  private post(m: StreamToWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.settled) this.worker.postMessage(m, transfer);
  }

  private flush(order: number): void {
    const p = this.pending.get(order);
    if (!p || p.list.length === 0) return;
    this.pending.delete(order);
    this.post({ stream: 'series', order, list: p.list }, seriesBuffers(p.list));
  }

  push(order: number, s: RawSeries): void {
    if (this.settled) return;
    let p = this.pending.get(order);
    if (!p) this.pending.set(order, (p = { list: [], bytes: 0 }));
    p.list.push(s);
    p.bytes += s.timestamps.byteLength + s.values.byteLength;
    if (p.list.length >= BATCH_SERIES || p.bytes >= BATCH_BYTES) this.flush(order);
  }

  end(order: number): void {
    this.flush(order);
    this.post({ stream: 'end', order });
  }

  fail(order: number): void {
    this.pending.delete(order);
    this.post({ stream: 'fail', order });
  }

  finish(): Promise<StreamFinish> {
    for (const order of [...this.pending.keys()]) this.flush(order);
    this.post({ stream: 'finish' });
    return this.done;
  }

  dispose(): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanup();
    this.borrowed.giveBack(false);
  }
}

// Bounded concurrency for the endpoints that read remote_read: at most `maxConcurrent` run at once, a few more
// wait in line for a short while, the rest are turned away at once with `unavailable` (503) so a flood of
// dashboard panels cannot pile unbounded reads onto the cluster.
import { ApiError } from './api-error';

export interface QueryGateOptions {
  maxConcurrent: number;
  maxQueued: number;
  queueTimeoutMs: number;
}

export const DEFAULT_GATE: QueryGateOptions = { maxConcurrent: 4, maxQueued: 32, queueTimeoutMs: 10_000 };

interface Waiter {
  grant: () => void;
  fail: (e: ApiError) => void;
}

export class QueryGate {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(private readonly opts: QueryGateOptions = DEFAULT_GATE) {}

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with a release function once a slot is free; rejects with `unavailable` when full or on timeout. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new ApiError('canceled', 'query was canceled in query queue'));
    if (this.running < this.opts.maxConcurrent) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.opts.maxQueued) {
      return Promise.reject(new ApiError('unavailable', `too many concurrent queries (${this.opts.maxConcurrent} running, ${this.queue.length} waiting); try again later`));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          cleanup();
          resolve(this.releaser());
        },
        fail: (e) => {
          cleanup();
          reject(e);
        },
      };
      const leave = (e: ApiError): void => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        waiter.fail(e);
      };
      const timer = setTimeout(() => leave(new ApiError('unavailable', `query waited ${this.opts.queueTimeoutMs} ms for a free slot; try again later`)), this.opts.queueTimeoutMs);
      const onAbort = (): void => leave(new ApiError('canceled', 'query was canceled in query queue'));
      const cleanup = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      if (next) next.grant(); // the slot passes straight on
      else this.running--;
    };
  }
}

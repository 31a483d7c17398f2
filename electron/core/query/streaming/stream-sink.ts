// Where a streaming query's series go: the same StreamCore, run inline (tests, benches, processes without eval
// workers) or in an evaluation worker thread, which gets the job (no endpoints, no credentials) and then the
// decoded series in small batches with their typed arrays transferred, never structured-cloned sample by sample.
import type { RawSeries } from '@core/series/types';
import { StreamCore, type StreamFinish, type StreamJob } from './stream-core';

export interface StreamSink {
  push(order: number, s: RawSeries): void;
  end(order: number): void;
  fail(order: number): void;
  /** Everything was pushed; the answer, or why the whole-snapshot path must answer instead. */
  finish(): Promise<StreamFinish>;
  /** Stop (cancel, deadline, fallback): frees the worker. */
  dispose(): void;
}

export class InlineSink implements StreamSink {
  private readonly core: StreamCore;
  constructor(job: StreamJob, onStop: (fallback: string | undefined) => void, signal?: AbortSignal) {
    this.core = new StreamCore(job, onStop, signal);
  }
  push(order: number, s: RawSeries): void {
    this.core.push(order, s);
  }
  end(order: number): void {
    this.core.end(order);
  }
  fail(order: number): void {
    this.core.fail(order);
  }
  finish(): Promise<StreamFinish> {
    try {
      return Promise.resolve(this.core.finish());
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }
  dispose(): void {}
}

// Messages of a streaming query between the main thread and an evaluation worker. Series travel in small batches
// with their typed arrays transferred (the main thread never touches them again); the job carries no endpoints.
import type { RawSeries } from '@core/series/types';
import type { SerializedError } from './job';
import type { StreamFinish, StreamJob } from '../streaming/stream-core';

export type StreamToWorker =
  | { stream: 'start'; job: StreamJob }
  | { stream: 'series'; order: number; list: RawSeries[] }
  | { stream: 'end'; order: number }
  | { stream: 'fail'; order: number }
  | { stream: 'finish' };

export type StreamFromWorker =
  /** The worker stopped taking series (a fallback or an error): the reads can stop. */
  | { stream: 'stop' }
  | { stream: 'done'; ok: true; finish: StreamFinish }
  | { stream: 'done'; ok: false; error: SerializedError };

export function isStreamMessage(m: unknown): m is StreamToWorker {
  return typeof m === 'object' && m !== null && 'stream' in m;
}

/** The distinct ArrayBuffers under a list of series (views of one buffer are transferred once). */
export function seriesBuffers(list: readonly RawSeries[]): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const s of list) {
    if (s.timestamps.buffer instanceof ArrayBuffer) seen.add(s.timestamps.buffer);
    if (s.values.buffer instanceof ArrayBuffer) seen.add(s.values.buffer);
  }
  return [...seen];
}

/** The answer's typed arrays, transferred back. */
export function finishBuffers(f: StreamFinish): ArrayBuffer[] {
  if (!f.ok || (f.result.resultType !== 'vector' && f.result.resultType !== 'matrix')) return [];
  return seriesBuffers(f.result.series);
}

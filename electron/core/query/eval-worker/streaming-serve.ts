// The worker's side of a streaming query: one StreamCore per worker (a worker serves one query at a time), fed by
// the main thread's messages; answers once with the result (typed arrays transferred) or the error as data.
import type { MessagePort } from 'node:worker_threads';
import { serializeError } from './job';
import { NotStreamableError } from '../streaming/not-streamable';
import { StreamCore } from '../streaming/stream-core';
import { finishBuffers, isStreamMessage, type StreamFromWorker } from './streaming-protocol';

let core: StreamCore | undefined;
let startFailure: unknown;

/** Handles a streaming message; false for anything else (a snapshot evaluation job). */
export function serveStreamMessage(port: MessagePort, m: unknown): boolean {
  if (!isStreamMessage(m)) return false;
  const reply = (r: StreamFromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(r, transfer);
  switch (m.stream) {
    case 'start':
      startFailure = undefined;
      core = undefined;
      try {
        core = new StreamCore(m.job, () => reply({ stream: 'stop' }));
      } catch (e) {
        startFailure = e;
        reply({ stream: 'stop' });
      }
      break;
    case 'series':
      for (const s of m.list) core?.push(m.order, s);
      break;
    case 'end':
      core?.end(m.order);
      break;
    case 'fail':
      core?.fail(m.order);
      break;
    case 'finish': {
      const c = core;
      core = undefined;
      try {
        if (!c) {
          if (startFailure instanceof NotStreamableError) reply({ stream: 'done', ok: true, finish: { ok: false, fallback: startFailure.message } });
          else throw startFailure ?? new Error('no streaming query was started');
          break;
        }
        const finish = c.finish();
        reply({ stream: 'done', ok: true, finish }, finishBuffers(finish));
      } catch (e) {
        reply({ stream: 'done', ok: false, error: serializeError(e) });
      }
      break;
    }
  }
  return true;
}

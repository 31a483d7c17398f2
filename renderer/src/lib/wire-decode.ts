// Decodes bridge responses: small ones inline, large ones in a Web Worker (wire-worker.ts) so that base64 and JSON
// decoding of a multi-megabyte result never blocks input or painting. Falls back to inline when workers fail.
import { decodeWire } from '@shared/api/wire';

/** Below this, posting to a worker costs more than it saves. */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;

let worker: Worker | null | undefined;
let seq = 0;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./wire-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; value?: unknown; error?: string }>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.error !== undefined) p.reject(new Error(e.data.error));
      else p.resolve(e.data.value);
    };
    worker.onerror = () => {
      // A worker that cannot start (CSP, old runtime): decode inline from now on.
      for (const p of pending.values()) p.reject(new Error('wire worker failed'));
      pending.clear();
      worker = null;
    };
  } catch {
    worker = null;
  }
  return worker;
}

export async function decodeBody<T>(body: ArrayBuffer): Promise<T> {
  if (body.byteLength >= WORKER_THRESHOLD_BYTES) {
    const w = getWorker();
    if (w) {
      const id = ++seq;
      const copy = body.slice(0);
      try {
        return await new Promise<T>((resolve, reject) => {
          pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
          w.postMessage({ id, body: copy }, [copy]);
        });
      } catch {
        // Fall through to inline decoding below.
      }
    }
  }
  return decodeWire<T>(new TextDecoder().decode(body));
}

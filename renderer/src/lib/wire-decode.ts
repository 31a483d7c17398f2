// Bridge calls fetched and decoded in a Web Worker (wire-worker.ts): a large answer (a 500-series result with its
// per-node results is tens of megabytes of base64 JSON) is received, copied into one buffer and decoded off the
// main thread, and its typed arrays are transferred back without copying — receiving it alone is a long task
// otherwise. The worker is proven alive with a ping first; when it cannot start (CSP, old runtime), calls are
// fetched and decoded inline.
import { decodeWire } from '@shared/api/wire';

/** The request of a bridge call, as fetch takes it (a plain object, so it can be posted to the worker). */
export interface CallRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What a call came back as: the decoded body, or why there is none (network, or a body that is not wire JSON). */
export type CallOutcome<T> = { ok: true; value: T } | { ok: false; failure: 'unreachable' | 'unreadable'; message: string };

type Reply = { id: number; outcome: CallOutcome<unknown> } | { pong: true };

const PING_TIMEOUT_MS = 5_000;

let ready: Promise<Worker | null> | undefined;
let seq = 0;
const pending = new Map<number, (o: CallOutcome<unknown>) => void>();

function startWorker(): Promise<Worker | null> {
  return new Promise((resolve) => {
    let w: Worker;
    try {
      w = new Worker(new URL('./wire-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      return resolve(null);
    }
    w.onmessage = (e: MessageEvent<Reply>) => {
      if ('pong' in e.data) return resolve(w);
      const settle = pending.get(e.data.id);
      pending.delete(e.data.id);
      settle?.(e.data.outcome);
    };
    w.onerror = () => {
      // Before the pong: it never started. After: it died, and the calls it held are lost with it.
      resolve(null);
      for (const settle of pending.values()) settle({ ok: false, failure: 'unreachable', message: 'the decoding worker stopped; try again' });
      pending.clear();
      ready = Promise.resolve(null);
    };
    w.postMessage({ ping: true });
    // A worker that neither answers nor fails must not hold every call: decode inline instead.
    setTimeout(() => resolve(null), PING_TIMEOUT_MS);
  });
}

/** Fetches one call and decodes its body (wire JSON). Shared by the worker and the inline fallback. */
export async function fetchCall<T>(req: CallRequest): Promise<CallOutcome<T>> {
  let res: Response;
  try {
    res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body });
  } catch (e) {
    return { ok: false, failure: 'unreachable', message: (e as Error).message };
  }
  try {
    return { ok: true, value: decodeWire<T>(new TextDecoder().decode(await res.arrayBuffer())) };
  } catch {
    return { ok: false, failure: 'unreadable', message: `HTTP ${res.status} with an unreadable body` };
  }
}

export async function callViaWorker<T>(req: CallRequest): Promise<CallOutcome<T>> {
  const w = await (ready ??= startWorker());
  if (!w) return fetchCall<T>(req);
  const id = ++seq;
  return new Promise((resolve) => {
    pending.set(id, resolve as (o: CallOutcome<unknown>) => void);
    w.postMessage({ id, req });
  });
}

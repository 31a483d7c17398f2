// Web Worker for browser mode: fetches a bridge call, decodes its body (JSON with base64 typed arrays) and
// transfers the typed arrays back without copying, so the window stays responsive while a big result lands.
import { fetchCall, type CallRequest } from './wire-decode';
import { transferablesOf } from './transferables';

type Request = { ping: true } | { id: number; req: CallRequest };

self.onmessage = async (e: MessageEvent<Request>) => {
  const worker = self as unknown as Worker;
  // The page checks the worker is alive before it routes calls here.
  if ('ping' in e.data) return worker.postMessage({ pong: true });
  const { id, req } = e.data;
  const outcome = await fetchCall(req);
  worker.postMessage({ id, outcome }, outcome.ok ? transferablesOf(outcome.value) : []);
};

// Web Worker for browser mode: decodes a large bridge response (JSON with base64 typed arrays) off the main thread
// and transfers the typed arrays back without copying, so the window stays responsive while a big result lands.
import { decodeWire } from '@shared/api/wire';
import { transferablesOf } from './transferables';

interface Request {
  id: number;
  body: ArrayBuffer;
}

self.onmessage = (e: MessageEvent<Request>) => {
  const { id, body } = e.data;
  try {
    const value = decodeWire(new TextDecoder().decode(body));
    (self as unknown as Worker).postMessage({ id, value }, transferablesOf(value));
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: (err as Error).message });
  }
};

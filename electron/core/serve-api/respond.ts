// Writing answers: Prometheus's envelope ({status, data, errorType, error, warnings, infos}) with its status codes,
// gzip when the client accepts it (as Prometheus's CompressionHandler does), and the plain-text probes. Query
// answers are encoded streamed: one small answer goes out whole with a Content-Length, a large one chunked.
import type http from 'node:http';
import { createGzip, gzipSync } from 'node:zlib';
import { encodeApiJson, type ApiAnswerParts } from '@core/promql/engine/api-json-stream';
import { writeChunks } from '@core/io/write-chunks';
import { statusOf, type ApiError } from './api-error';
import type { ApiSuccess } from './context';

/** Below this, compressing costs more than it saves. */
const GZIP_MIN_BYTES = 1024;

function acceptsGzip(req: http.IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string, type: string): void {
  let payload: Buffer = Buffer.from(body, 'utf8');
  res.setHeader('Content-Type', type);
  if (payload.length >= GZIP_MIN_BYTES && acceptsGzip(req)) {
    payload = gzipSync(payload);
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.setHeader('Content-Length', payload.length);
  res.writeHead(status);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

export async function respondSuccess(req: http.IncomingMessage, res: http.ServerResponse, r: ApiSuccess): Promise<void> {
  if (r.answer) return respondAnswer(req, res, r.answer);
  const out: Record<string, unknown> = { status: 'success', data: r.data };
  if (r.warnings?.length) out.warnings = r.warnings;
  if (r.infos?.length) out.infos = r.infos;
  send(req, res, 200, JSON.stringify(out), 'application/json');
}

export function respondError(req: http.IncomingMessage, res: http.ServerResponse, e: ApiError): void {
  send(req, res, statusOf(e.errorType), JSON.stringify({ status: 'error', errorType: e.errorType, error: e.message }), 'application/json');
}

export function respondText(req: http.IncomingMessage, res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  send(req, res, status, text, 'text/plain; charset=utf-8');
}

/**
 * A query answer, encoded chunk by chunk as the socket takes it (gzip when accepted). An answer that fits in one
 * chunk is sent as before, with a Content-Length; a larger one goes chunked, and a client that hangs up stops the
 * encoding. The bytes are JSON.stringify's of the same envelope (api-json-stream.ts).
 */
async function respondAnswer(req: http.IncomingMessage, res: http.ServerResponse, answer: ApiAnswerParts): Promise<void> {
  const chunks = encodeApiJson(answer);
  const first = chunks.next();
  const head = first.done ? '' : first.value;
  const second = chunks.next();
  if (second.done) return send(req, res, 200, head, 'application/json');
  res.setHeader('Content-Type', 'application/json');
  if (req.method === 'HEAD') {
    res.writeHead(200);
    res.end();
    return;
  }
  const gzip = acceptsGzip(req);
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.writeHead(200);
  const out = gzip ? createGzip() : res;
  if (gzip) {
    out.pipe(res);
    // A client that hangs up leaves the gzip stream full and never drained: end it too.
    res.once('close', () => {
      if (!res.writableFinished) out.destroy();
    });
  }
  try {
    const all = (function* () {
      yield head;
      yield second.value;
      yield* chunks;
    })();
    if (await writeChunks(out, all)) out.end();
    else res.destroy();
  } catch {
    // Headers are gone: all that is left to say is that the body is incomplete.
    res.destroy();
  }
}

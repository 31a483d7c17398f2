// Writing answers: Prometheus's envelope ({status, data, errorType, error, warnings, infos}) with its status codes,
// gzip when the client accepts it (as Prometheus's CompressionHandler does), and the plain-text probes.
import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import { statusOf, type ApiError } from './api-error';
import type { ApiSuccess } from './context';

/** Below this, compressing costs more than it saves. */
const GZIP_MIN_BYTES = 1024;

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string, type: string): void {
  let payload: Buffer = Buffer.from(body, 'utf8');
  res.setHeader('Content-Type', type);
  if (payload.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    payload = gzipSync(payload);
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.setHeader('Content-Length', payload.length);
  res.writeHead(status);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

export function respondSuccess(req: http.IncomingMessage, res: http.ServerResponse, r: ApiSuccess): void {
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

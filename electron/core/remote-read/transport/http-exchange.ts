// One HTTP request/response over a fresh connection (HTTP/1.1, or HTTP/2 when ALPN picked h2), with redirects
// (credentials stay with the first origin: redirect-policy.ts).
// The response body is handed out as an async byte stream; close() destroys the socket (abort, limit, done).
import http from 'node:http';
import http2 from 'node:http2';
import type tls from 'node:tls';
import { connect, proxyAuthorization } from './connect';
import { MAX_REDIRECTS, headersForHop, originOf, redirectTarget } from './redirect-policy';
import { TransportError, classifyNetworkError } from './transport-error';

export interface ExchangeRequest {
  url: URL;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface ExchangeOptions {
  tls: tls.ConnectionOptions;
  proxyFor: (target: URL) => URL | null;
  proxyConnectHeaders?: Record<string, string[]>;
  http2: boolean;
  followRedirects: boolean;
  /** Names of configured headers that must not follow a redirect to another origin (credentials always stay). */
  secretHeaders?: readonly string[];
  signal: AbortSignal;
}

export interface ExchangeResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
  /** The URL that answered (after redirects). */
  url: URL;
  /** Negotiated protocol. */
  httpVersion: '1.1' | '2';
  close(): void;
}

export async function exchange(req: ExchangeRequest, o: ExchangeOptions): Promise<ExchangeResponse> {
  const firstOrigin = originOf(req.url);
  const secretHeaders = new Set((o.secretHeaders ?? []).map((h) => h.toLowerCase()));
  const seen = new Set<string>();
  let leftOrigin = false;
  let current = req;
  for (let hop = 0; ; hop++) {
    seen.add(`${current.method} ${current.url.href}`);
    let res: ExchangeResponse;
    try {
      res = await exchangeOnce(current, o);
    } catch (e) {
      // After a redirect the error belongs to the host actually contacted, not the endpoint's.
      if (hop > 0 && e instanceof TransportError && e.host === undefined) e.host = current.url.host;
      throw e;
    }
    const location = res.headers.location;
    if (!o.followRedirects || !isRedirect(res.status) || !location) return res;
    res.close();
    const from = current.url.host;
    if (hop >= MAX_REDIRECTS) throw new TransportError('connect', `stopped after ${MAX_REDIRECTS} redirects (the last from ${from})`, undefined, from);
    const next = redirectTarget(location, current.url);
    // Like Go's client: 307/308 repeat the request; 301/302/303 turn into a GET without body.
    const repeat = res.status === 307 || res.status === 308;
    const method = repeat ? current.method : 'GET';
    if (seen.has(`${method} ${next.href}`)) throw new TransportError('connect', `redirect loop: ${from} redirected back to ${next.host}${next.pathname}`, undefined, from);
    const hopHeaders = headersForHop(repeat ? current.headers : withoutBodyHeaders(current.headers), firstOrigin, next, leftOrigin, secretHeaders);
    leftOrigin = hopHeaders.leftOrigin;
    current = repeat ? { ...current, url: next, headers: hopHeaders.headers } : { url: next, method: 'GET', headers: hopHeaders.headers };
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function withoutBodyHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (!/^content-(type|encoding|length)$/i.test(k)) out[k] = v;
  return out;
}

async function exchangeOnce(req: ExchangeRequest, o: ExchangeOptions): Promise<ExchangeResponse> {
  const proxy = o.proxyFor(req.url);
  const conn = await connect({
    target: req.url,
    proxy,
    proxyConnectHeaders: o.proxyConnectHeaders,
    tls: o.tls,
    http2: o.http2,
    signal: o.signal,
  });
  if (conn.protocol === 'h2') return exchangeH2(req, conn.socket as tls.TLSSocket, o.signal);
  return exchangeH1(req, conn.socket, conn.absoluteForm ? proxy : null, o.signal);
}

function exchangeH1(
  req: ExchangeRequest,
  socket: import('node:net').Socket,
  viaProxy: URL | null,
  signal: AbortSignal,
): Promise<ExchangeResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers, host: req.url.host };
    if (req.body) headers['content-length'] = String(req.body.length);
    if (viaProxy) {
      const auth = proxyAuthorization(viaProxy);
      if (auth) headers['proxy-authorization'] = auth;
    }
    // Absolute-form through a proxy for plain http; origin-form otherwise. Userinfo never goes on the wire.
    const target = new URL(req.url);
    target.username = '';
    target.password = '';
    const path = viaProxy ? target.toString() : target.pathname + target.search;
    const cr = http.request({ method: req.method, path, headers, createConnection: () => socket });
    let settled = false;
    const onAbort = () => {
      cr.destroy();
      socket.destroy();
      if (!settled) {
        settled = true;
        reject(new TransportError('cancelled', 'aborted'));
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    cr.on('error', (e) => {
      socket.destroy();
      if (!settled) {
        settled = true;
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? new TransportError('cancelled', 'aborted') : classifyNetworkError(e, false));
      }
    });
    cr.on('response', (res) => {
      settled = true;
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
      const close = () => {
        signal.removeEventListener('abort', onAbort);
        res.destroy();
        socket.destroy();
      };
      resolve({ status: res.statusCode ?? 0, headers: h, body: res, url: req.url, httpVersion: '1.1', close });
    });
    if (signal.aborted) return onAbort();
    cr.end(req.body ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.length) : undefined);
  });
}

function exchangeH2(req: ExchangeRequest, socket: tls.TLSSocket, signal: AbortSignal): Promise<ExchangeResponse> {
  return new Promise((resolve, reject) => {
    const origin = `${req.url.protocol}//${req.url.host}`;
    const session = http2.connect(origin, { createConnection: () => socket });
    let settled = false;
    const fail = (e: TransportError) => {
      session.destroy();
      socket.destroy();
      if (!settled) {
        settled = true;
        reject(e);
      }
    };
    const onAbort = () => fail(new TransportError('cancelled', 'aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    session.on('error', (e) => fail(classifyNetworkError(e, false)));
    const headers: http2.OutgoingHttpHeaders = {
      ':method': req.method,
      ':path': req.url.pathname + req.url.search,
    };
    for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
    if (req.body) headers['content-length'] = String(req.body.length);
    const stream = session.request(headers);
    stream.on('error', (e) => fail(signal.aborted ? new TransportError('cancelled', 'aborted') : classifyNetworkError(e, false)));
    stream.on('response', (rh) => {
      settled = true;
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(rh)) {
        if (k.startsWith(':') || v === undefined) continue;
        h[k] = Array.isArray(v) ? v.join(', ') : String(v);
      }
      const close = () => {
        signal.removeEventListener('abort', onAbort);
        stream.destroy();
        session.destroy();
        socket.destroy();
      };
      resolve({ status: Number(rh[':status'] ?? 0), headers: h, body: stream, url: req.url, httpVersion: '2', close });
    });
    if (signal.aborted) return onAbort();
    stream.end(req.body ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.length) : undefined);
  });
}

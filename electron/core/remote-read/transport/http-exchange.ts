// One HTTP request/response over a fresh connection (HTTP/1.1, or HTTP/2 when ALPN picked h2), with redirects
// (credentials stay with the first origin: redirect-policy.ts).
// The response body is handed out as an async byte stream; close() destroys the socket (abort, limit, done).
import http from 'node:http';
import http2 from 'node:http2';
import type tls from 'node:tls';
import { connect, proxyAuthorization } from './connect';
import { dropIdle, poolFor, type PooledConnectInput } from './connection-pool';
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
  /** Reuse keep-alive connections from the pool for these settings (HTTP/1.1: plain http, or https without h2). */
  pool?: boolean;
  /** The request is idempotent (a read): sent again, once, on a fresh connection when a pooled one was stale. */
  retryStale?: boolean;
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
  /** Closes the connection (abort, limit, error): nothing of a failed exchange is kept. */
  close(): void;
  /** Done after a success: a pooled connection whose answer was read to the end goes back to its pool (else close). */
  release(): void;
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

/** Errors of a request sent on a reused keep-alive socket that the server had already closed (before any answer). */
const staleReuse = new WeakSet<Error>();

async function exchangeOnce(req: ExchangeRequest, o: ExchangeOptions): Promise<ExchangeResponse> {
  const proxy = o.proxyFor(req.url);
  // HTTP/2 is negotiated per connection by ALPN; https with h2 offered keeps a connection per request for now.
  if (o.pool && (req.url.protocol === 'http:' || !o.http2)) {
    const agent = poolFor(o.tls, o.proxyConnectHeaders);
    const viaProxy = req.url.protocol === 'http:' ? proxy : null;
    const send = () => exchangeH1(req, { agent, connect: { target: req.url, proxy, signal: o.signal } }, viaProxy, o.signal);
    try {
      return await send();
    } catch (e) {
      if (!(e instanceof Error) || !staleReuse.has(e) || !o.retryStale || o.signal.aborted) throw e;
      // The node closed (or restarted) since the socket was parked: its siblings are stale too.
      dropIdle(agent, `${req.url.protocol}//${req.url.host}|${proxy?.href ?? ''}`);
      return send();
    }
  }
  const conn = await connect({
    target: req.url,
    proxy,
    proxyConnectHeaders: o.proxyConnectHeaders,
    tls: o.tls,
    http2: o.http2,
    signal: o.signal,
  });
  if (conn.protocol === 'h2') return exchangeH2(req, conn.socket as tls.TLSSocket, o.signal);
  return exchangeH1(req, { socket: conn.socket }, conn.absoluteForm ? proxy : null, o.signal);
}

/** A connection of its own, or a pool that lends one (opening it from `connect` when none is idle). */
type H1Via = { socket: import('node:net').Socket } | { agent: http.Agent; connect: PooledConnectInput };

function exchangeH1(req: ExchangeRequest, via: H1Via, viaProxy: URL | null, signal: AbortSignal): Promise<ExchangeResponse> {
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
    const cr =
      'socket' in via
        ? http.request({ method: req.method, path, headers, createConnection: () => via.socket })
        : http.request({ method: req.method, path, headers, agent: via.agent, rrxConnect: via.connect } as http.RequestOptions);
    // A pooled socket is the agent's again once its answer is read: only its own request may destroy it.
    const destroySocket = () => ('socket' in via ? via.socket.destroy() : cr.socket?.destroy());
    let settled = false;
    const onAbort = () => {
      cr.destroy();
      destroySocket();
      if (!settled) {
        settled = true;
        reject(new TransportError('cancelled', 'aborted'));
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    cr.on('error', (e) => {
      destroySocket();
      if (!settled) {
        settled = true;
        signal.removeEventListener('abort', onAbort);
        const err = signal.aborted ? new TransportError('cancelled', 'aborted') : classifyNetworkError(e, false);
        if (cr.reusedSocket && !signal.aborted && isStaleSocketError(e)) staleReuse.add(err);
        reject(err);
      }
    });
    cr.on('response', (res) => {
      settled = true;
      const socket = cr.socket;
      // Node emits the request's 'close' in the same tick as the socket's 'free' that returns it to the pool.
      let returned = false;
      cr.once('close', () => (returned = true));
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
      // Read to the end, a pooled socket goes back to its pool; an abort after that must not touch it.
      res.once('end', () => signal.removeEventListener('abort', onAbort));
      const close = () => {
        signal.removeEventListener('abort', onAbort);
        if ('socket' in via) {
          res.destroy();
          via.socket.destroy();
        } else if (!res.readableEnded) {
          // Not consumed to its end: a half-read answer cannot be reused.
          res.destroy();
          socket?.destroy();
        } else if (socket && !returned) {
          // Read to the end but not yet handed back (Node does so a tick after the end): close it when it is.
          socket.once('free', () => socket.destroy());
        } else if (socket && isIdleIn(via.agent, socket)) {
          // Parked: close it. Once lent to another request it is that request's, left alone.
          socket.destroy();
        }
      };
      const release = () => {
        signal.removeEventListener('abort', onAbort);
        if ('socket' in via || !res.readableEnded) close();
      };
      resolve({ status: res.statusCode ?? 0, headers: h, body: res, url: req.url, httpVersion: '1.1', close, release });
    });
    if (signal.aborted) return onAbort();
    cr.end(req.body ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.length) : undefined);
  });
}

function isIdleIn(agent: http.Agent, socket: import('node:net').Socket): boolean {
  return Object.values(agent.freeSockets).some((list) => list?.includes(socket));
}

/** What a server's closing of an idle keep-alive socket looks like to the next request sent on it. */
function isStaleSocketError(e: Error): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || e.message === 'socket hang up';
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
      resolve({ status: Number(rh[':status'] ?? 0), headers: h, body: stream, url: req.url, httpVersion: '2', close, release: close });
    });
    if (signal.aborted) return onAbort();
    stream.end(req.body ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.length) : undefined);
  });
}

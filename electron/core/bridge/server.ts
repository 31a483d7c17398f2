// The loopback bridge: the built renderer plus the API contract over HTTP on 127.0.0.1, for E2E tests and for
// people who cannot install the desktop app. Same handlers as Electron main; only transport differs.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeWire, encodeWire } from '@shared/api/wire';
import type { ApiHandlers } from '../api/handlers';
import { dispatchCall } from '../api/dispatch';
import { EventStreams } from './event-stream';
import { hostAndOriginOk, presentedToken, tokenMatches } from './request-guard';
import { serveStatic } from './static-files';
import { answerOversizeRequests } from '@core/serve-api/oversize-request';

export interface BridgeOptions {
  port?: number;
  rendererDir: string;
  csp: string;
  /** Build the handlers once the event sink exists (handlers emit progress through it). */
  makeHandlers: (emit: EventStreams['emit']) => ApiHandlers;
  token?: string;
  maxBodyBytes?: number;
  /**
   * Browser mode's "open with": POST /api/open {"path"} (token required) queues a workspace for the page, as a
   * second launch of the desktop app does; the page is told by the workspace.openRequested event.
   */
  onOpenRequest?: (path: string) => void;
}

export interface Bridge {
  readonly port: number;
  readonly token: string;
  /** The URL to open: includes the token. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 32 * 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = encodeWire(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Error(`request body larger than ${limit} bytes`);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function answerOpenRequest(req: IncomingMessage, res: ServerResponse, deliver: (path: string) => void, notify: () => void): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { ok: false, error: { kind: 'invalid-request', message: 'POST {"path": "/…/file.rrxw"} to /api/open.' } });
    return;
  }
  let path: unknown;
  try {
    path = (JSON.parse(await readBody(req, 64 * 1024)) as { path?: unknown } | null)?.path;
  } catch (e) {
    sendJson(res, 400, { ok: false, error: { kind: 'invalid-request', message: `Unreadable request body: ${(e as Error).message}.` } });
    return;
  }
  if (typeof path !== 'string' || !path.trim() || path.length > 4096) {
    sendJson(res, 400, { ok: false, error: { kind: 'invalid-request', message: 'The body must be {"path": "<workspace file>"}.' } });
    return;
  }
  // The page opens it (or says why not) through workspace.open, with its own checks: nothing is read here.
  deliver(path);
  notify();
  sendJson(res, 200, { ok: true, value: null });
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const events = new EventStreams();
  const handlers = opts.makeHandlers(events.emit);
  let port = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (!hostAndOriginOk(req, port)) {
        res.writeHead(403, { 'Content-Type': 'text/plain' }).end('forbidden host or origin');
        return;
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405).end();
          return;
        }
        serveStatic(opts.rendererDir, url.pathname, res, opts.csp);
        return;
      }
      if (!tokenMatches(presentedToken(req, url), token)) {
        sendJson(res, 401, { ok: false, error: { kind: 'unauthorized', message: 'Missing or wrong bridge token.' } });
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        events.attach(res);
        return;
      }
      if (url.pathname === '/api/open' && opts.onOpenRequest) {
        await answerOpenRequest(req, res, opts.onOpenRequest, () => events.emit('workspace.openRequested', { count: 1 }));
        return;
      }
      const m = /^\/api\/call\/([^/]+)$/.exec(url.pathname);
      if (!m || req.method !== 'POST') {
        sendJson(res, 404, { ok: false, error: { kind: 'not-found', message: `No API route ${req.method} ${url.pathname}.` } });
        return;
      }
      let request: unknown;
      try {
        const body = await readBody(req, opts.maxBodyBytes ?? MAX_BODY);
        request = body.trim() === '' ? undefined : decodeWire(body);
      } catch (e) {
        sendJson(res, 400, { ok: false, error: { kind: 'invalid-request', message: `Unreadable request body: ${(e as Error).message}.` } });
        return;
      }
      if (request === null) request = undefined;
      const ac = new AbortController();
      res.on('close', () => { if (!res.writableFinished) ac.abort(); });
      const result = await dispatchCall(handlers, decodeURIComponent(m[1]), request, { signal: ac.signal });
      const status = result.ok ? 200 : result.error.kind === 'unknown-call' ? 404 : result.error.kind === 'invalid-request' ? 400 : 200;
      sendJson(res, status, result);
    })().catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { kind: 'internal', message: (e as Error).message } });
    });
  });
  answerOversizeRequests(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      events.closeAll();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

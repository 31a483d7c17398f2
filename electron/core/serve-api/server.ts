// startQueryApiServer: the Prometheus-compatible HTTP API over one cluster, in one warm process with one raw-read
// cache — for `rrx serve-api` and the desktop app's "serve to Grafana" toggle. Loopback by default; any other
// address only with a bearer token. Never writes the token or the profile's secrets anywhere.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RawReadCache } from '@core/cluster/fanout/raw-read-cache';
import { DEFAULT_MAX_SAMPLES, DEFAULT_QUERY_TIMEOUT_MS } from '@core/promql/engine/options';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { ProcessMemoryBudget } from '@core/memory/budget';
import { defaultProcessBudgetBytes } from '@core/memory/sizes';
import { bearerChecker, hostHeaderName, isLoopbackHost, ListenError, parseListen, type ListenAddress } from './access';
import { ApiError, toApiError } from './api-error';
import type { ApiContext, RequestScope, RulesView } from './context';
import type { QueryMode } from '@core/query/answer-modes';
import { readForm } from './form';
import { DEFAULT_LOOKUP_WINDOW_MS } from './match-params';
import { DEFAULT_GATE, QueryGate, type QueryGateOptions } from './query-gate';
import { respondError, respondSuccess, respondText } from './respond';
import { PROBES, findRoute } from './routes';
import { answerOversizeRequests } from './oversize-request';
import { webPageRefusal } from './web-page-guard';

export const DEFAULT_LISTEN = '127.0.0.1:9095';

export interface QueryApiServerOptions {
  spec: ClusterSpec;
  /** host:port or an address; default 127.0.0.1:9095. Port 0 picks a free port. */
  listen?: string | ListenAddress;
  /** Bearer token every request must carry; required unless listening on loopback. */
  token?: string;
  /** Per query, in the engine (Prometheus's --query.max-samples); default 50,000,000. */
  maxSamples?: number;
  /** Per query (Prometheus's --query.timeout); default 2 minutes. */
  queryTimeoutMs?: number;
  gate?: Partial<QueryGateOptions>;
  /** Longest window series/labels lookups read; default 1 h. */
  lookupWindowMs?: number;
  /** Shared with the app's own queries when given; else a new one of `cacheBytes` (default 512 MiB). */
  cache?: RawReadCache;
  cacheBytes?: number;
  /** One call per answered request (method, path without query string, status, duration) — for access logs. */
  onRequest?: (r: { method: string; path: string; status: number; ms: number }) => void;
  now?: () => number;
  /** Default answer mode (local, pushdown, delegate, auto); requests may pass `mode`. */
  mode?: QueryMode;
  /** One query's memory budget, and auto's threshold. */
  maxMemoryBytes?: number;
  /** The process's memory budget over its running queries (default sized to the machine), or a pool to share. */
  maxMemoryTotalBytes?: number;
  memory?: ProcessMemoryBudget;
  /** The delegate engine's name or URL. */
  delegateTo?: string;
  /** Rules evaluated continuously, answering /api/v1/rules and /api/v1/alerts (serve-api --rules). */
  rules?: RulesView;
}

export interface QueryApiServer {
  /** e.g. http://127.0.0.1:9095 */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly tokenRequired: boolean;
  close(): Promise<void>;
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startQueryApiServer(opts: QueryApiServerOptions): Promise<QueryApiServer> {
  const addr = typeof opts.listen === 'object' ? opts.listen : parseListen(opts.listen ?? DEFAULT_LISTEN);
  const loopback = isLoopbackHost(addr.host);
  if (opts.token !== undefined && opts.token === '') throw new ListenError('the bearer token is empty');
  if (!loopback && !opts.token) {
    throw new ListenError(`listening on ${addr.host}, which is not a loopback address, requires a bearer token (--token-file)`);
  }
  const checkToken = opts.token ? bearerChecker(opts.token) : undefined;
  const ctx: ApiContext = {
    spec: opts.spec,
    cache: opts.cache ?? new RawReadCache(opts.cacheBytes),
    gate: new QueryGate({ ...DEFAULT_GATE, ...opts.gate }),
    maxSamples: opts.maxSamples ?? DEFAULT_MAX_SAMPLES,
    queryTimeoutMs: opts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    lookupWindowMs: opts.lookupWindowMs ?? DEFAULT_LOOKUP_WINDOW_MS,
    now: opts.now ?? Date.now,
    mode: opts.mode,
    maxMemoryBytes: opts.maxMemoryBytes,
    memory: opts.memory ?? new ProcessMemoryBudget(opts.maxMemoryTotalBytes ?? defaultProcessBudgetBytes(), 'raise --max-memory-total'),
    delegateTo: opts.delegateTo,
    rules: opts.rules,
  };
  const stopping = new AbortController();
  const inFlight = new Set<AbortController>();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://rrx.invalid');
    const method = req.method ?? 'GET';
    if (checkToken && !checkToken(req.headers.authorization)) {
      return respondText(req, res, 401, 'Unauthorized\n', { 'WWW-Authenticate': 'Bearer realm="rrx"' });
    }
    // Without a token, only loopback host names: a web page that rebinds its own name to 127.0.0.1 gets nothing.
    if (!checkToken && !isLoopbackHost(hostHeaderName(req.headers.host))) {
      return respondText(req, res, 403, 'Forbidden: this API answers loopback host names only (or requests with its bearer token)\n');
    }
    // Without a token, a page in the user's browser could send queries (even form POSTs) here: refuse those.
    const fromPage = checkToken ? undefined : webPageRefusal(req.headers);
    if (fromPage) return respondText(req, res, 403, `Forbidden: ${fromPage}; use a bearer token (--token-file) for browser clients\n`);
    const probe = PROBES[url.pathname];
    if (probe !== undefined) {
      if (method !== 'GET' && method !== 'HEAD') return respondText(req, res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      return respondText(req, res, 200, probe);
    }
    const found = findRoute(url.pathname, method);
    if (found.allowed) return respondText(req, res, 405, 'Method Not Allowed\n', { Allow: found.allowed.join(', ') });
    if (!found.route) return respondText(req, res, 404, '404 page not found\n');

    // One signal per request, aborted by the client hanging up or by close() through `inFlight` — not a listener
    // per request on a shared signal, which 50 waiting clients would pile up (MaxListenersExceededWarning).
    const gone = new AbortController();
    if (stopping.signal.aborted) gone.abort(stopping.signal.reason);
    inFlight.add(gone);
    res.on('close', () => {
      inFlight.delete(gone);
      if (!res.writableFinished) gone.abort(new Error('the client closed the connection'));
    });
    const scope: RequestScope = { abortSources: [gone.signal], pathParams: found.params };
    try {
      const form = await readForm(req, url);
      const answer = await found.route.handler(form, ctx, scope);
      await respondSuccess(req, res, answer);
    } catch (e) {
      respondError(req, res, e instanceof ApiError ? e : toApiError(e));
    }
  }

  const server = http.createServer((req, res) => {
    const started = performance.now();
    res.on('finish', () => opts.onRequest?.({ method: req.method ?? '', path: (req.url ?? '').split('?')[0], status: res.statusCode, ms: performance.now() - started }));
    handle(req, res).catch(() => res.destroy());
  });
  answerOversizeRequests(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(addr.port, addr.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: urlOf(addr.host, bound.port),
    host: addr.host,
    port: bound.port,
    tokenRequired: !!checkToken,
    close() {
      closed ??= new Promise<void>((resolve) => {
        stopping.abort(new Error('the API server is stopping'));
        for (const c of inFlight) c.abort(stopping.signal.reason);
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight requests end as canceled through `stopping`; give them a moment, then cut what is left.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      return closed;
    },
  };
}

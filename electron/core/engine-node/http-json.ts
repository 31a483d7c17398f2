// One request to a PromQL HTTP API over rrx's own transport (auth, TLS, proxy, headers, HTTP/2, redirects as for
// remote_read): a form POST (or GET) whose JSON answer is returned parsed. Bounded in time and size; errors typed.
import { USER_AGENT } from '@core/app-info';
import { collectConfigSecrets, endpointDisplayName } from '@core/remote-read/client';
import { DEFAULT_REMOTE_TIMEOUT_MS } from '@core/remote-read/endpoint-config';
import { resolveAuth } from '@core/remote-read/transport/auth-headers';
import { exchange, type ExchangeResponse } from '@core/remote-read/transport/http-exchange';
import { resolveProxy } from '@core/remote-read/transport/proxy-resolver';
import { resolveTlsOptions } from '@core/remote-read/transport/tls-options';
import { TransportError } from '@core/remote-read/transport/transport-error';
import { EngineError, queryApiBase, type QueryApiConfig } from './types';
import { requestDeadline } from '@core/remote-read/transport/request-deadline';

export const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024 * 1024;

export interface ApiRequestOptions {
  signal?: AbortSignal;
  method?: 'GET' | 'POST';
  maxBytes?: number;
  env?: NodeJS.ProcessEnv;
}

/** Extra parameters and headers for the engine options (Thanos, Mimir). */
function engineExtras(cfg: QueryApiConfig): { params: [string, string][]; headers: Record<string, string> } {
  const e = cfg.engine ?? {};
  const params: [string, string][] = [];
  if (e.dedup !== undefined) params.push(['dedup', String(e.dedup)]);
  if (e.partialResponse !== undefined) params.push(['partial_response', String(e.partialResponse)]);
  for (const l of e.replicaLabels ?? []) params.push(['replicaLabels[]', l]);
  return { params, headers: e.tenant ? { 'X-Scope-OrgID': e.tenant } : {} };
}

/** `path` below the API base, e.g. "/api/v1/query_range". Resolves to the parsed JSON body of a 2xx or 4xx/5xx answer. */
export async function apiRequest(cfg: QueryApiConfig, path: string, params: [string, string][], opts: ApiRequestOptions = {}): Promise<unknown> {
  const name = endpointDisplayName(cfg);
  const secrets = collectConfigSecrets(cfg);
  const fail = (kind: EngineError['kind'], detail: string, errorType?: string) => new EngineError(kind, secrets.redact(name), secrets.redact(detail), errorType);
  let base: URL;
  try {
    base = new URL(queryApiBase(cfg.url) + path);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw fail('connect', 'the query API URL is not a valid http(s) URL');
  }
  const extras = engineExtras(cfg);
  const form = new URLSearchParams([...params, ...extras.params]);
  const method = opts.method ?? 'POST';

  const timeoutMs = cfg.remoteTimeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS;
  const deadline = requestDeadline(timeoutMs, opts.signal);

  let res: ExchangeResponse | undefined;
  let readWhole = false;
  try {
    const auth = await resolveAuth(cfg, deadline.signal);
    secrets.addAll(auth.secrets);
    const tls = await resolveTlsOptions(cfg.tlsConfig);
    secrets.addAll(tls.secrets);
    const headers: Record<string, string> = { accept: 'application/json', ...extras.headers };
    for (const [k, v] of Object.entries(cfg.headers ?? {})) if (!/^(content-(type|length|encoding)|host)$/i.test(k)) headers[k] = v;
    if (auth.authorization) headers.authorization = auth.authorization;
    else if (base.username || base.password) {
      const basic = Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64');
      secrets.add(basic);
      headers.authorization = `Basic ${basic}`;
    }
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'user-agent')) headers['user-agent'] = USER_AGENT;
    const target = new URL(base);
    target.username = '';
    target.password = '';
    let body: Uint8Array | undefined;
    if (method === 'POST') {
      body = Buffer.from(form.toString());
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      for (const [k, v] of form) target.searchParams.append(k, v);
    }
    res = await exchange(
      { url: target, method, headers, body },
      {
        tls: tls.options,
        proxyFor: (t) => resolveProxy(t, cfg, opts.env),
        proxyConnectHeaders: cfg.proxyConnectHeader,
        http2: cfg.enableHttp2 ?? true,
        followRedirects: cfg.followRedirects ?? true,
        signal: deadline.signal,
        // Query API calls (GET or POST) only read: a stale pooled connection is retried once on a fresh one.
        pool: true,
        retryStale: true,
      },
    );
    const text = await readText(res.body, opts.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES, () => fail('too-large', `the answer is larger than ${opts.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES} bytes`));
    readWhole = true;
    if (res.status === 401 || res.status === 403 || res.status === 407) throw fail('auth', `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw fail(res.status >= 200 && res.status < 300 ? 'decode' : 'http-status', `HTTP ${res.status}, not a JSON answer${text ? `: ${text.slice(0, 200).replace(/\s+/g, ' ')}` : ''}`);
    }
    const o = json as { status?: unknown; error?: unknown; errorType?: unknown };
    if (o && typeof o === 'object' && o.status === 'error') throw fail('query', String(o.error ?? `HTTP ${res.status}`), typeof o.errorType === 'string' ? o.errorType : undefined);
    if (res.status < 200 || res.status > 299) throw fail('http-status', `HTTP ${res.status}`);
    return json;
  } catch (e) {
    if (opts.signal?.aborted) throw fail('cancelled', 'the request was cancelled');
    if (deadline.timedOut()) throw fail('timeout', `no complete answer within ${timeoutMs} ms`);
    if (e instanceof EngineError) throw e;
    if (e instanceof TransportError) throw fail(e.kind === 'auth' ? 'auth' : 'connect', e.message);
    const code = (e as NodeJS.ErrnoException)?.code;
    throw fail('connect', code ? `connection error ${code}` : `request failed (${(e as Error)?.name ?? 'error'})`);
  } finally {
    deadline.dispose();
    // An answer read whole (even a query error) leaves its keep-alive connection to the pool; else it is closed.
    if (readWhole) res?.release();
    else res?.close();
  }
}

async function readText(body: AsyncIterable<Uint8Array>, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of body) {
    n += chunk.length;
    if (n > maxBytes) throw tooLarge();
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts).toString('utf8');
}

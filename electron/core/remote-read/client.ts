// The remote_read client: one POST carrying every query to one endpoint, the response decoded into RawSeries per
// query. Every failure leaves as a RemoteReadError with a kind; no message or log line ever holds a secret.
// filter_external_labels needs no code: rrx has no external labels of its own to add as matchers.
import { USER_AGENT } from '@core/app-info';
import type { RawSeries, SelectorRequest } from '@core/series/types';
import { DEFAULT_REMOTE_TIMEOUT_MS, type EndpointConfig, type ResponseType } from './endpoint-config';
import { DecodeError, RemoteReadError, type RemoteReadErrorKind } from './errors';
import { DEFAULT_READ_LIMITS, ReadBudget, type HoldSamples, type ReadLimits, type ReadProgress } from './limits';
import { CONTENT_TYPE_PROTOBUF, REMOTE_READ_VERSION } from './proto/field-numbers';
import { SecretSet, hostOf } from './redact';
import { DEFAULT_ACCEPTED_RESPONSE_TYPES, encodeReadRequest } from './request-encoder';
import { readSamplesBody, readStreamedBody, type DecodedBody } from './response-body';
import { resolveAuth } from './transport/auth-headers';
import { exchange, type ExchangeResponse } from './transport/http-exchange';
import { resolveProxy } from './transport/proxy-resolver';
import { resolveTlsOptions } from './transport/tls-options';
import { TransportError } from './transport/transport-error';
import type { RemoteReadWarning } from './warnings';
import { requestDeadline } from './transport/request-deadline';

export interface RemoteReadOptions {
  /** Stops the read at any point (mid-stream too): the socket is destroyed and buffers dropped. */
  signal?: AbortSignal;
  limits?: Partial<ReadLimits>;
  /** Called as bytes arrive (at most every progressIntervalMs) and once at the end. */
  onProgress?: (p: ReadProgress) => void;
  progressIntervalMs?: number;
  /** Diagnostic lines (already redacted). */
  log?: (line: string) => void;
  /** Environment for proxy_from_environment (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Charged as samples are decoded and kept (query index = position in `queries`); may throw to stop the read. */
  hold?: HoldSamples;
  /**
   * Streaming: each decoded series is handed here as soon as it is complete (STREAMED_XOR_CHUNKS: while the body
   * arrives, in the node's label order; SAMPLES: after decoding, in response order) and `results` stay empty.
   */
  onSeries?: (queryIndex: number, s: RawSeries) => void;
  /** Streaming backpressure: a promise while the consumer wants no more series from this read yet. */
  waitForRoom?: () => Promise<void> | undefined;
}

export interface RemoteReadResult {
  /** Display name of the endpoint. */
  endpoint: string;
  responseType: ResponseType;
  /** Series per query, in request order. */
  results: RawSeries[][];
  warnings: RemoteReadWarning[];
  stats: ReadProgress & {
    durationMs: number;
    /** From sending the request to the response's headers: the node's own time to answer (and the connection's). */
    headersMs?: number;
    /** Decompressing and decoding the body (synchronous work, not waiting for bytes). */
    decodeMs?: number;
  };
  /** HTTP version used ('2' when enable_http2 and the server agreed via ALPN); undefined when nothing was sent. */
  httpVersion?: '1.1' | '2';
}

const RESERVED_HEADERS = new Set(['content-type', 'content-encoding', 'content-length', 'host', 'x-prometheus-remote-read-version']);
const MAX_ERROR_BODY_BYTES = 512;

/** Display name of an endpoint: its configured name, else host:port. */
export function endpointDisplayName(cfg: EndpointConfig): string {
  return cfg.name || hostOf(cfg.url);
}

/** Does a query carry every required matcher (as an equality matcher) of the endpoint? */
function satisfiesRequiredMatchers(q: SelectorRequest, required: Record<string, string> | undefined): boolean {
  if (!required) return true;
  return Object.entries(required).every(([name, value]) =>
    q.matchers.some((m) => m.type === '=' && m.name === name && m.value === value),
  );
}

export async function remoteRead(
  cfg: EndpointConfig,
  queries: readonly SelectorRequest[],
  opts: RemoteReadOptions = {},
): Promise<RemoteReadResult> {
  const started = Date.now();
  const name = endpointDisplayName(cfg);
  const host = hostOf(cfg.url);
  const secrets = collectConfigSecrets(cfg);
  // The host that answered (or failed): another one than the endpoint's after a redirect, and then errors name it.
  let contacted = host;
  const fail = (kind: RemoteReadErrorKind, detail: string, extra: { status?: number; cause?: unknown; host?: string } = {}) => {
    const at = extra.host ?? contacted;
    const via = at !== host ? ` (redirected from ${host}${kind === 'auth' ? '; credentials are only sent to the endpoint\'s own origin' : ''})` : '';
    return new RemoteReadError({ kind, endpoint: secrets.redact(name), detail: secrets.redact(detail + via), status: extra.status, cause: extra.cause, host: at });
  };
  const log = (line: string) => opts.log?.(secrets.redact(line));

  let url: URL;
  try {
    url = new URL(cfg.url);
  } catch {
    throw fail('connect', 'the endpoint URL is not valid');
  }
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...opts.limits };
  const accepted = cfg.acceptedResponseTypes?.length ? cfg.acceptedResponseTypes : DEFAULT_ACCEPTED_RESPONSE_TYPES;

  // required_matchers: queries without them are not sent; their results stay empty.
  const sentIndex: number[] = [];
  queries.forEach((q, i) => satisfiesRequiredMatchers(q, cfg.requiredMatchers) && sentIndex.push(i));
  const hold = opts.hold;
  const budget = new ReadBudget(limits, hold && ((k, samples, extra) => hold(sentIndex[k] ?? k, samples, extra)));
  const results: RawSeries[][] = queries.map(() => []);
  if (sentIndex.length === 0) {
    return { endpoint: name, responseType: accepted[0], results, warnings: [], stats: { ...budget.snapshot(), durationMs: 0 } };
  }
  const sent = sentIndex.map((i) => queries[i]);

  const timeoutMs = cfg.remoteTimeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS;
  const deadline = requestDeadline(timeoutMs, opts.signal);

  let lastProgress = 0;
  const progressEvery = opts.progressIntervalMs ?? 100;
  const progress = (force = false) => {
    if (!opts.onProgress) return;
    const now = Date.now();
    if (!force && now - lastProgress < progressEvery) return;
    lastProgress = now;
    opts.onProgress(budget.snapshot());
  };

  let res: ExchangeResponse | undefined;
  let ok = false;
  try {
    const auth = await resolveAuth(cfg, deadline.signal);
    secrets.addAll(auth.secrets);
    const tls = await resolveTlsOptions(cfg.tlsConfig);
    secrets.addAll(tls.secrets);

    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(cfg.headers ?? {})) if (!RESERVED_HEADERS.has(k.toLowerCase())) headers[k] = v;
    if (auth.authorization) headers.authorization = auth.authorization;
    else if (url.username || url.password) {
      // Like Go's client: userinfo in the URL means basic auth (and never travels in the URL itself).
      const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
      secrets.add(basic);
      headers.authorization = `Basic ${basic}`;
    }
    headers['content-type'] = CONTENT_TYPE_PROTOBUF;
    headers['content-encoding'] = 'snappy';
    headers['x-prometheus-remote-read-version'] = REMOTE_READ_VERSION;
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'user-agent')) headers['user-agent'] = USER_AGENT;
    const target = new URL(url);
    target.username = '';
    target.password = '';

    log(`remote read ${name}: POST ${target} with ${sent.length} queries, accepting ${accepted.join(', ')}`);
    res = await exchange(
      { url: target, method: 'POST', headers, body: encodeReadRequest(sent, accepted) },
      {
        tls: tls.options,
        proxyFor: (t) => resolveProxy(t, cfg, opts.env),
        proxyConnectHeaders: cfg.proxyConnectHeader,
        http2: cfg.enableHttp2 ?? true,
        followRedirects: cfg.followRedirects ?? true,
        secretHeaders: Object.keys(headers).filter((k) => cfg.headers?.[k] !== undefined),
        signal: deadline.signal,
        // remote_read is a read: a pooled connection the node has closed is retried once on a fresh one.
        pool: true,
        retryStale: true,
      },
    );
    contacted = res.url.host;
    const headersMs = Date.now() - started;

    if (res.status < 200 || res.status > 299) {
      const text = await readErrorBody(res.body);
      const detail = `HTTP ${res.status}${text ? `: ${text}` : ''}`;
      // 407: the proxy wants credentials — an auth problem too.
      const isAuth = res.status === 401 || res.status === 403 || res.status === 407;
      throw fail(isAuth ? 'auth' : 'http-status', detail, { status: res.status });
    }

    const contentType = (res.headers['content-type'] ?? '').toLowerCase();
    let decoded: DecodedBody;
    let responseType: ResponseType;
    const windows = sent.map((q) => ({ startMs: q.startMs, endMs: q.endMs }));
    if (contentType.startsWith('application/x-streamed-protobuf')) {
      if (!/proto=prometheus\.chunkedreadresponse/.test(contentType)) {
        throw fail('content-type', `unexpected streamed message type in "${contentType}"`);
      }
      responseType = 'STREAMED_XOR_CHUNKS';
      const onSeries = opts.onSeries;
      decoded = await readStreamedBody(res.body, windows, budget, () => progress(), deadline.signal, onSeries && ((k, s) => onSeries(sentIndex[k], s)), opts.waitForRoom);
    } else if (contentType.startsWith(CONTENT_TYPE_PROTOBUF)) {
      responseType = 'SAMPLES';
      decoded = await readSamplesBody(res.body, budget, () => progress(), deadline.signal);
      if (decoded.results.length > sent.length) {
        throw fail('decode', `response holds ${decoded.results.length} query results for ${sent.length} queries`);
      }
    } else {
      throw fail('content-type', `expected a protobuf response, got "${contentType || 'no content type'}"`);
    }

    decoded.results.forEach((series, k) => {
      if (opts.onSeries) for (const s of series) opts.onSeries(sentIndex[k], s);
      else results[sentIndex[k]] = series;
    });
    const warnings = decoded.warnings.map((w) => ({ ...w, queryIndex: sentIndex[w.queryIndex] ?? w.queryIndex }));
    progress(true);
    const durationMs = Date.now() - started;
    log(`remote read ${name}: ${responseType}, ${budget.series} series, ${budget.samples} samples, ${budget.bytes} bytes in ${durationMs} ms`);
    ok = true;
    return { endpoint: name, responseType, results, warnings, stats: { ...budget.snapshot(), durationMs, headersMs, decodeMs: decoded.decodeMs }, httpVersion: res.httpVersion };
  } catch (e) {
    const err = toRemoteReadError(e, { timedOut: deadline.timedOut(), cancelled: !!opts.signal?.aborted, timeoutMs, fail });
    log(`remote read ${name} failed: ${err.kind}: ${err.detail}`);
    throw err;
  } finally {
    deadline.dispose();
    // A complete, good answer leaves its keep-alive connection to the pool; after any failure it is closed.
    if (ok) res?.release();
    else res?.close();
  }
}

function toRemoteReadError(
  e: unknown,
  ctx: {
    timedOut: boolean;
    cancelled: boolean;
    timeoutMs: number;
    fail: (kind: RemoteReadErrorKind, detail: string, extra?: { status?: number; cause?: unknown; host?: string }) => RemoteReadError;
  },
): RemoteReadError {
  // The deadline and the caller's abort win over whatever the destroyed socket reported.
  const host = e instanceof TransportError ? e.host : undefined; // set when a redirect led elsewhere
  if (ctx.cancelled) return ctx.fail('cancelled', 'the read was cancelled', { host });
  if (ctx.timedOut) return ctx.fail('timeout', `no complete response within ${ctx.timeoutMs} ms`, { host });
  if (e instanceof RemoteReadError) return e;
  if (e instanceof DecodeError) return ctx.fail(e.kind, e.message);
  if (e instanceof TransportError) return ctx.fail(e.kind, e.message, { cause: e, host: e.host });
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code) return ctx.fail('connect', `connection error ${code}`, { cause: e });
  // Anything else is a bug in a decoder fed bad data; report it as a decode failure rather than crash the caller.
  return ctx.fail('decode', `unexpected response data (${(e as Error)?.name ?? 'error'})`, { cause: e });
}

async function readErrorBody(body: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of body) {
      parts.push(Buffer.from(chunk));
      n += chunk.length;
      if (n >= MAX_ERROR_BODY_BYTES) break;
    }
  } catch {
    // A broken error body is not worth a second error.
  }
  return Buffer.concat(parts)
    .subarray(0, MAX_ERROR_BODY_BYTES)
    .toString('utf8')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Secrets known from the configuration itself (file contents are added once read). */
export function collectConfigSecrets(cfg: EndpointConfig): SecretSet {
  const s = new SecretSet();
  try {
    const u = new URL(cfg.url);
    s.add(decodeURIComponent(u.password));
    s.add(u.password);
  } catch {
    // An invalid URL is reported without echoing it.
  }
  s.add(cfg.basicAuth?.password);
  s.add(cfg.authorization?.credentials);
  s.add(cfg.oauth2?.clientSecret);
  s.add(cfg.tlsConfig?.key);
  for (const v of Object.values(cfg.headers ?? {})) s.add(v);
  for (const vs of Object.values(cfg.proxyConnectHeader ?? {})) for (const v of vs) s.add(v);
  if (cfg.proxyUrl) {
    try {
      const p = new URL(cfg.proxyUrl);
      s.add(decodeURIComponent(p.password));
      s.add(p.password);
    } catch {
      // ignored, see above
    }
  }
  return s;
}

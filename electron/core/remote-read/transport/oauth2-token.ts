// OAuth 2.0 client-credentials tokens for remote_read's `oauth2` block, cached per (token URL, client, scopes)
// until shortly before expiry. Token and client secret are secrets: never logged, never in an error message.
import { createHash } from 'node:crypto';
import type { OAuth2Config } from '../endpoint-config';
import { exchange } from './http-exchange';
import { resolveProxy } from './proxy-resolver';
import { readSecretFile } from './read-secret-file';
import { resolveTlsOptions } from './tls-options';
import { TransportError } from './transport-error';

interface CachedToken {
  type: string;
  token: string;
  expiresAt: number;
}

const cache = new Map<string, CachedToken>();
/** Refresh this long before the stated expiry. */
const EXPIRY_SLACK_MS = 10_000;
const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

export interface OAuth2Token {
  type: string;
  token: string;
  /** Secrets involved, for redaction. */
  secrets: string[];
}

export async function oauth2Token(cfg: OAuth2Config, signal: AbortSignal, now = Date.now()): Promise<OAuth2Token> {
  const secret = cfg.clientSecret ?? (cfg.clientSecretFile ? await readSecretFile(cfg.clientSecretFile, 'oauth2 client_secret_file') : '');
  const key = createHash('sha256')
    .update(JSON.stringify([cfg.tokenUrl, cfg.clientId, secret, cfg.scopes ?? [], cfg.endpointParams ?? {}]))
    .digest('hex');
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now + EXPIRY_SLACK_MS) return { type: hit.type, token: hit.token, secrets: [secret, hit.token] };

  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (cfg.scopes?.length) form.set('scope', cfg.scopes.join(' '));
  for (const [k, v] of Object.entries(cfg.endpointParams ?? {})) form.set(k, v);
  const body = new TextEncoder().encode(form.toString());
  const basic = Buffer.from(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(secret)}`).toString('base64');
  let url: URL;
  try {
    url = new URL(cfg.tokenUrl);
  } catch {
    throw new TransportError('auth', 'oauth2 token_url is not a valid URL');
  }
  const tls = await resolveTlsOptions(cfg.tlsConfig);
  const res = await exchange(
    {
      url,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` },
      body,
    },
    {
      tls: tls.options,
      proxyFor: (t) => resolveProxy(t, { url: cfg.tokenUrl, proxyUrl: cfg.proxyUrl }),
      http2: false,
      followRedirects: true,
      signal,
    },
  );
  let text: string;
  try {
    let n = 0;
    const parts: Buffer[] = [];
    for await (const chunk of res.body) {
      n += chunk.length;
      if (n > MAX_TOKEN_RESPONSE_BYTES) throw new TransportError('auth', 'oauth2 token response too large');
      parts.push(Buffer.from(chunk));
    }
    text = Buffer.concat(parts).toString('utf8');
  } finally {
    res.close();
  }
  if (res.status !== 200) throw new TransportError('auth', `oauth2 token endpoint ${url.host} answered status ${res.status}`);
  let parsed: { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TransportError('auth', `oauth2 token endpoint ${url.host} did not return JSON`);
  }
  if (typeof parsed.access_token !== 'string' || !parsed.access_token) {
    throw new TransportError('auth', `oauth2 token endpoint ${url.host} returned no access_token`);
  }
  const expiresIn = Number(parsed.expires_in);
  const entry: CachedToken = {
    // Go's oauth2 package normalises "bearer" to "Bearer".
    type: typeof parsed.token_type === 'string' && parsed.token_type.toLowerCase() !== 'bearer' ? parsed.token_type : 'Bearer',
    token: parsed.access_token,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : Number.POSITIVE_INFINITY,
  };
  cache.set(key, entry);
  return { type: entry.type, token: entry.token, secrets: [secret, entry.token] };
}

/** For tests: forget every cached token. */
export function clearOAuth2TokenCache(): void {
  cache.clear();
}

// The transport flags shared by CLI commands that read from endpoints (--header, auth, TLS, proxy, timeout) and
// their mapping onto EndpointConfig. Secrets are only taken from files on the command line, never as values.
import type { EndpointConfig } from '@core/remote-read/endpoint-config';
import { UsageError } from './command';
import { parseDurationMs } from './time-arg';

/** Option specs for node:util parseArgs. */
export const TRANSPORT_OPTIONS = {
  header: { type: 'string', multiple: true },
  'basic-auth-user': { type: 'string' },
  'basic-auth-password-file': { type: 'string' },
  'bearer-token-file': { type: 'string' },
  'ca-file': { type: 'string' },
  'cert-file': { type: 'string' },
  'key-file': { type: 'string' },
  'server-name': { type: 'string' },
  'insecure-skip-verify': { type: 'boolean' },
  'proxy-url': { type: 'string' },
  'no-proxy': { type: 'string' },
  'proxy-from-environment': { type: 'boolean' },
  timeout: { type: 'string' },
  'no-http2': { type: 'boolean' },
} as const;

export const TRANSPORT_USAGE = `Transport flags (the remote_read config fields):
  --header "Name: value"          extra request header (repeatable)
  --basic-auth-user USER          basic auth user name
  --basic-auth-password-file F    basic auth password, read from file F at request time
  --bearer-token-file F           Authorization: Bearer token, read from file F at request time
  --ca-file F                     CA certificate(s) to trust (PEM)
  --cert-file F, --key-file F     client certificate and key (PEM)
  --server-name NAME              TLS server name to send and verify
  --insecure-skip-verify          do not verify the server certificate
  --proxy-url URL                 HTTP proxy (CONNECT for https targets)
  --no-proxy LIST                 hosts, domains or CIDRs that bypass the proxy
  --proxy-from-environment        use HTTP_PROXY / HTTPS_PROXY / NO_PROXY
  --timeout DURATION              per-request timeout, e.g. 30s or 2m (default 1m)
  --no-http2                      do not offer HTTP/2`;

export type TransportFlagValues = {
  header?: string[];
  'basic-auth-user'?: string;
  'basic-auth-password-file'?: string;
  'bearer-token-file'?: string;
  'ca-file'?: string;
  'cert-file'?: string;
  'key-file'?: string;
  'server-name'?: string;
  'insecure-skip-verify'?: boolean;
  'proxy-url'?: string;
  'no-proxy'?: string;
  'proxy-from-environment'?: boolean;
  timeout?: string;
  'no-http2'?: boolean;
};

/** Build the endpoint config for `url` from parsed transport flags. Throws UsageError on malformed values. */
export function endpointFromFlags(url: string, v: TransportFlagValues): EndpointConfig {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new UsageError('--endpoint must be an http:// or https:// URL');
  }
  const cfg: EndpointConfig = { url };
  if (v.header?.length) {
    cfg.headers = {};
    for (const h of v.header) {
      const i = h.indexOf(':');
      if (i <= 0) throw new UsageError(`--header must look like "Name: value"`);
      cfg.headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
    }
  }
  if (v['basic-auth-user'] !== undefined || v['basic-auth-password-file'] !== undefined) {
    cfg.basicAuth = { username: v['basic-auth-user'] ?? '', passwordFile: v['basic-auth-password-file'] };
  }
  if (v['bearer-token-file'] !== undefined) {
    if (cfg.basicAuth) throw new UsageError('use either basic auth or a bearer token, not both');
    cfg.authorization = { type: 'Bearer', credentialsFile: v['bearer-token-file'] };
  }
  const tls = {
    caFile: v['ca-file'],
    certFile: v['cert-file'],
    keyFile: v['key-file'],
    serverName: v['server-name'],
    insecureSkipVerify: v['insecure-skip-verify'],
  };
  if (!!tls.certFile !== !!tls.keyFile) throw new UsageError('--cert-file and --key-file must be given together');
  if (Object.values(tls).some((x) => x !== undefined)) cfg.tlsConfig = tls;
  if (v['proxy-url'] !== undefined) {
    try {
      new URL(v['proxy-url']);
    } catch {
      throw new UsageError('--proxy-url must be a URL like http://proxy:3128');
    }
    cfg.proxyUrl = v['proxy-url'];
  }
  if (v['no-proxy'] !== undefined) cfg.noProxy = v['no-proxy'];
  if (v['proxy-from-environment']) cfg.proxyFromEnvironment = true;
  if (v.timeout !== undefined) {
    const ms = parseDurationMs(v.timeout) ?? (/^\d+(\.\d+)?$/.test(v.timeout) ? Number(v.timeout) * 1000 : null);
    if (ms === null || ms <= 0) throw new UsageError(`--timeout "${v.timeout}" is not a duration like 30s or 2m`);
    cfg.remoteTimeoutMs = ms;
  }
  if (v['no-http2']) cfg.enableHttp2 = false;
  return cfg;
}

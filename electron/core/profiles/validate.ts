// Hand-written profile validation with field paths (`nodes[1].endpoint.url: must be an http(s) URL`) so the UI can
// put each message next to its field. Follows Prometheus's own config rules for the remote_read block; pure.
import { MERGE_STRATEGIES } from '@core/cluster/merge/types';
import type { EndpointConfig } from '@core/remote-read/endpoint-config';
import { MAX_MEMORY_BUDGET_BYTES, MIN_MEMORY_BUDGET_BYTES } from '@shared/api/query-types';
import type { ClusterProfile, FieldError } from './types';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TLS_VERSIONS = ['TLS10', 'TLS11', 'TLS12', 'TLS13'];
/** Headers Prometheus refuses in remote_read/remote_write `headers` (config.go reservedHeaders), plus Authorization. */
const RESERVED_HEADERS = new Set([
  'authorization',
  'host',
  'content-encoding',
  'content-length',
  'content-type',
  'user-agent',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'www-authenticate',
  'accept-encoding',
  'x-prometheus-remote-write-version',
  'x-prometheus-remote-read-version',
]);

export function validateProfile(p: ClusterProfile): FieldError[] {
  const errors: FieldError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  if (!p.id) err('id', 'must not be empty');
  if (!p.name?.trim()) err('name', 'must not be empty');
  else if (p.name.length > 200) err('name', 'must be at most 200 characters');
  if (p.replicaLabel !== undefined && p.replicaLabel !== '' && !LABEL_NAME.test(p.replicaLabel)) {
    err('replicaLabel', 'must be a label name (letters, digits, _; not starting with a digit)');
  }
  if (!MERGE_STRATEGIES.includes(p.mergeStrategy)) err('mergeStrategy', `must be one of ${MERGE_STRATEGIES.join(', ')}`);
  if (!Number.isInteger(p.timeoutMs) || p.timeoutMs < 100 || p.timeoutMs > 3_600_000) err('timeoutMs', 'must be a whole number of milliseconds from 100 to 3600000');
  if (p.queryTimeoutMs !== undefined && (!Number.isInteger(p.queryTimeoutMs) || p.queryTimeoutMs < 1000 || p.queryTimeoutMs > 3_600_000)) {
    err('queryTimeoutMs', 'must be a whole number of milliseconds from 1000 to 3600000');
  }
  if (p.maxMemoryBytes !== undefined && (!Number.isInteger(p.maxMemoryBytes) || p.maxMemoryBytes < MIN_MEMORY_BUDGET_BYTES || p.maxMemoryBytes > MAX_MEMORY_BUDGET_BYTES)) {
    err('maxMemoryBytes', 'must be a whole number of bytes from 1 MiB to 1 TiB');
  }
  if (p.partialPolicy !== 'partial' && p.partialPolicy !== 'strict') err('partialPolicy', 'must be partial or strict');
  if (p.compat !== undefined && p.compat !== 'prometheus3' && p.compat !== 'prometheus2') err('compat', 'must be prometheus3 or prometheus2');
  if (!Array.isArray(p.nodes) || p.nodes.length === 0) {
    err('nodes', 'add at least one node');
    return errors;
  }
  if (p.nodes.length > 64) err('nodes', 'at most 64 nodes');
  const ids = new Set<string>();
  const names = new Set<string>();
  p.nodes.forEach((n, i) => {
    const at = `nodes[${i}]`;
    if (!n.id) err(`${at}.id`, 'must not be empty');
    else if (ids.has(n.id)) err(`${at}.id`, 'duplicate node id');
    ids.add(n.id);
    if (!n.name?.trim()) err(`${at}.name`, 'must not be empty');
    else if (names.has(n.name.trim().toLowerCase())) err(`${at}.name`, `another node is already called ${JSON.stringify(n.name)}`);
    names.add(n.name?.trim().toLowerCase());
    validateEndpoint(n.endpoint, `${at}.endpoint`, err);
    if (n.queryApi) validateEndpoint(n.queryApi, `${at}.queryApi`, err);
    if (n.group !== undefined && (typeof n.group !== 'string' || n.group.length > 200)) err(`${at}.group`, 'must be a name of at most 200 characters');
  });
  (p.engines ?? []).forEach((e, i) => {
    const at = `engines[${i}]`;
    if (!e.id) err(`${at}.id`, 'must not be empty');
    else if (ids.has(e.id)) err(`${at}.id`, 'duplicate node id');
    ids.add(e.id);
    if (!e.name?.trim()) err(`${at}.name`, 'must not be empty');
    else if (names.has(e.name.trim().toLowerCase())) err(`${at}.name`, `another node is already called ${JSON.stringify(e.name)}`);
    names.add(e.name?.trim().toLowerCase());
    validateEndpoint(e.queryApi, `${at}.queryApi`, err);
  });
  return errors;
}

export function validateEndpoint(e: EndpointConfig, at: string, err: (path: string, message: string) => void): void {
  if (!e || typeof e !== 'object') return err(at, 'missing');
  const url = parseUrl(e.url);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) err(`${at}.url`, 'must start with http:// or https://');
  else if (url.username || url.password) err(`${at}.url`, 'must not contain user:password; use basic auth');
  if (e.remoteTimeoutMs !== undefined && (!Number.isInteger(e.remoteTimeoutMs) || e.remoteTimeoutMs <= 0)) {
    err(`${at}.remoteTimeoutMs`, 'must be a positive whole number of milliseconds');
  }
  const auths = [e.basicAuth && 'basic_auth', e.authorization && 'authorization', e.oauth2 && 'oauth2'].filter(Boolean);
  if (auths.length > 1) err(at, `at most one of basic_auth, authorization and oauth2 may be configured (found ${auths.join(', ')})`);
  if (e.basicAuth?.password !== undefined && e.basicAuth.passwordFile) err(`${at}.basicAuth.passwordFile`, 'set either password or password_file, not both');
  if (e.authorization) {
    if (e.authorization.credentials !== undefined && e.authorization.credentialsFile) {
      err(`${at}.authorization.credentialsFile`, 'set either credentials or credentials_file, not both');
    }
    if (e.authorization.type?.toLowerCase() === 'basic') err(`${at}.authorization.type`, 'use basic_auth instead of authorization type Basic');
  }
  if (e.oauth2) {
    if (!e.oauth2.clientId) err(`${at}.oauth2.clientId`, 'must not be empty');
    const t = parseUrl(e.oauth2.tokenUrl);
    if (!t || (t.protocol !== 'http:' && t.protocol !== 'https:')) err(`${at}.oauth2.tokenUrl`, 'must be an http(s) URL');
    if (e.oauth2.clientSecret !== undefined && e.oauth2.clientSecretFile) err(`${at}.oauth2.clientSecretFile`, 'set either client_secret or client_secret_file, not both');
  }
  const tls = e.tlsConfig;
  if (tls) {
    if (tls.ca && tls.caFile) err(`${at}.tlsConfig.caFile`, 'set either ca or ca_file, not both');
    if (tls.cert && tls.certFile) err(`${at}.tlsConfig.certFile`, 'set either cert or cert_file, not both');
    if (tls.key && tls.keyFile) err(`${at}.tlsConfig.keyFile`, 'set either key or key_file, not both');
    const hasCert = !!(tls.cert || tls.certFile);
    const hasKey = !!(tls.key || tls.keyFile);
    if (hasCert !== hasKey) err(`${at}.tlsConfig.${hasCert ? 'key' : 'cert'}`, 'client certificate and key must be configured together');
    if (tls.minVersion !== undefined && !TLS_VERSIONS.includes(tls.minVersion)) err(`${at}.tlsConfig.minVersion`, `must be one of ${TLS_VERSIONS.join(', ')}`);
  }
  if (e.proxyUrl !== undefined && e.proxyUrl !== '') {
    const p = parseUrl(e.proxyUrl);
    if (!p || !['http:', 'https:', 'socks5:'].includes(p.protocol)) err(`${at}.proxyUrl`, 'must be an http, https or socks5 URL');
    if (e.proxyFromEnvironment) err(`${at}.proxyFromEnvironment`, 'cannot be combined with proxy_url');
  } else {
    if (e.noProxy) err(`${at}.noProxy`, 'needs proxy_url');
    if (e.proxyConnectHeader && Object.keys(e.proxyConnectHeader).length && !e.proxyFromEnvironment) {
      err(`${at}.proxyConnectHeader`, 'needs proxy_url or proxy_from_environment');
    }
  }
  for (const name of Object.keys(e.headers ?? {})) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) err(`${at}.headers.${name}`, 'is not a valid HTTP header name');
    else if (RESERVED_HEADERS.has(name.toLowerCase())) {
      err(`${at}.headers.${name}`, name.toLowerCase() === 'authorization' ? 'set it with basic_auth, authorization or oauth2' : 'is set by the client and cannot be overridden');
    }
  }
  for (const name of Object.keys(e.requiredMatchers ?? {})) {
    if (!LABEL_NAME.test(name)) err(`${at}.requiredMatchers.${name}`, 'is not a valid label name');
  }
  const types = e.acceptedResponseTypes;
  if (types !== undefined) {
    if (types.length === 0) err(`${at}.acceptedResponseTypes`, 'must list at least one response type');
    if (types.some((t) => t !== 'SAMPLES' && t !== 'STREAMED_XOR_CHUNKS')) err(`${at}.acceptedResponseTypes`, 'must contain only SAMPLES and STREAMED_XOR_CHUNKS');
    if (new Set(types).size !== types.length) err(`${at}.acceptedResponseTypes`, 'must not repeat a response type');
  }
}

function parseUrl(s: unknown): URL | null {
  if (typeof s !== 'string' || !s) return null;
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

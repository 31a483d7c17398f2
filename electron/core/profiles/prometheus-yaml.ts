// prometheus.yml ↔ cluster profile: each `remote_read` entry becomes one node (field names as Prometheus spells
// them), and a profile is written back as a `remote_read` section. *_file references stay file references; inline
// secrets are written only with { includeSecrets: true }, otherwise left out with a comment saying so.
import { Document, isMap, parseDocument, type YAMLMap } from 'yaml';
import type { EndpointConfig, TlsVersion } from '@core/remote-read/endpoint-config';
import { DurationError, formatPromDuration, parsePromDuration } from './duration';
import { invalidProfile, type ClusterProfile, type FieldError, type ProfileNode } from './types';

export interface ImportOptions {
  /** Profile name. */
  name: string;
  newId: () => string;
}

export interface ImportResult {
  profile: ClusterProfile;
  /** Keys we do not map (sigv4, azuread, …): said once each, never silently dropped. */
  warnings: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const KNOWN_KEYS = new Set([
  'url',
  'name',
  'remote_timeout',
  'headers',
  'read_recent',
  'required_matchers',
  'filter_external_labels',
  'basic_auth',
  'authorization',
  'oauth2',
  'tls_config',
  'proxy_url',
  'no_proxy',
  'proxy_from_environment',
  'proxy_connect_header',
  'follow_redirects',
  'enable_http2',
  'bearer_token',
  'bearer_token_file',
]);

/** Default node name: host:port of the URL (what Prometheus shows for an unnamed endpoint). */
export function defaultNodeName(url: string): string {
  try {
    const u = new URL(url);
    return u.port ? `${u.hostname}:${u.port}` : u.hostname;
  } catch {
    return url;
  }
}

export function importPrometheusYaml(text: string, opts: ImportOptions): ImportResult {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) throw invalidProfile([{ path: 'yaml', message: doc.errors[0].message.split('\n')[0] }]);
  const root: unknown = doc.toJS();
  const entries = isObj(root) ? root.remote_read : undefined;
  if (!Array.isArray(entries) || entries.length === 0) throw invalidProfile([{ path: 'remote_read', message: 'the file has no remote_read entries' }]);
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const nodes: ProfileNode[] = entries.map((raw, i) => {
    const at = `remote_read[${i}]`;
    if (!isObj(raw)) {
      errors.push({ path: at, message: 'must be a mapping' });
      return { id: opts.newId(), name: `node ${i + 1}`, endpoint: { url: '' } };
    }
    for (const k of Object.keys(raw)) if (!KNOWN_KEYS.has(k)) warnings.push(`${at}.${k}: not supported, ignored`);
    const endpoint = readEndpoint(raw, at, errors);
    const node: ProfileNode = { id: opts.newId(), name: endpoint.name ?? defaultNodeName(endpoint.url), endpoint };
    if (typeof raw.read_recent === 'boolean') node.readRecent = raw.read_recent;
    return node;
  });
  if (errors.length) throw invalidProfile(errors);
  return {
    profile: { id: opts.newId(), name: opts.name, nodes, mergeStrategy: 'union', timeoutMs: 60_000, partialPolicy: 'partial', compat: 'prometheus3' },
    warnings,
  };
}

function readEndpoint(r: Obj, at: string, errors: FieldError[]): EndpointConfig {
  const str = (v: unknown, path: string): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') errors.push({ path, message: 'must be a string' });
    return typeof v === 'string' ? v : undefined;
  };
  const bool = (v: unknown, path: string): boolean | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') errors.push({ path, message: 'must be true or false' });
    return typeof v === 'boolean' ? v : undefined;
  };
  const strMap = (v: unknown, path: string): Record<string, string> | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!isObj(v)) {
      errors.push({ path, message: 'must be a mapping of strings' });
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : String(x);
    return out;
  };
  const url = str(r.url, `${at}.url`);
  if (!url) errors.push({ path: `${at}.url`, message: 'is required' });
  const e: EndpointConfig = { url: url ?? '' };
  const set = <K extends keyof EndpointConfig>(k: K, v: EndpointConfig[K] | undefined) => {
    if (v !== undefined) e[k] = v;
  };
  set('name', str(r.name, `${at}.name`));
  if (r.remote_timeout !== undefined) {
    try {
      e.remoteTimeoutMs = parsePromDuration(String(r.remote_timeout));
    } catch (err) {
      if (!(err instanceof DurationError)) throw err;
      errors.push({ path: `${at}.remote_timeout`, message: 'must be a Prometheus duration such as 1m or 30s' });
    }
  }
  set('headers', strMap(r.headers, `${at}.headers`));
  set('requiredMatchers', strMap(r.required_matchers, `${at}.required_matchers`));
  set('filterExternalLabels', bool(r.filter_external_labels, `${at}.filter_external_labels`));
  if (isObj(r.basic_auth)) {
    const b = r.basic_auth;
    e.basicAuth = compact({
      username: str(b.username, `${at}.basic_auth.username`),
      password: str(b.password, `${at}.basic_auth.password`),
      passwordFile: str(b.password_file, `${at}.basic_auth.password_file`),
    });
  }
  if (isObj(r.authorization)) {
    const a = r.authorization;
    e.authorization = compact({
      type: str(a.type, `${at}.authorization.type`),
      credentials: str(a.credentials, `${at}.authorization.credentials`),
      credentialsFile: str(a.credentials_file, `${at}.authorization.credentials_file`),
    });
  } else if (r.bearer_token !== undefined || r.bearer_token_file !== undefined) {
    // Prometheus 2 spelling of the same thing.
    e.authorization = compact({
      type: 'Bearer',
      credentials: str(r.bearer_token, `${at}.bearer_token`),
      credentialsFile: str(r.bearer_token_file, `${at}.bearer_token_file`),
    });
  }
  if (isObj(r.oauth2)) {
    const o = r.oauth2;
    const scopes = Array.isArray(o.scopes) ? o.scopes.map(String) : undefined;
    e.oauth2 = {
      clientId: str(o.client_id, `${at}.oauth2.client_id`) ?? '',
      tokenUrl: str(o.token_url, `${at}.oauth2.token_url`) ?? '',
      ...compact({
        clientSecret: str(o.client_secret, `${at}.oauth2.client_secret`),
        clientSecretFile: str(o.client_secret_file, `${at}.oauth2.client_secret_file`),
      }),
      ...(scopes ? { scopes } : {}),
      ...(isObj(o.endpoint_params) ? { endpointParams: strMap(o.endpoint_params, `${at}.oauth2.endpoint_params`) } : {}),
    };
  }
  if (isObj(r.tls_config)) {
    const t = r.tls_config;
    e.tlsConfig = compact({
      ca: str(t.ca, `${at}.tls_config.ca`),
      caFile: str(t.ca_file, `${at}.tls_config.ca_file`),
      cert: str(t.cert, `${at}.tls_config.cert`),
      certFile: str(t.cert_file, `${at}.tls_config.cert_file`),
      key: str(t.key, `${at}.tls_config.key`),
      keyFile: str(t.key_file, `${at}.tls_config.key_file`),
      serverName: str(t.server_name, `${at}.tls_config.server_name`),
      insecureSkipVerify: bool(t.insecure_skip_verify, `${at}.tls_config.insecure_skip_verify`),
      minVersion: str(t.min_version, `${at}.tls_config.min_version`) as TlsVersion | undefined,
    });
  }
  set('proxyUrl', str(r.proxy_url, `${at}.proxy_url`));
  set('noProxy', str(r.no_proxy, `${at}.no_proxy`));
  set('proxyFromEnvironment', bool(r.proxy_from_environment, `${at}.proxy_from_environment`));
  if (isObj(r.proxy_connect_header)) {
    e.proxyConnectHeader = Object.fromEntries(
      Object.entries(r.proxy_connect_header).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [String(v)]]),
    );
  }
  set('followRedirects', bool(r.follow_redirects, `${at}.follow_redirects`));
  set('enableHttp2', bool(r.enable_http2, `${at}.enable_http2`));
  return e;
}

function compact<T extends object>(o: T): T {
  const out = {} as T;
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export interface ExportOptions {
  /** Write inline secret values (passwords, tokens, private keys, header values). Default false. */
  includeSecrets?: boolean;
}

/** A prometheus.yml fragment with one remote_read entry per node. */
export function exportPrometheusYaml(profile: ClusterProfile, opts: ExportOptions = {}): string {
  const withSecrets = opts.includeSecrets === true;
  const omitted: string[][] = [];
  const entries = profile.nodes.map((n) => {
    const { entry, left } = writeEndpoint(n, withSecrets);
    omitted.push(left);
    return entry;
  });
  const doc = new Document({ remote_read: entries });
  doc.commentBefore = ` remote_read section of rrx profile ${JSON.stringify(profile.name)}${withSecrets ? ' (contains secrets)' : ''}`;
  omitted.forEach((left, i) => {
    if (!left.length) return;
    const node = doc.getIn(['remote_read', i], true);
    if (isMap(node)) {
      (node as YAMLMap).commentBefore = ` secret values left out: ${left.join(', ')} (use the *_file fields, or export with secrets)`;
    }
  });
  return doc.toString({ lineWidth: 0 });
}

function writeEndpoint(n: ProfileNode, withSecrets: boolean): { entry: Obj; left: string[] } {
  const e = n.endpoint;
  const left: string[] = [];
  const secret = (path: string, v: string | undefined): string | undefined => {
    if (v === undefined) return undefined;
    if (withSecrets) return v;
    left.push(path);
    return undefined;
  };
  const entry: Obj = { url: e.url };
  const name = e.name ?? (n.name !== defaultNodeName(e.url) ? n.name : undefined);
  if (name !== undefined) entry.name = name;
  if (e.remoteTimeoutMs !== undefined) entry.remote_timeout = formatPromDuration(e.remoteTimeoutMs);
  if (e.headers && Object.keys(e.headers).length) {
    if (withSecrets) entry.headers = { ...e.headers };
    else left.push(`headers (${Object.keys(e.headers).join(', ')})`);
  }
  if (n.readRecent !== undefined) entry.read_recent = n.readRecent;
  if (e.requiredMatchers) entry.required_matchers = { ...e.requiredMatchers };
  if (e.filterExternalLabels !== undefined) entry.filter_external_labels = e.filterExternalLabels;
  if (e.basicAuth) {
    entry.basic_auth = compact({
      username: e.basicAuth.username,
      password: secret('basic_auth.password', e.basicAuth.password),
      password_file: e.basicAuth.passwordFile,
    });
  }
  if (e.authorization) {
    entry.authorization = compact({
      type: e.authorization.type,
      credentials: secret('authorization.credentials', e.authorization.credentials),
      credentials_file: e.authorization.credentialsFile,
    });
  }
  if (e.oauth2) {
    const o = e.oauth2;
    entry.oauth2 = compact({
      client_id: o.clientId,
      client_secret: secret('oauth2.client_secret', o.clientSecret),
      client_secret_file: o.clientSecretFile,
      token_url: o.tokenUrl,
      scopes: o.scopes ? [...o.scopes] : undefined,
      endpoint_params: o.endpointParams ? { ...o.endpointParams } : undefined,
    });
  }
  if (e.tlsConfig) {
    const t = e.tlsConfig;
    entry.tls_config = compact({
      ca: t.ca,
      ca_file: t.caFile,
      cert: t.cert,
      cert_file: t.certFile,
      key: secret('tls_config.key', t.key),
      key_file: t.keyFile,
      server_name: t.serverName,
      insecure_skip_verify: t.insecureSkipVerify,
      min_version: t.minVersion,
    });
  }
  if (e.proxyUrl !== undefined) {
    const m = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@(.*)$/i.exec(e.proxyUrl);
    if (m && !withSecrets) {
      entry.proxy_url = m[1] + m[3];
      left.push('proxy_url user:password');
    } else entry.proxy_url = e.proxyUrl;
  }
  if (e.noProxy !== undefined) entry.no_proxy = e.noProxy;
  if (e.proxyFromEnvironment !== undefined) entry.proxy_from_environment = e.proxyFromEnvironment;
  if (e.proxyConnectHeader && Object.keys(e.proxyConnectHeader).length) {
    if (withSecrets) entry.proxy_connect_header = Object.fromEntries(Object.entries(e.proxyConnectHeader).map(([k, v]) => [k, [...v]]));
    else left.push(`proxy_connect_header (${Object.keys(e.proxyConnectHeader).join(', ')})`);
  }
  if (e.followRedirects !== undefined) entry.follow_redirects = e.followRedirects;
  if (e.enableHttp2 !== undefined) entry.enable_http2 = e.enableHttp2;
  return { entry, left };
}

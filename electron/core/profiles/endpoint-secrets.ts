// Splitting an EndpointConfig into what may be written to disk (secrets replaced by references) and the secret
// values, and joining them back. The one place that knows which fields are secret.
//
// Secret: basic_auth.password, authorization.credentials, oauth2.client_secret, tls_config.key (private key PEM),
// every header value, every proxy_connect_header value, and user:password inside proxy_url. Not secret: CA and
// certificate PEM, all *_file paths (the files are read at request time, as Prometheus does).
import type { EndpointConfig } from '@core/remote-read/endpoint-config';
import type { SecretRef, StoredEndpoint } from './types';

export type SecretField =
  | 'basicAuth.password'
  | 'authorization.credentials'
  | 'oauth2.clientSecret'
  | 'tlsConfig.key'
  | 'proxyUrl.userinfo'
  | `headers/${string}`
  | `proxyConnectHeader/${string}`;

export function nodeSecretPrefix(profileId: string, nodeId: string): string {
  return `profile/${profileId}/node/${nodeId}/`;
}

/** Secrets of a node's query API live below its node's prefix. */
export function queryApiSecretPrefix(profileId: string, nodeId: string): string {
  return `${nodeSecretPrefix(profileId, nodeId)}queryApi/`;
}

export function engineSecretPrefix(profileId: string, engineId: string): string {
  return `profile/${profileId}/engine/${engineId}/`;
}

export function headerField(name: string): SecretField {
  return `headers/${encodeURIComponent(name)}`;
}

export function proxyConnectHeaderField(name: string): SecretField {
  return `proxyConnectHeader/${encodeURIComponent(name)}`;
}

/** Proxy URL without user:password, and the userinfo (percent-encoded, as in the URL) if there was any. */
export function splitProxyUserinfo(url: string): { url: string; userinfo?: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@(.*)$/i.exec(url);
  return m ? { url: m[1] + m[3], userinfo: m[2] } : { url };
}

export function joinProxyUserinfo(url: string, userinfo: string | undefined): string {
  if (!userinfo) return url;
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/i.exec(url);
  return m ? `${m[1]}${userinfo}@${m[2]}` : url;
}

/** Stored form + secrets map (ref → value). `prefix` comes from nodeSecretPrefix. */
export function splitEndpointSecrets(e: EndpointConfig, prefix: string): { stored: StoredEndpoint; secrets: Map<string, string> } {
  const secrets = new Map<string, string>();
  const ref = (field: SecretField, value: string): SecretRef => {
    const r = prefix + field;
    secrets.set(r, value);
    return { secretRef: r };
  };
  const { basicAuth, authorization, oauth2, tlsConfig, headers, proxyConnectHeader, proxyUrl, ...plain } = e;
  const stored: StoredEndpoint = { ...plain };
  if (basicAuth) {
    const { password, ...rest } = basicAuth;
    stored.basicAuth = password !== undefined ? { ...rest, password: ref('basicAuth.password', password) } : { ...rest };
  }
  if (authorization) {
    const { credentials, ...rest } = authorization;
    stored.authorization = credentials !== undefined ? { ...rest, credentials: ref('authorization.credentials', credentials) } : { ...rest };
  }
  if (oauth2) {
    const { clientSecret, ...rest } = oauth2;
    stored.oauth2 = clientSecret !== undefined ? { ...rest, clientSecret: ref('oauth2.clientSecret', clientSecret) } : { ...rest };
  }
  if (tlsConfig) {
    const { key, ...rest } = tlsConfig;
    stored.tlsConfig = key !== undefined ? { ...rest, key: ref('tlsConfig.key', key) } : { ...rest };
  }
  if (headers) stored.headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, ref(headerField(k), v)]));
  if (proxyConnectHeader) {
    stored.proxyConnectHeader = Object.fromEntries(
      Object.entries(proxyConnectHeader).map(([k, v]) => [k, ref(proxyConnectHeaderField(k), JSON.stringify(v))]),
    );
  }
  if (proxyUrl !== undefined) {
    const p = splitProxyUserinfo(proxyUrl);
    stored.proxyUrl = p.url;
    if (p.userinfo !== undefined) stored.proxyUrlUserinfo = ref('proxyUrl.userinfo', p.userinfo);
  }
  return { stored, secrets };
}

/** Every reference a stored endpoint holds. */
export function endpointSecretRefs(s: StoredEndpoint): string[] {
  const refs: string[] = [];
  const add = (r: SecretRef | undefined) => r && refs.push(r.secretRef);
  add(s.basicAuth?.password);
  add(s.authorization?.credentials);
  add(s.oauth2?.clientSecret);
  add(s.tlsConfig?.key);
  add(s.proxyUrlUserinfo);
  for (const r of Object.values(s.headers ?? {})) add(r);
  for (const r of Object.values(s.proxyConnectHeader ?? {})) add(r);
  return refs;
}

/**
 * Back to a full EndpointConfig. A reference the store cannot resolve leaves the field unset and is listed in
 * `missing` (e.g. a non-persistent store after a restart), so the caller can tell the user to enter it again.
 */
export function joinEndpointSecrets(s: StoredEndpoint, values: ReadonlyMap<string, string>): { endpoint: EndpointConfig; missing: string[] } {
  const missing: string[] = [];
  const val = (r: SecretRef | undefined): string | undefined => {
    if (!r) return undefined;
    const v = values.get(r.secretRef);
    if (v === undefined) missing.push(r.secretRef);
    return v;
  };
  const { basicAuth, authorization, oauth2, tlsConfig, headers, proxyConnectHeader, proxyUrlUserinfo, proxyUrl, ...plain } = s;
  const e: EndpointConfig = { ...plain };
  if (basicAuth) {
    const { password, ...rest } = basicAuth;
    e.basicAuth = withDefined(rest, 'password', val(password));
  }
  if (authorization) {
    const { credentials, ...rest } = authorization;
    e.authorization = withDefined(rest, 'credentials', val(credentials));
  }
  if (oauth2) {
    const { clientSecret, ...rest } = oauth2;
    e.oauth2 = withDefined(rest, 'clientSecret', val(clientSecret));
  }
  if (tlsConfig) {
    const { key, ...rest } = tlsConfig;
    e.tlsConfig = withDefined(rest, 'key', val(key));
  }
  if (headers) {
    const h: Record<string, string> = {};
    for (const [k, r] of Object.entries(headers)) {
      const v = val(r);
      if (v !== undefined) h[k] = v;
    }
    e.headers = h;
  }
  if (proxyConnectHeader) {
    const h: Record<string, string[]> = {};
    for (const [k, r] of Object.entries(proxyConnectHeader)) {
      const v = val(r);
      if (v !== undefined) h[k] = JSON.parse(v) as string[];
    }
    e.proxyConnectHeader = h;
  }
  if (proxyUrl !== undefined) e.proxyUrl = joinProxyUserinfo(proxyUrl, val(proxyUrlUserinfo));
  return { endpoint: e, missing };
}

function withDefined<T extends object, K extends string>(base: T, key: K, value: string | undefined): T & Partial<Record<K, string>> {
  return value === undefined ? { ...base } : ({ ...base, [key]: value } as T & Partial<Record<K, string>>);
}

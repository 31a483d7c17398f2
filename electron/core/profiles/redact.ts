// The renderer's view of a profile: every public field, and for each secret only whether it is set. Never copies a
// secret value (password, credentials, client secret, private key, header values, proxy userinfo) into the view.
import type { EndpointView, ProfileView, QueryApiView } from '@shared/api/profile-types';
import type { QueryApiConfig } from '@core/engine-node/types';
import type { EndpointConfig } from '@core/remote-read/endpoint-config';
import { splitProxyUserinfo } from './endpoint-secrets';
import type { ClusterProfile } from './types';

export function redactEndpoint(e: EndpointConfig): EndpointView {
  const view: EndpointView = {
    url: e.url,
    secrets: {
      basicAuthPassword: { set: !!e.basicAuth?.password },
      authorizationCredentials: { set: !!e.authorization?.credentials },
      oauth2ClientSecret: { set: !!e.oauth2?.clientSecret },
      tlsKey: { set: !!e.tlsConfig?.key },
      headers: { set: Object.keys(e.headers ?? {}).length > 0 },
      proxyUrlUserinfo: { set: e.proxyUrl !== undefined && splitProxyUserinfo(e.proxyUrl).userinfo !== undefined },
    },
  };
  if (e.name !== undefined) view.name = e.name;
  if (e.remoteTimeoutMs !== undefined) view.remoteTimeoutMs = e.remoteTimeoutMs;
  if (e.headers) view.headerNames = Object.keys(e.headers);
  if (e.basicAuth) view.basicAuth = pick(e.basicAuth, ['username', 'passwordFile']);
  if (e.authorization) view.authorization = pick(e.authorization, ['type', 'credentialsFile']);
  if (e.oauth2) {
    const { clientSecret: _secret, ...rest } = e.oauth2;
    view.oauth2 = rest;
  }
  if (e.tlsConfig) {
    const { key: _key, ...rest } = e.tlsConfig;
    view.tlsConfig = rest; // CA and certificate PEM are public; the private key is not
  }
  if (e.proxyUrl !== undefined) view.proxyUrl = splitProxyUserinfo(e.proxyUrl).url;
  for (const k of ['noProxy', 'proxyFromEnvironment', 'followRedirects', 'enableHttp2', 'requiredMatchers', 'filterExternalLabels', 'acceptedResponseTypes'] as const) {
    if (e[k] !== undefined) (view as unknown as Record<string, unknown>)[k] = e[k];
  }
  return view;
}

/** A query API's view: the endpoint's, plus its (non-secret) engine options. */
export function redactQueryApi(e: QueryApiConfig): QueryApiView {
  const { engine, ...endpoint } = e;
  const view: QueryApiView = redactEndpoint(endpoint);
  if (engine) view.engine = { ...engine, ...(engine.replicaLabels ? { replicaLabels: [...engine.replicaLabels] } : {}) };
  return view;
}

export function redactProfile(p: ClusterProfile): ProfileView {
  const view: ProfileView = {
    id: p.id,
    name: p.name,
    nodes: p.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      endpoint: redactEndpoint(n.endpoint),
      ...(n.queryApi ? { queryApi: redactQueryApi(n.queryApi) } : {}),
      ...(n.group ? { group: n.group } : {}),
    })),
    mergeStrategy: p.mergeStrategy,
    timeoutMs: p.timeoutMs,
    partialPolicy: p.partialPolicy,
    compat: p.compat ?? 'prometheus3',
  };
  if (p.replicaLabel !== undefined) view.replicaLabel = p.replicaLabel;
  if (p.queryTimeoutMs !== undefined) view.queryTimeoutMs = p.queryTimeoutMs;
  if (p.maxMemoryBytes !== undefined) view.maxMemoryBytes = p.maxMemoryBytes;
  if (p.demo) view.demo = true;
  if (p.engines?.length) view.engines = p.engines.map((e) => ({ id: e.id, name: e.name, queryApi: redactQueryApi(e.queryApi) }));
  return view;
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

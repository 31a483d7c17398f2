// Turns what the renderer sends (public fields + one-way secret patches) into a full profile, given the stored one.
// Secret values only ever flow in here (renderer → main); `keep` takes the stored value, `clear` drops it.
import type { EndpointInput, ProfileInput, QueryApiInput, SecretPatch } from '@shared/api/profile-types';
import type { QueryApiConfig } from '@core/engine-node/types';
import type { EndpointConfig } from '@core/remote-read/endpoint-config';
import { normalizeReadUrl } from '@shared/api/read-url';
import { joinProxyUserinfo, splitProxyUserinfo } from './endpoint-secrets';
import type { ClusterProfile, FieldError } from './types';

/**
 * The full profile `input` describes. `existing` is the stored profile with secrets joined (undefined when
 * creating). Nodes are matched by id; a node without id (or with an unknown one) is new and gets `newId()`.
 */
export function applyProfileInput(
  input: ProfileInput,
  existing: ClusterProfile | undefined,
  newId: () => string,
): { profile: ClusterProfile; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const before = new Map((existing?.nodes ?? []).map((n) => [n.id, n]));
  const nodes = input.nodes.map((n, i) => {
    const old = n.id ? before.get(n.id) : undefined;
    // A base URL ("http://prom-a:9090", "prom-a:9090") means its remote_read endpoint, as the form shows it.
    const endpoint = applyEndpointInput({ ...n.endpoint, url: normalizeReadUrl(n.endpoint.url) }, old?.endpoint, `nodes[${i}].endpoint`, errors);
    return {
      id: old ? old.id : newId(),
      name: n.name,
      endpoint,
      // A query API added to a node "keeps" the secrets of the node's endpoint (same server, same credentials).
      ...(n.queryApi?.url ? { queryApi: applyQueryApiInput(n.queryApi, old?.queryApi ?? endpoint, `nodes[${i}].queryApi`, errors) } : {}),
      ...(n.group?.trim() ? { group: n.group.trim() } : {}),
    };
  });
  const enginesBefore = new Map((existing?.engines ?? []).map((e) => [e.id, e]));
  const engines = (input.engines ?? []).map((e, i) => {
    const old = e.id ? enginesBefore.get(e.id) : undefined;
    return { id: old ? old.id : newId(), name: e.name, queryApi: applyQueryApiInput(e.queryApi, old?.queryApi, `engines[${i}].queryApi`, errors) };
  });
  const profile: ClusterProfile = {
    id: existing?.id ?? newId(),
    name: input.name,
    nodes,
    mergeStrategy: input.mergeStrategy,
    timeoutMs: input.timeoutMs,
    partialPolicy: input.partialPolicy,
    compat: input.compat,
  };
  if (input.replicaLabel) profile.replicaLabel = input.replicaLabel;
  if (input.engines !== undefined || existing?.engines !== undefined) profile.engines = engines;
  if (input.queryTimeoutMs !== undefined) profile.queryTimeoutMs = input.queryTimeoutMs;
  if (input.maxMemoryBytes !== undefined) profile.maxMemoryBytes = input.maxMemoryBytes;
  if (existing?.demo) profile.demo = true;
  return { profile, errors };
}

function patched(patch: SecretPatch | undefined, old: string | undefined): string | undefined {
  if (!patch || patch.action === 'keep') return old;
  return patch.action === 'set' ? patch.value : undefined;
}

function applyQueryApiInput(input: QueryApiInput, old: QueryApiConfig | undefined, at: string, errors: FieldError[]): QueryApiConfig {
  const { engine, ...endpoint } = input;
  const e: QueryApiConfig = applyEndpointInput(endpoint, old, at, errors);
  if (engine && Object.values(engine).some((v) => v !== undefined)) e.engine = { ...engine };
  return e;
}

export function applyEndpointInput(input: EndpointInput, old: EndpointConfig | undefined, at: string, errors: FieldError[]): EndpointConfig {
  const { secrets, headerNames, basicAuth, authorization, oauth2, tlsConfig, proxyUrl, ...plain } = input;
  const e: EndpointConfig = { ...plain };
  const password = patched(secrets?.basicAuthPassword, old?.basicAuth?.password);
  if (basicAuth || password !== undefined) e.basicAuth = { ...basicAuth, ...(password !== undefined ? { password } : {}) };
  const credentials = patched(secrets?.authorizationCredentials, old?.authorization?.credentials);
  if (authorization || credentials !== undefined) e.authorization = { ...authorization, ...(credentials !== undefined ? { credentials } : {}) };
  const clientSecret = patched(secrets?.oauth2ClientSecret, old?.oauth2?.clientSecret);
  if (oauth2) e.oauth2 = { ...oauth2, ...(clientSecret !== undefined ? { clientSecret } : {}) };
  const key = patched(secrets?.tlsKey, old?.tlsConfig?.key);
  if (tlsConfig || key !== undefined) e.tlsConfig = { ...tlsConfig, ...(key !== undefined ? { key } : {}) };

  const hp = secrets?.headers;
  if (hp?.action === 'set') {
    if (Object.keys(hp.value).length) e.headers = { ...hp.value };
  } else if (hp?.action !== 'clear' && headerNames?.length) {
    // keep: stored values for the names still listed; a newly listed name has no value yet.
    const h: Record<string, string> = {};
    for (const name of headerNames) {
      const v = old?.headers?.[name];
      if (v === undefined) errors.push({ path: `${at}.headers.${name}`, message: 'enter a value for this header' });
      else h[name] = v;
    }
    e.headers = h;
  }

  if (proxyUrl) {
    // user:password typed into the URL replaces the stored userinfo; an unchanged URL keeps it.
    const typed = splitProxyUserinfo(proxyUrl);
    const stored = old?.proxyUrl !== undefined ? splitProxyUserinfo(old.proxyUrl) : undefined;
    e.proxyUrl = typed.userinfo !== undefined ? proxyUrl : joinProxyUserinfo(typed.url, stored?.url === typed.url ? stored.userinfo : undefined);
  }
  // proxy_connect_header is not editable in the UI (not in the contract): carried over unchanged.
  if (old?.proxyConnectHeader && (e.proxyUrl || e.proxyFromEnvironment)) e.proxyConnectHeader = old.proxyConnectHeader;
  return e;
}

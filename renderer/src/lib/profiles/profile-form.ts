// The profile editor's form model and its mapping to/from the contract: ProfileView (redacted) → form,
// form → ProfileInput with one-way SecretPatch values. Every text box is a string here; parsing and local validation
// happen once, in toProfileInput, with error keys that use the same dotted paths the app's validation answers with.
import { normalizeReadUrl, readUrlProblem } from '@shared/api/read-url';
import type {
  Compat,
  EndpointInput,
  EndpointView,
  EngineInput,
  EngineOptionsFields,
  EngineView,
  MergeStrategy,
  NodeInput,
  PartialPolicy,
  ProfileInput,
  ProfileView,
  QueryApiInput,
  QueryApiView,
  SecretPatch,
  TlsVersionName,
} from '@shared/api/profile-types';
import { formatDuration, parseDuration } from '../time-range';
import { MAX_MEMORY_BUDGET_BYTES, MIN_MEMORY_BUDGET_BYTES } from '@shared/api/query-types';
import { formatMemorySize, parseMemorySize } from './memory-size';

export type SecretMode = 'keep' | 'set' | 'clear';
/** Write-only field: whether the app holds a value, and what the user wants done with it. */
export interface SecretField {
  isSet: boolean;
  mode: SecretMode;
  value: string;
}
/** '' = not configured (the transport's default applies). */
export type TriState = '' | 'true' | 'false';
export type ResponseTypesChoice = '' | 'STREAMED_XOR_CHUNKS,SAMPLES' | 'SAMPLES,STREAMED_XOR_CHUNKS' | 'SAMPLES' | 'STREAMED_XOR_CHUNKS';

export interface HeaderRow {
  name: string;
  value: string;
}

/** Connection settings shared by a remote_read endpoint and a PromQL API (auth, TLS, proxy, headers, HTTP). */
export interface TransportForm {
  remoteTimeout: string;
  headers: HeaderRow[];
  /** Header values are write-only as a whole: keep the stored ones, replace all, or clear all. */
  headerValues: SecretField;
  basicAuth: boolean;
  basicAuthUsername: string;
  basicAuthPasswordFile: string;
  basicAuthPassword: SecretField;
  authorization: boolean;
  authorizationType: string;
  authorizationCredentialsFile: string;
  authorizationCredentials: SecretField;
  oauth2: boolean;
  oauth2ClientId: string;
  oauth2ClientSecretFile: string;
  oauth2TokenUrl: string;
  oauth2Scopes: string;
  oauth2EndpointParams: string;
  oauth2ClientSecret: SecretField;
  tlsCa: string;
  tlsCaFile: string;
  tlsCert: string;
  tlsCertFile: string;
  tlsKeyFile: string;
  tlsServerName: string;
  tlsInsecureSkipVerify: boolean;
  tlsMinVersion: '' | TlsVersionName;
  tlsKey: SecretField;
  proxyUrl: string;
  noProxy: string;
  proxyFromEnvironment: boolean;
  /** Read-only: the stored proxy URL carries credentials (user:pass@) that are not shown. */
  proxyUserinfoSet: boolean;
  followRedirects: TriState;
  enableHttp2: TriState;
}

export interface NodeForm extends TransportForm {
  /** Local key for Svelte's keyed each; not sent. */
  key: string;
  id?: string;
  name: string;
  url: string;
  /** The node's PromQL HTTP API base URL ('' = none). */
  queryApiUrl: string;
  /** The stored query API (its engine options are sent back unchanged). */
  queryApiStored?: QueryApiView;
  /** The query API has connection settings of its own (else it takes the remote_read ones when saved). */
  queryApiOwn: boolean;
  queryApiTransport: TransportForm;
  /** HA group (shard); '' = none. */
  group: string;
  endpointName: string;
  requiredMatchers: string;
  filterExternalLabels: TriState;
  acceptedResponseTypes: ResponseTypesChoice;
}

export interface ProfileForm {
  id?: string;
  name: string;
  replicaLabel: string;
  mergeStrategy: MergeStrategy;
  timeout: string;
  /** PromQL evaluation's timeout; empty: the default (2m). */
  queryTimeout: string;
  /** One query's memory budget ("2GiB"); empty: sized to the machine. */
  memoryBudget: string;
  partialPolicy: PartialPolicy;
  compat: Compat;
  nodes: NodeForm[];
  engines: EngineForm[];
  demo: boolean;
}

/** An engine-only node (Thanos Query, Mimir, a query Prometheus): URL and engine options. */
export interface EngineForm {
  key: string;
  id?: string;
  name: string;
  url: string;
  dedup: TriState;
  partialResponse: TriState;
  /** Thanos replicaLabels[], separated by commas or spaces. */
  replicaLabels: string;
  tenant: string;
  /** Connection settings (auth, TLS, proxy, headers), secrets write-only as a node's. */
  transport: TransportForm;
  /** The engine as stored (absent for a new one). */
  stored?: QueryApiView;
}

export function newEngineForm(): EngineForm {
  return { key: nextKey(), name: 'engine', url: '', dedup: '', partialResponse: '', replicaLabels: '', tenant: '', transport: transportFormFromView({ url: '', secrets: emptySecrets() }) };
}

export function engineFormFromView(e: EngineView): EngineForm {
  const o = e.queryApi.engine ?? {};
  return {
    key: nextKey(),
    id: e.id,
    name: e.name,
    url: e.queryApi.url,
    dedup: tri(o.dedup),
    partialResponse: tri(o.partialResponse),
    replicaLabels: (o.replicaLabels ?? []).join(', '),
    tenant: o.tenant ?? '',
    transport: transportFormFromView(e.queryApi),
    stored: e.queryApi,
  };
}

let keySeq = 0;
const nextKey = (): string => `n${++keySeq}`;

const secret = (isSet: boolean): SecretField => ({ isSet, mode: 'keep', value: '' });
const tri = (b: boolean | undefined): TriState => (b === undefined ? '' : b ? 'true' : 'false');
const fromTri = (t: TriState): boolean | undefined => (t === '' ? undefined : t === 'true');

export function newNodeForm(index: number): NodeForm {
  return nodeFormFromView({ name: `node-${String.fromCharCode(97 + (index % 26))}`, endpoint: { url: '', secrets: emptySecrets() } });
}

function emptySecrets(): EndpointView['secrets'] {
  const no = { set: false };
  return { basicAuthPassword: no, authorizationCredentials: no, oauth2ClientSecret: no, tlsKey: no, headers: no, proxyUrlUserinfo: no };
}

export function newProfileForm(): ProfileForm {
  return {
    name: 'New cluster',
    replicaLabel: 'replica',
    mergeStrategy: 'penalty',
    timeout: '30s',
    queryTimeout: '',
    memoryBudget: '',
    partialPolicy: 'partial',
    compat: 'prometheus3',
    nodes: [newNodeForm(0), newNodeForm(1)],
    engines: [],
    demo: false,
  };
}

function pairsToText(rec: Record<string, string> | undefined): string {
  return Object.entries(rec ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

export function nodeFormFromView(node: { id?: string; name: string; endpoint: EndpointView; queryApi?: QueryApiView; group?: string }): NodeForm {
  const e = node.endpoint;
  return {
    ...transportFormFromView(e),
    key: nextKey(),
    id: node.id,
    name: node.name,
    url: e.url,
    queryApiUrl: node.queryApi?.url ?? '',
    ...(node.queryApi ? { queryApiStored: node.queryApi } : {}),
    // A stored query API is its own configuration (saved apart from the endpoint): edit it as such.
    queryApiOwn: !!node.queryApi,
    queryApiTransport: transportFormFromView(node.queryApi ?? { url: '', secrets: emptySecrets() }),
    group: node.group ?? '',
    endpointName: e.name ?? '',
    requiredMatchers: pairsToText(e.requiredMatchers),
    filterExternalLabels: tri(e.filterExternalLabels),
    acceptedResponseTypes: (e.acceptedResponseTypes?.join(',') ?? '') as ResponseTypesChoice,
  };
}

/** The connection settings of a stored endpoint or query API; secrets only as set / not set. */
export function transportFormFromView(e: EndpointView): TransportForm {
  const s = e.secrets;
  return {
    remoteTimeout: e.remoteTimeoutMs ? formatDuration(e.remoteTimeoutMs) : '',
    headers: (e.headerNames ?? []).map((name) => ({ name, value: '' })),
    headerValues: secret(s.headers.set),
    basicAuth: !!e.basicAuth || s.basicAuthPassword.set,
    basicAuthUsername: e.basicAuth?.username ?? '',
    basicAuthPasswordFile: e.basicAuth?.passwordFile ?? '',
    basicAuthPassword: secret(s.basicAuthPassword.set),
    authorization: !!e.authorization || s.authorizationCredentials.set,
    authorizationType: e.authorization?.type ?? 'Bearer',
    authorizationCredentialsFile: e.authorization?.credentialsFile ?? '',
    authorizationCredentials: secret(s.authorizationCredentials.set),
    oauth2: !!e.oauth2,
    oauth2ClientId: e.oauth2?.clientId ?? '',
    oauth2ClientSecretFile: e.oauth2?.clientSecretFile ?? '',
    oauth2TokenUrl: e.oauth2?.tokenUrl ?? '',
    oauth2Scopes: (e.oauth2?.scopes ?? []).join(' '),
    oauth2EndpointParams: pairsToText(e.oauth2?.endpointParams),
    oauth2ClientSecret: secret(s.oauth2ClientSecret.set),
    tlsCa: e.tlsConfig?.ca ?? '',
    tlsCaFile: e.tlsConfig?.caFile ?? '',
    tlsCert: e.tlsConfig?.cert ?? '',
    tlsCertFile: e.tlsConfig?.certFile ?? '',
    tlsKeyFile: e.tlsConfig?.keyFile ?? '',
    tlsServerName: e.tlsConfig?.serverName ?? '',
    tlsInsecureSkipVerify: e.tlsConfig?.insecureSkipVerify ?? false,
    tlsMinVersion: e.tlsConfig?.minVersion ?? '',
    tlsKey: secret(s.tlsKey.set),
    proxyUrl: e.proxyUrl ?? '',
    noProxy: e.noProxy ?? '',
    proxyFromEnvironment: e.proxyFromEnvironment ?? false,
    proxyUserinfoSet: s.proxyUrlUserinfo.set,
    followRedirects: tri(e.followRedirects),
    enableHttp2: tri(e.enableHttp2),
  };
}

export function profileFormFromView(p: ProfileView): ProfileForm {
  return {
    id: p.id,
    name: p.name,
    replicaLabel: p.replicaLabel ?? '',
    mergeStrategy: p.mergeStrategy,
    timeout: formatDuration(p.timeoutMs),
    queryTimeout: p.queryTimeoutMs !== undefined ? formatDuration(p.queryTimeoutMs) : '',
    memoryBudget: p.maxMemoryBytes !== undefined ? formatMemorySize(p.maxMemoryBytes) : '',
    partialPolicy: p.partialPolicy,
    compat: p.compat,
    nodes: p.nodes.map(nodeFormFromView),
    engines: (p.engines ?? []).map(engineFormFromView),
    demo: !!p.demo,
  };
}

/** Field path (as the app reports it, minus the leading "profile.") → message. */
export type FieldErrors = Record<string, string>;

export function secretPatch(f: SecretField): SecretPatch {
  if (f.mode === 'set') return { action: 'set', value: f.value };
  if (f.mode === 'clear') return { action: 'clear' };
  return { action: 'keep' };
}

/** A secret of a section the user switched off must not linger in the store. */
function patchUnless(enabled: boolean, f: SecretField): SecretPatch {
  if (!enabled) return f.isSet ? { action: 'clear' } : { action: 'keep' };
  return secretPatch(f);
}

function parsePairs(text: string, path: string, errors: FieldErrors): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let any = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      errors[path] ??= `Line ${i + 1}: write name=value.`;
      return;
    }
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    any = true;
  });
  return any ? out : undefined;
}

const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

function endpointInput(n: NodeForm, base: string, errors: FieldErrors, nodeNumber: number): EndpointInput {
  const url = normalizeReadUrl(n.url);
  const urlProblem = readUrlProblem(url, nodeNumber);
  if (urlProblem) errors[`${base}.url`] = urlProblem;
  const e: EndpointInput = transportInput(n, url, base, errors, n.id !== undefined);
  if (opt(n.endpointName)) e.name = n.endpointName.trim();
  const rm = parsePairs(n.requiredMatchers, `${base}.requiredMatchers`, errors);
  if (rm) e.requiredMatchers = rm;
  const fel = fromTri(n.filterExternalLabels);
  if (fel !== undefined) e.filterExternalLabels = fel;
  if (n.acceptedResponseTypes) e.acceptedResponseTypes = n.acceptedResponseTypes.split(',') as ('SAMPLES' | 'STREAMED_XOR_CHUNKS')[];
  return e;
}

/**
 * Connection settings → the contract's endpoint fields and secret patches. `stored` says whether the app holds a
 * configuration to keep secrets from (a new one must be given its header values).
 */
function transportInput(n: TransportForm, url: string, base: string, errors: FieldErrors, stored: boolean): EndpointInput {
  const e: EndpointInput = { url };
  if (opt(n.remoteTimeout)) {
    const ms = parseDuration(n.remoteTimeout);
    if (ms === null) errors[`${base}.remoteTimeoutMs`] = 'Write a duration such as 30s or 1m.';
    else e.remoteTimeoutMs = ms;
  }
  const headerNames = n.headers.map((h) => h.name.trim()).filter(Boolean);
  if (headerNames.length) e.headerNames = headerNames;
  if (n.basicAuth) e.basicAuth = { username: opt(n.basicAuthUsername), passwordFile: opt(n.basicAuthPasswordFile) };
  if (n.authorization) e.authorization = { type: opt(n.authorizationType), credentialsFile: opt(n.authorizationCredentialsFile) };
  if (n.oauth2) {
    e.oauth2 = {
      clientId: n.oauth2ClientId.trim(),
      tokenUrl: n.oauth2TokenUrl.trim(),
      clientSecretFile: opt(n.oauth2ClientSecretFile),
      scopes: n.oauth2Scopes.split(/[\s,]+/).filter(Boolean),
      endpointParams: parsePairs(n.oauth2EndpointParams, `${base}.oauth2.endpointParams`, errors),
    };
    if (!e.oauth2.scopes?.length) delete e.oauth2.scopes;
  }
  const tls = {
    ca: opt(n.tlsCa),
    caFile: opt(n.tlsCaFile),
    cert: opt(n.tlsCert),
    certFile: opt(n.tlsCertFile),
    keyFile: opt(n.tlsKeyFile),
    serverName: opt(n.tlsServerName),
    insecureSkipVerify: n.tlsInsecureSkipVerify || undefined,
    minVersion: n.tlsMinVersion || undefined,
  };
  if (Object.values(tls).some((v) => v !== undefined)) e.tlsConfig = tls;
  if (opt(n.proxyUrl)) e.proxyUrl = n.proxyUrl.trim();
  if (opt(n.noProxy)) e.noProxy = n.noProxy.trim();
  if (n.proxyFromEnvironment) e.proxyFromEnvironment = true;
  const fr = fromTri(n.followRedirects);
  if (fr !== undefined) e.followRedirects = fr;
  const h2 = fromTri(n.enableHttp2);
  if (h2 !== undefined) e.enableHttp2 = h2;

  let headers: NonNullable<EndpointInput['secrets']>['headers'] = { action: 'keep' };
  if (n.headerValues.mode === 'set') {
    const value: Record<string, string> = {};
    for (const h of n.headers) if (h.name.trim()) value[h.name.trim()] = h.value;
    headers = { action: 'set', value };
  } else if (n.headerValues.mode === 'clear' || (headerNames.length === 0 && n.headerValues.isSet)) {
    headers = { action: 'clear' };
  } else if (!stored && headerNames.length) {
    errors[`${base}.headerNames`] = 'Enter the header values (choose "Replace values").';
  }
  e.secrets = {
    basicAuthPassword: patchUnless(n.basicAuth, n.basicAuthPassword),
    authorizationCredentials: patchUnless(n.authorization, n.authorizationCredentials),
    oauth2ClientSecret: patchUnless(n.oauth2, n.oauth2ClientSecret),
    tlsKey: secretPatch(n.tlsKey),
    headers,
  };
  return e;
}

/** A node's query API: its own connection settings, or (unticked) a copy of the remote_read ones at save time. */
function nodeQueryApiInput(n: NodeForm, endpoint: EndpointInput, base: string, errors: FieldErrors): QueryApiInput {
  const url = n.queryApiUrl.trim();
  const engine = n.queryApiStored?.engine;
  const api: QueryApiInput = n.queryApiOwn ? ownSecretsOnly(transportInput(n.queryApiTransport, url, base, errors, !!n.queryApiStored), !!n.queryApiStored) : { ...endpoint, url };
  delete api.name;
  delete api.requiredMatchers;
  delete api.filterExternalLabels;
  delete api.acceptedResponseTypes;
  if (engine) api.engine = engine;
  return api;
}

/**
 * A node's query API with settings of its own holds only the secrets typed for it: without a stored one, "keep" would
 * make the app take the node endpoint's secrets (how a copied query API gets its credentials), so it becomes "clear".
 */
function ownSecretsOnly(api: QueryApiInput, stored: boolean): QueryApiInput {
  if (stored || !api.secrets) return api;
  const s = api.secrets;
  const fresh = <T extends { action: string }>(p: T | undefined): T | { action: 'clear' } => (!p || p.action === 'keep' ? { action: 'clear' } : p);
  api.secrets = { basicAuthPassword: fresh(s.basicAuthPassword), authorizationCredentials: fresh(s.authorizationCredentials), oauth2ClientSecret: fresh(s.oauth2ClientSecret), tlsKey: fresh(s.tlsKey), headers: fresh(s.headers) };
  return api;
}

/** Form → contract input plus local errors (durations, name=value lines). Save only when errors is empty. */
export function toProfileInput(form: ProfileForm): { input: ProfileInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const timeoutMs = parseDuration(form.timeout);
  if (timeoutMs === null) errors.timeoutMs = 'Write a duration such as 30s or 1m.';
  const queryTimeoutMs = opt(form.queryTimeout) ? parseDuration(form.queryTimeout.trim()) : undefined;
  if (queryTimeoutMs === null || (queryTimeoutMs !== undefined && (queryTimeoutMs < 1000 || queryTimeoutMs > 3_600_000))) {
    errors.queryTimeoutMs = 'Write a duration from 1s to 1h, such as 2m, or leave it empty for 2m.';
  }
  const maxMemoryBytes = opt(form.memoryBudget) ? parseMemorySize(form.memoryBudget) : undefined;
  if (maxMemoryBytes === null || (maxMemoryBytes !== undefined && (maxMemoryBytes < MIN_MEMORY_BUDGET_BYTES || maxMemoryBytes > MAX_MEMORY_BUDGET_BYTES))) {
    errors.maxMemoryBytes = 'Write a size from 1MiB to 1TiB, such as 512MiB or 2GiB, or leave it empty to size it to this machine.';
  }
  const nodes: NodeInput[] = form.nodes.map((n, i) => {
    const base = `nodes[${i}].endpoint`;
    const node: NodeInput = { name: n.name.trim(), endpoint: endpointInput(n, base, errors, i + 1) };
    if (n.id) node.id = n.id;
    if (opt(n.queryApiUrl)) node.queryApi = nodeQueryApiInput(n, node.endpoint, `nodes[${i}].queryApi`, errors);
    if (opt(n.group)) node.group = n.group.trim();
    return node;
  });
  const engines: EngineInput[] = form.engines.map((g, i) => {
    const engine: EngineOptionsFields = {};
    const dedup = fromTri(g.dedup);
    const partial = fromTri(g.partialResponse);
    if (dedup !== undefined) engine.dedup = dedup;
    if (partial !== undefined) engine.partialResponse = partial;
    const labels = g.replicaLabels.split(/[\s,]+/).filter(Boolean);
    if (labels.length) engine.replicaLabels = labels;
    if (opt(g.tenant)) engine.tenant = g.tenant.trim();
    const queryApi: QueryApiInput = transportInput(g.transport, g.url.trim(), `engines[${i}].queryApi`, errors, !!g.stored);
    // A new engine has nothing stored to keep: patches that only keep are left out.
    if (!g.stored && Object.values(queryApi.secrets ?? {}).every((p) => p.action === 'keep')) delete queryApi.secrets;
    if (Object.keys(engine).length) queryApi.engine = engine;
    else delete queryApi.engine;
    return { ...(g.id ? { id: g.id } : {}), name: g.name.trim(), queryApi };
  });
  const input: ProfileInput = {
    name: form.name.trim(),
    nodes,
    mergeStrategy: form.mergeStrategy,
    timeoutMs: timeoutMs ?? 0,
    partialPolicy: form.partialPolicy,
    compat: form.compat,
  };
  if (form.engines.length || form.id) input.engines = engines;
  if (form.id) input.id = form.id;
  if (opt(form.replicaLabel)) input.replicaLabel = form.replicaLabel.trim();
  if (typeof queryTimeoutMs === 'number') input.queryTimeoutMs = queryTimeoutMs;
  if (typeof maxMemoryBytes === 'number') input.maxMemoryBytes = maxMemoryBytes;
  return { input, errors };
}

/**
 * The app reports a bad field as a dotted path of the request ("profile.nodes[1].endpoint.url", sometimes
 * "profile.nodes.1.endpoint.url"). Normalise it to the form's keys: no "profile." prefix, indices in brackets.
 */
export function formFieldKey(apiField: string | undefined): string | null {
  if (!apiField) return null;
  let f = apiField.replace(/^profile\./, '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  // Secret patches point inside secrets.x.value: show the message at the secret's own field.
  f = f.replace(/\.secrets\.([A-Za-z0-9]+)(?:\.value|\.action)?$/, '.secrets.$1');
  return f;
}

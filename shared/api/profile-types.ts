// Cluster profiles as the renderer sees them (redacted: a secret is only ever "set" or "not set") and as it sends
// them back (secret fields as one-way patches). Mirrors EndpointConfig in electron/core/remote-read/endpoint-config.ts.

export type MergeStrategy = 'union' | 'penalty' | 'prefer-first' | 'prefer-max';
export const MERGE_STRATEGY_NAMES: readonly MergeStrategy[] = ['union', 'penalty', 'prefer-first', 'prefer-max'];
export type PartialPolicy = 'partial' | 'strict';
export type Compat = 'prometheus3' | 'prometheus2';
export type TlsVersionName = 'TLS10' | 'TLS11' | 'TLS12' | 'TLS13';

/** A secret's state in a view: never its value. */
export interface SecretState {
  set: boolean;
}

/** What the renderer sends for a secret field: keep the stored one, replace it, or clear it. */
export type SecretPatch = { action: 'keep' } | { action: 'set'; value: string } | { action: 'clear' };

/** Endpoint fields that are not secret (shared by view and input). */
export interface EndpointPublicFields {
  url: string;
  name?: string;
  remoteTimeoutMs?: number;
  headerNames?: string[];
  basicAuth?: { username?: string; passwordFile?: string };
  authorization?: { type?: string; credentialsFile?: string };
  oauth2?: { clientId: string; clientSecretFile?: string; tokenUrl: string; scopes?: string[]; endpointParams?: Record<string, string> };
  tlsConfig?: {
    ca?: string;
    caFile?: string;
    cert?: string;
    certFile?: string;
    keyFile?: string;
    serverName?: string;
    insecureSkipVerify?: boolean;
    minVersion?: TlsVersionName;
  };
  proxyUrl?: string;
  noProxy?: string;
  proxyFromEnvironment?: boolean;
  followRedirects?: boolean;
  enableHttp2?: boolean;
  requiredMatchers?: Record<string, string>;
  filterExternalLabels?: boolean;
  acceptedResponseTypes?: ('SAMPLES' | 'STREAMED_XOR_CHUNKS')[];
}

export interface EndpointView extends EndpointPublicFields {
  secrets: {
    basicAuthPassword: SecretState;
    authorizationCredentials: SecretState;
    oauth2ClientSecret: SecretState;
    tlsKey: SecretState;
    /** Header values can carry tokens, so all header values are write-only. */
    headers: SecretState;
    /** Proxy URLs may carry userinfo. */
    proxyUrlUserinfo: SecretState;
  };
}

export interface EndpointInput extends EndpointPublicFields {
  secrets?: {
    basicAuthPassword?: SecretPatch;
    authorizationCredentials?: SecretPatch;
    oauth2ClientSecret?: SecretPatch;
    tlsKey?: SecretPatch;
    /** Replaces all header values when set (names come from headerNames order). */
    headers?: { action: 'keep' } | { action: 'set'; value: Record<string, string> } | { action: 'clear' };
  };
}

/** Options some PromQL engines understand (Thanos Query's dedup, partial_response, replicaLabels[]; a tenant). */
export interface EngineOptionsFields {
  dedup?: boolean;
  partialResponse?: boolean;
  replicaLabels?: string[];
  /** Mimir/Cortex X-Scope-OrgID. */
  tenant?: string;
}

export type QueryApiView = EndpointView & { engine?: EngineOptionsFields };
export type QueryApiInput = EndpointInput & { engine?: EngineOptionsFields };

export interface NodeView {
  id: string;
  name: string;
  endpoint: EndpointView;
  /** The node's PromQL HTTP API (base URL, before /api/v1). */
  queryApi?: QueryApiView;
  /** HA group (shard). */
  group?: string;
}

/** A node with an engine only (Thanos Query, Mimir, a query Prometheus). */
export interface EngineView {
  id: string;
  name: string;
  queryApi: QueryApiView;
}

export interface ProfileView {
  id: string;
  name: string;
  nodes: NodeView[];
  replicaLabel?: string;
  mergeStrategy: MergeStrategy;
  timeoutMs: number;
  /** How long PromQL evaluation may run (Prometheus's --query.timeout); absent: 2 minutes. */
  queryTimeoutMs?: number;
  /** Memory budget of one query's raw samples, bytes (the CLI's --max-memory); absent: sized to the machine. */
  maxMemoryBytes?: number;
  partialPolicy: PartialPolicy;
  compat: Compat;
  /** The embedded demo cluster: generated data, clearly labelled. */
  demo?: boolean;
  engines?: EngineView[];
}

export interface NodeInput {
  /** Absent for a new node. */
  id?: string;
  name: string;
  endpoint: EndpointInput;
  queryApi?: QueryApiInput;
  group?: string;
}

export interface EngineInput {
  id?: string;
  name: string;
  queryApi: QueryApiInput;
}

export interface ProfileInput {
  /** Absent to create a new profile. */
  id?: string;
  name: string;
  nodes: NodeInput[];
  replicaLabel?: string;
  mergeStrategy: MergeStrategy;
  timeoutMs: number;
  /** How long PromQL evaluation may run (Prometheus's --query.timeout); absent: 2 minutes. */
  queryTimeoutMs?: number;
  /** Memory budget of one query's raw samples, bytes (the CLI's --max-memory); absent: sized to the machine. */
  maxMemoryBytes?: number;
  partialPolicy: PartialPolicy;
  compat: Compat;
  engines?: EngineInput[];
}

export interface ProfilesState {
  profiles: ProfileView[];
  activeId: string | null;
  /** Whether secrets survive a restart (OS keychain) or live in memory only until the app quits. */
  secretStorage: { persistent: boolean; backend: string; note?: string };
}

export interface ConnectionStep {
  step: 'dns' | 'tcp' | 'tls' | 'auth' | 'read';
  ok: boolean;
  detail: string;
  ms?: number;
}

export interface NodeConnectionReport {
  nodeId: string;
  nodeName: string;
  host: string;
  ok: boolean;
  steps: ConnectionStep[];
  /** Response types the node served when asked for each. */
  responseTypes: ('SAMPLES' | 'STREAMED_XOR_CHUNKS')[];
  latencyMs?: number;
  externalLabels?: Record<string, string>;
  /** One plain sentence: "OK: answered a remote_read in 12 ms with streamed chunks." */
  summary: string;
}

export interface ConnectionReport {
  profileId?: string;
  nodes: NodeConnectionReport[];
}

/** Where one node's data ends: its newest sample (null: none found in the last five weeks, or it failed). */
export interface NodeDataExtent {
  name: string;
  newestMs: number | null;
  error?: string;
}

/** Where a profile's data ends (profiles.dataExtent): the newest sample of any node. */
export interface DataExtent {
  probedAtMs: number;
  newestMs: number | null;
  nodes: NodeDataExtent[];
}

// Cluster profiles in the core: the full profile (secrets resolved, main process / CLI only), the stored form
// (secrets replaced by references into a SecretStore) and the persisted document. Typed errors with field paths.
import type { MergeStrategy } from '@core/cluster/merge/types';
import type { AuthorizationConfig, BasicAuthConfig, EndpointConfig, OAuth2Config, TlsConfig } from '@core/remote-read/endpoint-config';
import type { EngineOptions, QueryApiConfig } from '@core/engine-node/types';

export type PartialPolicy = 'partial' | 'strict';
export type Compat = 'prometheus3' | 'prometheus2';

export interface ProfileNode {
  id: string;
  name: string;
  endpoint: EndpointConfig;
  /** prometheus.yml `read_recent`, kept only so import → export round-trips (rrx always reads explicitly). */
  readRecent?: boolean;
  /** The node's PromQL HTTP API (base URL before /api/v1), same transport fields as the endpoint. */
  queryApi?: QueryApiConfig;
  /** HA group (shard); replicas are deduplicated within their group. */
  group?: string;
}

/** A node with an engine only (Thanos Query, Mimir, the seed's 9090): delegate target and comparison column. */
export interface ProfileEngine {
  id: string;
  name: string;
  queryApi: QueryApiConfig;
}

/** A full profile. Holds secret values: never send it to the renderer (see redact.ts). */
export interface ClusterProfile {
  id: string;
  name: string;
  nodes: ProfileNode[];
  replicaLabel?: string;
  mergeStrategy: MergeStrategy;
  timeoutMs: number;
  /** How long PromQL evaluation may run (Prometheus's --query.timeout); absent: 2 minutes. */
  queryTimeoutMs?: number;
  /** Memory budget of one query's raw samples, bytes (the CLI's --max-memory); absent: sized to the machine. */
  maxMemoryBytes?: number;
  partialPolicy: PartialPolicy;
  /** Default 'prometheus3'. */
  compat?: Compat;
  demo?: boolean;
  /** Engine-only nodes (schema v4; always present from v4 on, possibly empty). */
  engines?: ProfileEngine[];
}

/** Where a secret lives in a SecretStore, e.g. `profile/<id>/node/<id>/basicAuth.password`. */
export interface SecretRef {
  secretRef: string;
}

/** EndpointConfig with every secret value replaced by a reference. This is what gets written to disk. */
export type StoredEndpoint = Omit<EndpointConfig, 'basicAuth' | 'authorization' | 'oauth2' | 'tlsConfig' | 'headers' | 'proxyConnectHeader'> & {
  basicAuth?: Omit<BasicAuthConfig, 'password'> & { password?: SecretRef };
  authorization?: Omit<AuthorizationConfig, 'credentials'> & { credentials?: SecretRef };
  oauth2?: Omit<OAuth2Config, 'clientSecret'> & { clientSecret?: SecretRef };
  tlsConfig?: Omit<TlsConfig, 'key'> & { key?: SecretRef };
  /** Header values may carry tokens: every value is a secret, names are not. */
  headers?: Record<string, SecretRef>;
  /** Values are JSON-encoded string arrays in the store. */
  proxyConnectHeader?: Record<string, SecretRef>;
  /** user:password taken out of proxyUrl (which is stored without it). */
  proxyUrlUserinfo?: SecretRef;
};

export type StoredQueryApi = StoredEndpoint & { engine?: EngineOptions };

export interface StoredNode {
  id: string;
  name: string;
  endpoint: StoredEndpoint;
  readRecent?: boolean;
  queryApi?: StoredQueryApi;
  group?: string;
}

export interface StoredEngine {
  id: string;
  name: string;
  queryApi: StoredQueryApi;
}

export type StoredProfile = Omit<ClusterProfile, 'nodes' | 'engines'> & { nodes: StoredNode[]; engines?: StoredEngine[] };

export interface ProfilesDocument {
  schemaVersion: number;
  profiles: StoredProfile[];
  activeId: string | null;
}

/** A problem with one field, named by path (`nodes[1].endpoint.url`) so the UI can show it next to the field. */
export interface FieldError {
  path: string;
  message: string;
}

export function formatFieldError(e: FieldError): string {
  return `${e.path}: ${e.message}`;
}

export type ProfileErrorKind = 'invalid' | 'not-found' | 'unsupported-version' | 'corrupt-document' | 'read-only' | 'storage';

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(
    readonly kind: ProfileErrorKind,
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

export function invalidProfile(errors: readonly FieldError[]): ProfileError {
  return new ProfileError('invalid', errors.map(formatFieldError).join('; '), errors);
}

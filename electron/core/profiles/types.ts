// Cluster profiles in the core: the full profile (secrets resolved, main process / CLI only), the stored form
// (secrets replaced by references into a SecretStore) and the persisted document. Typed errors with field paths.
import type { MergeStrategy } from '@core/cluster/merge/types';
import type { AuthorizationConfig, BasicAuthConfig, EndpointConfig, OAuth2Config, TlsConfig } from '@core/remote-read/endpoint-config';

export type PartialPolicy = 'partial' | 'strict';
export type Compat = 'prometheus3' | 'prometheus2';

export interface ProfileNode {
  id: string;
  name: string;
  endpoint: EndpointConfig;
  /** prometheus.yml `read_recent`, kept only so import → export round-trips (rrx always reads explicitly). */
  readRecent?: boolean;
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
  partialPolicy: PartialPolicy;
  /** Default 'prometheus3'. */
  compat?: Compat;
  demo?: boolean;
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

export interface StoredNode {
  id: string;
  name: string;
  endpoint: StoredEndpoint;
  readRecent?: boolean;
}

export type StoredProfile = Omit<ClusterProfile, 'nodes'> & { nodes: StoredNode[] };

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

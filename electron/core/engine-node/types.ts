// An engine node: a PromQL HTTP API (Prometheus, Thanos Query, Mimir/Cortex, VictoriaMetrics) reached with the same
// transport fields as remote_read, plus the options only some engines understand. Typed errors, never a secret.
import type { EndpointConfig } from '@core/remote-read/endpoint-config';

/** Options passed where the engine understands them; Prometheus ignores the query parameters it does not know. */
export interface EngineOptions {
  /** Thanos Query `dedup` (Thanos's default: true). */
  dedup?: boolean;
  /** Thanos Query `partial_response`. */
  partialResponse?: boolean;
  /** Thanos Query `replicaLabels[]`, one parameter per label. */
  replicaLabels?: string[];
  /** Mimir/Cortex tenant, sent as the `X-Scope-OrgID` header. */
  tenant?: string;
}

/**
 * Where a node's PromQL HTTP API lives: `url` is the API's base, the part before `/api/v1` (e.g.
 * http://127.0.0.1:9090, http://thanos-query:10902, http://mimir:8080/prometheus). Transport fields as remote_read.
 */
export type QueryApiConfig = EndpointConfig & { engine?: EngineOptions };

/** A node that has only an engine (no remote_read): a Thanos Query or Mimir over the fleet, or the seed's 9090. */
export interface EngineNode {
  name: string;
  queryApi: QueryApiConfig;
}

export type EngineErrorKind = 'connect' | 'timeout' | 'cancelled' | 'auth' | 'http-status' | 'decode' | 'too-large' | 'query';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly kind: EngineErrorKind,
    readonly node: string,
    readonly detail: string,
    /** Prometheus's errorType for answers with status "error" (bad_data, execution, timeout, …). */
    readonly errorType?: string,
  ) {
    super(`engine ${node}: ${detail}`);
  }

  toUserMessage(): string {
    return `The query API of ${this.node} ${this.kind === 'query' ? 'rejected the query' : 'failed'}: ${this.detail.replace(/[.\s]+$/, '')}.`;
  }
}

/** The API base of a configured query API URL: trailing slashes and a trailing /api/v1 are dropped. */
export function queryApiBase(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

// Shapes of a cluster fan-out: the nodes asked, what each answered (series per selector, or the reason it failed),
// and the progress each reports while it streams.
import type { EndpointConfig } from '@core/remote-read/endpoint-config';
import type { RawSeries } from '@core/series/types';
import type { QueryApiConfig } from '@core/engine-node/types';

export interface ClusterNode {
  /** Position in the profile; becomes the provenance value in merges. */
  index: number;
  name: string;
  endpoint: EndpointConfig;
  /** The node's own PromQL HTTP API, when it has one (a Prometheus collector has both). */
  queryApi?: QueryApiConfig;
  /** HA group (shard) the node belongs to; nodes are deduplicated within their group only. */
  group?: string;
}

export type NodeState = 'pending' | 'reading' | 'done' | 'failed' | 'cancelled';

export interface NodeProgress {
  node: number;
  state: NodeState;
  bytes: number;
  series: number;
  samples: number;
  error?: string;
}

export interface NodeOutcome {
  node: ClusterNode;
  host: string;
  ok: boolean;
  /** Series per requested selector, in request order (empty lists when the node failed). */
  results: RawSeries[][];
  /** One user sentence (never a secret) when ok is false. */
  error?: string;
  errorKind?: string;
  warnings: string[];
  bytes: number;
  series: number;
  samples: number;
  readMs: number;
  /** Of readMs, for a network read: until the node's response headers, and decoding its body (the bench's profile). */
  headersMs?: number;
  decodeMs?: number;
  /** Every selector came from the raw-read cache: no network. */
  fromCache: boolean;
  /** Set when a read was too large for the raw-read cache and was not kept (so a repeat reads it again). */
  cacheNotice?: string;
}

export class ClusterReadError extends Error {
  override readonly name = 'ClusterReadError';
  readonly kind = 'cluster-read';
  constructor(
    message: string,
    readonly failures: { node: string; host: string; reason: string }[],
  ) {
    super(message);
  }
  toUserMessage(): string {
    return this.message;
  }
}

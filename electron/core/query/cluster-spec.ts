// What a query runs against, independent of where it came from (a saved profile, CLI --endpoint flags, a
// workspace): the nodes with their resolved endpoints (secrets joined in, main process only) and the policies.
import type { ClusterNode } from '@core/cluster/fanout/types';
import type { MergeStrategy } from '@core/cluster/merge/types';
import type { Compat } from '@core/promql/engine/options';
import type { EngineNode } from '@core/engine-node/types';
import type { ReadLimits } from '@core/remote-read/limits';

export interface ClusterSpec {
  name: string;
  nodes: ClusterNode[];
  replicaLabel?: string;
  strategy: MergeStrategy;
  partialPolicy: 'partial' | 'strict';
  timeoutMs: number;
  /** PromQL evaluation's timeout (Prometheus's --query.timeout); absent: the engine's 2 minutes. */
  queryTimeoutMs?: number;
  compat: Compat;
  /** Nodes with an engine only (no remote_read): delegate targets and extra comparison columns. */
  engines?: EngineNode[];
  /** Per-read limits of every node's remote_read (defaults: DEFAULT_READ_LIMITS). */
  readLimits?: Partial<ReadLimits>;
  /** Memory budget of one query's held raw samples (`--max-memory`, the profile's memory budget); also auto's threshold. */
  maxMemoryBytes?: number;
}

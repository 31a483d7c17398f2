// What a query runs against, independent of where it came from (a saved profile, CLI --endpoint flags, a
// workspace): the nodes with their resolved endpoints (secrets joined in, main process only) and the policies.
import type { ClusterNode } from '@core/cluster/fanout/types';
import type { MergeStrategy } from '@core/cluster/merge/types';
import type { Compat } from '@core/promql/engine/options';

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
}

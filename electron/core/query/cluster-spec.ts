// What a query runs against, independent of where it came from (a saved profile, CLI --endpoint flags, a
// workspace): the nodes with their resolved endpoints (secrets joined in, main process only) and the policies.
import type { ClusterNode } from '@core/cluster/fanout/types';
import type { MergeStrategy } from '@core/cluster/merge/types';
import type { Compat } from '@core/promql/engine/options';
import type { ReadLimits } from '@core/remote-read/limits';

export interface ClusterSpec {
  name: string;
  nodes: ClusterNode[];
  replicaLabel?: string;
  strategy: MergeStrategy;
  partialPolicy: 'partial' | 'strict';
  timeoutMs: number;
  compat: Compat;
  /** Per-read limits of every node's remote_read (defaults: DEFAULT_READ_LIMITS). */
  readLimits?: Partial<ReadLimits>;
}

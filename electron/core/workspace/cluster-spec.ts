// The ClusterSpec a workspace stands for when evaluated offline: its node names and secret-free URLs, no credentials
// (nothing is ever fetched from it), with the panel's strategy.
import type { MergeStrategy } from '@core/cluster/merge/types';
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { WorkspaceProfile } from '@shared/api/workspace-types';

export function clusterSpecOf(profile: WorkspaceProfile, strategy: MergeStrategy): ClusterSpec {
  return {
    name: profile.name,
    nodes: profile.nodes.map((n, index) => ({ index, name: n.name, endpoint: { url: n.url, name: n.name } })),
    ...(profile.replicaLabel ? { replicaLabel: profile.replicaLabel } : {}),
    strategy,
    partialPolicy: 'partial',
    timeoutMs: 60_000,
    compat: profile.compat ?? 'prometheus3',
  };
}

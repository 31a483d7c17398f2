// A saved profile as the query pipeline's ClusterSpec (node index = position in the profile). Main process / CLI
// only: the endpoints carry resolved secrets.
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { ClusterProfile } from './types';

export function clusterSpecOf(p: ClusterProfile): ClusterSpec {
  return {
    name: p.name,
    nodes: p.nodes.map((n, index) => ({ index, name: n.name, endpoint: n.endpoint, ...(n.queryApi ? { queryApi: n.queryApi } : {}), ...(n.group ? { group: n.group } : {}) })),
    ...(p.replicaLabel ? { replicaLabel: p.replicaLabel } : {}),
    strategy: p.mergeStrategy,
    partialPolicy: p.partialPolicy,
    timeoutMs: p.timeoutMs,
    ...(p.queryTimeoutMs !== undefined ? { queryTimeoutMs: p.queryTimeoutMs } : {}),
    ...(p.maxMemoryBytes !== undefined ? { maxMemoryBytes: p.maxMemoryBytes } : {}),
    compat: p.compat ?? 'prometheus3',
    ...(p.engines?.length ? { engines: p.engines.map((e) => ({ name: e.name, queryApi: e.queryApi })) } : {}),
  };
}

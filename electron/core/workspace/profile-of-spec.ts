// The secret-free profile reference of a cluster a query ran against: node names and URLs without userinfo. Nothing
// else of an endpoint (headers, auth, TLS keys, proxy) is ever copied into a workspace.
import type { ClusterSpec } from '@core/query/cluster-spec';
import { stripUserinfo } from '@core/remote-read/redact';
import type { WorkspaceProfile } from '@shared/api/workspace-types';

export function profileOfSpec(spec: ClusterSpec): WorkspaceProfile {
  return {
    name: spec.name,
    nodes: spec.nodes.map((n) => ({ name: n.name, url: stripUserinfo(n.endpoint.url) })),
    ...(spec.replicaLabel ? { replicaLabel: spec.replicaLabel } : {}),
    compat: spec.compat,
  };
}

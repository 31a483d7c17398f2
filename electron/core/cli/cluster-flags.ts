// The flags that say which cluster a command reads and how replicas are merged — `--endpoint` (repeatable, one node
// each) or `--profile NAME`, `--dedup`, `--replica-label`, `--node`, `--partial`/`--strict`, `--timeout`,
// `--compat` — turned into a ClusterSpec. Shared by query, read, compare, snapshot and serve-api.
import { endpointDisplayName } from '@core/remote-read/client';
import { stripUserinfo } from '@core/remote-read/redact';
import type { ClusterNode } from '@core/cluster/fanout/types';
import { MERGE_STRATEGIES, type MergeStrategy } from '@core/cluster/merge/types';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { UsageError, type CliIO } from './command';
import { parseDurationMs } from './time-arg';
import { TRANSPORT_OPTIONS, TRANSPORT_USAGE, endpointFromFlags, type TransportFlagValues } from './transport-flags';
import { ENGINE_OPTIONS, ENGINE_USAGE, engineNodesFromFlags, type EngineFlagValues } from './engine-flags';
import { READ_LIMIT_OPTIONS, READ_LIMIT_USAGE, readLimitsFromFlags, type ReadLimitFlagValues } from './read-limit-flags';
import { MEMORY_OPTIONS, MEMORY_USAGE, maxMemoryFromFlags, type MemoryFlagValues } from './memory-flag';

export const CLUSTER_OPTIONS = {
  endpoint: { type: 'string', multiple: true },
  'query-api': { type: 'string', multiple: true },
  group: { type: 'string', multiple: true },
  profile: { type: 'string' },
  'profiles-file': { type: 'string' },
  dedup: { type: 'string' },
  'replica-label': { type: 'string' },
  node: { type: 'string' },
  partial: { type: 'boolean' },
  strict: { type: 'boolean' },
  compat: { type: 'string' },
  ...ENGINE_OPTIONS,
  ...TRANSPORT_OPTIONS,
  ...READ_LIMIT_OPTIONS,
  ...MEMORY_OPTIONS,
} as const;

export const CLUSTER_USAGE = `Cluster flags:
  --endpoint URL              a node's remote_read URL (repeat for each node of the HA pair)
  --profile NAME              a saved cluster profile instead of --endpoint (from --profiles-file,
                              $RRX_PROFILES_FILE or ~/.config/rrx/profiles.json; secrets from *_file or env)
  --dedup STRATEGY            union (default), penalty, prefer-first or prefer-max
  --replica-label NAME        label that tells replicas apart; ignored when matching series
  --node URL|NAME             answer from this node only
  --partial | --strict        a failed node is a warning (default) or fails the command
  --compat prometheus2        Prometheus 2.x semantics (default: Prometheus 3)
  --query-api URL             a node's PromQL HTTP API base (http://host:9090, the part before /api/v1);
                              as many as --endpoint: they pair up in order (a node with both addresses);
                              otherwise each is a node with an engine only (Thanos Query, Mimir, the 9090)
  --group NAME                the HA group (shard) of each --endpoint node, in order (repeat once per node);
                              replicas are deduplicated within their group only

${ENGINE_USAGE}

${TRANSPORT_USAGE}

${READ_LIMIT_USAGE}

Memory:
${MEMORY_USAGE}`;

export type ClusterFlagValues = TransportFlagValues & EngineFlagValues & ReadLimitFlagValues & MemoryFlagValues & {
  endpoint?: string[];
  'query-api'?: string[];
  group?: string[];
  profile?: string;
  'profiles-file'?: string;
  dedup?: string;
  'replica-label'?: string;
  node?: string;
  partial?: boolean;
  strict?: boolean;
  compat?: string;
};

export async function clusterFromFlags(v: ClusterFlagValues, io: CliIO): Promise<ClusterSpec> {
  const endpoints = v.endpoint ?? [];
  if (endpoints.length && v.profile) throw new UsageError('give either --endpoint or --profile, not both');
  if (!endpoints.length && !v.profile && !v['query-api']?.length) throw new UsageError('--endpoint URL (one per node) or --profile NAME is required');
  if (v.partial && v.strict) throw new UsageError('--partial and --strict exclude each other');
  if (v.dedup !== undefined && !(MERGE_STRATEGIES as readonly string[]).includes(v.dedup)) {
    throw new UsageError(`--dedup must be one of ${MERGE_STRATEGIES.join(', ')}`);
  }
  if (v.compat !== undefined && v.compat !== 'prometheus2' && v.compat !== 'prometheus3') throw new UsageError('--compat must be prometheus2 or prometheus3');
  const timeoutMs = v.timeout !== undefined ? parseDurationMs(v.timeout) : undefined;
  if (v.timeout !== undefined && !timeoutMs) throw new UsageError(`--timeout must be a duration such as 30s or 2m, got "${v.timeout}"`);

  const groups = v.group ?? [];
  if (groups.length && groups.length !== endpoints.length) throw new UsageError(`give --group once per --endpoint (${endpoints.length}), got ${groups.length}`);
  const queryApis = engineNodesFromFlags(v, endpoints.length);

  let spec: ClusterSpec;
  if (v.profile) {
    // Loaded only for --profile: the profiles code (and yaml behind it) stays off the start-up of --endpoint runs.
    const { clusterFromProfile } = await import('./profile-file');
    spec = await clusterFromProfile(v.profile, v['profiles-file'], io);
  } else {
    const nodes: ClusterNode[] = endpoints.map((url, index) => {
      const endpoint = endpointFromFlags(url, v);
      const queryApi = queryApis.paired[index];
      return { index, name: endpointDisplayName(endpoint), endpoint, ...(queryApi ? { queryApi } : {}), ...(groups[index] ? { group: groups[index] } : {}) };
    });
    spec = { name: 'command line', nodes, strategy: 'union', partialPolicy: 'partial', timeoutMs: timeoutMs ?? 60_000, compat: 'prometheus3' };
  }
  if (queryApis.engines.length) spec.engines = [...(spec.engines ?? []), ...queryApis.engines];
  if (v.dedup) spec.strategy = v.dedup as MergeStrategy;
  if (v['replica-label'] !== undefined) spec.replicaLabel = v['replica-label'] || undefined;
  if (v.strict) spec.partialPolicy = 'strict';
  if (v.partial) spec.partialPolicy = 'partial';
  if (v.compat) spec.compat = v.compat as ClusterSpec['compat'];
  if (timeoutMs) spec.timeoutMs = timeoutMs;
  const readLimits = readLimitsFromFlags(v);
  if (readLimits) spec.readLimits = { ...spec.readLimits, ...readLimits };
  const maxMemoryBytes = maxMemoryFromFlags(v);
  if (maxMemoryBytes !== undefined) spec.maxMemoryBytes = maxMemoryBytes;
  if (v.node !== undefined) {
    const want = v.node;
    const hit = spec.nodes.find((n) => n.name === want || stripUserinfo(n.endpoint.url) === stripUserinfo(want) || n.endpoint.url === want);
    if (!hit) throw new UsageError(`--node "${want}" is none of the cluster's nodes (${spec.nodes.map((n) => n.name).join(', ')})`);
    spec.nodes = [{ ...hit, index: 0 }];
  }
  return spec;
}

// `--query-api URL` (repeatable) and the engine options, turned into query API addresses: paired in order with the
// --endpoint flags when there are as many of each (each node then has both addresses), otherwise each one a node
// with an engine only. The transport flags apply to query APIs as to remote_read.
import { endpointDisplayName } from '@core/remote-read/client';
import { queryApiBase, type EngineNode, type EngineOptions, type QueryApiConfig } from '@core/engine-node/types';
import { UsageError } from './command';
import { endpointFromFlags, type TransportFlagValues } from './transport-flags';

export const ENGINE_OPTIONS = {
  'engine-dedup': { type: 'string' },
  'engine-partial-response': { type: 'string' },
  'engine-replica-label': { type: 'string', multiple: true },
  tenant: { type: 'string' },
} as const;

export const ENGINE_USAGE = `Engine options (sent to every --query-api where the engine understands them):
  --engine-dedup true|false             Thanos Query: dedup (Thanos's default true)
  --engine-partial-response true|false  Thanos Query: partial_response
  --engine-replica-label NAME           Thanos Query: replicaLabels[] (repeatable)
  --tenant ID                           Mimir/Cortex tenant, sent as the X-Scope-OrgID header`;

export type EngineFlagValues = {
  'query-api'?: string[];
  'engine-dedup'?: string;
  'engine-partial-response'?: string;
  'engine-replica-label'?: string[];
  tenant?: string;
};

function bool(text: string | undefined, flag: string): boolean | undefined {
  if (text === undefined) return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new UsageError(`${flag} must be true or false, got "${text}"`);
}

export function engineOptionsFromFlags(v: EngineFlagValues): EngineOptions | undefined {
  const o: EngineOptions = {};
  const dedup = bool(v['engine-dedup'], '--engine-dedup');
  const partial = bool(v['engine-partial-response'], '--engine-partial-response');
  if (dedup !== undefined) o.dedup = dedup;
  if (partial !== undefined) o.partialResponse = partial;
  if (v['engine-replica-label']?.length) o.replicaLabels = [...v['engine-replica-label']];
  if (v.tenant !== undefined) {
    if (!v.tenant.trim()) throw new UsageError('--tenant must not be empty');
    o.tenant = v.tenant;
  }
  return Object.keys(o).length ? o : undefined;
}

/** One query API address from its URL and the transport flags. */
export function queryApiFromFlags(url: string, v: TransportFlagValues & EngineFlagValues): QueryApiConfig {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new UsageError(`--query-api must be an http:// or https:// URL, got "${url}"`);
  }
  const cfg: QueryApiConfig = { ...endpointFromFlags(url, v), url: queryApiBase(url) };
  const engine = engineOptionsFromFlags(v);
  if (engine) cfg.engine = engine;
  return cfg;
}

/** The pairing rule: as many --query-api as --endpoint → paired by position; otherwise all engine-only nodes. */
export function engineNodesFromFlags(v: TransportFlagValues & EngineFlagValues, endpointCount: number): { paired: (QueryApiConfig | undefined)[]; engines: EngineNode[] } {
  const urls = v['query-api'] ?? [];
  const apis = urls.map((u) => queryApiFromFlags(u, v));
  if (apis.length && apis.length === endpointCount) return { paired: apis, engines: [] };
  if (!apis.length && engineOptionsFromFlags(v)) throw new UsageError('engine options (--engine-dedup, --engine-partial-response, --engine-replica-label, --tenant) need a --query-api');
  return { paired: [], engines: apis.map((queryApi) => ({ name: endpointDisplayName(queryApi), queryApi })) };
}

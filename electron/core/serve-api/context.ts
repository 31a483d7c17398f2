// What every handler of one API server shares: the cluster, the raw-read cache, the concurrency gate and the
// limits; and the per-request view of it (the node a request narrows to, its abort sources).
import type { RawReadCache } from '@core/cluster/fanout/raw-read-cache';
import type { ApiAnswerParts } from '@core/promql/engine/api-json-stream';
import { stripUserinfo } from '@core/remote-read/redact';
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { QueryMode } from '@core/query/answer-modes';
import type { ProcessMemoryBudget } from '@core/memory/budget';
import { invalidParam } from './api-error';
import type { QueryGate } from './query-gate';

export interface ApiContext {
  spec: ClusterSpec;
  cache: RawReadCache;
  gate: QueryGate;
  /** The engine's max samples in memory per query (Prometheus's --query.max-samples). */
  maxSamples: number;
  /** Prometheus's --query.timeout: the longest any query runs; a request's `timeout` parameter may shorten it. */
  queryTimeoutMs: number;
  /** Longest window the series/labels endpoints read. */
  lookupWindowMs: number;
  now: () => number;
  /** The server's answer mode (serve-api --mode); a request's `mode` parameter overrides it. Default auto. */
  mode?: QueryMode;
  /** One query's memory budget (--max-memory; default the spec's, else sized to the machine); also auto's threshold. */
  maxMemoryBytes?: number;
  /** The process's memory budget: what the queries running at once hold together (--max-memory-total). */
  memory: ProcessMemoryBudget;
  delegateTo?: string;
  /** Rules evaluated continuously (serve-api --rules); without them /api/v1/rules and /api/v1/alerts are empty. */
  rules?: RulesView;
}

/** What the rules and alerts endpoints read (implemented by rules/live-rules.ts). */
export interface RulesView {
  rules(type?: 'alert' | 'record'): unknown;
  alerts(): unknown;
}

/** The answer of a successful handler; the writer wraps it as {status: "success", data, warnings?, infos?}. */
export interface ApiSuccess {
  data: unknown;
  warnings?: string[];
  infos?: string[];
  /** A query answer, written streamed in that same envelope instead of `data` (which is then ignored). */
  answer?: ApiAnswerParts;
}

export interface RequestScope {
  /** Fire when the server stops or the client goes away. */
  abortSources: AbortSignal[];
  /** Path parameters such as the label name of /api/v1/label/<name>/values. */
  pathParams: Record<string, string>;
}

/** The cluster a request runs against: all nodes, or the one `node=` names (by name or URL). */
export function specForNode(spec: ClusterSpec, node: string | undefined): ClusterSpec {
  if (node === undefined) return spec;
  const hit = spec.nodes.find((n) => n.name === node || stripUserinfo(n.endpoint.url) === stripUserinfo(node));
  if (!hit) throw invalidParam('node', `${JSON.stringify(node)} is none of the cluster's nodes (${spec.nodes.map((n) => n.name).join(', ')})`);
  return { ...spec, nodes: [{ ...hit, index: 0 }] };
}

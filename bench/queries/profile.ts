// Where a first-time rrx query's time goes (issue 19): per node, the wait for its answer (response headers, then the
// rest of the read that is not decoding: the node's work and the transfer) and the decoding; then merging,
// evaluating and encoding the JSON answer the way `rrx query` and serve-api do. Medians over the timed runs.
import { encodeApiJson } from '@core/promql/engine/api-json-stream';
import { toEngineResult } from '@core/query/evaluate';
import type { ClusterQueryResult } from '@core/query/run-cluster-query';
import type { RawSnapshot } from '@core/query/raw-snapshot';
import { median } from '../report/stats';

export interface NodeProfile {
  node: string;
  /** Request sent → response headers. */
  headersMs: number;
  /** The whole read minus its decoding: waiting on the node and on the network. */
  waitMs: number;
  decodeMs: number;
}

export interface QueryProfile {
  nodes: NodeProfile[];
  mergeMs: number;
  evalMs: number;
  /** The streamed JSON encoding of the merged answer, to UTF-8 chunks (not part of the warm runner's total). */
  encodeMs: number;
  /** Bytes of that JSON. */
  answerBytes: number;
}

export function profileOf(snapshot: RawSnapshot, res: ClusterQueryResult, endMs: number): QueryProfile {
  const t0 = performance.now();
  let answerBytes = 0;
  for (const chunk of encodeApiJson({ result: toEngineResult(res.merged, endMs) })) answerBytes += Buffer.from(chunk, 'utf8').length;
  const encodeMs = performance.now() - t0;
  return {
    nodes: snapshot.outcomes.map((o) => ({ node: o.node.name, headersMs: o.headersMs ?? 0, waitMs: o.readMs - (o.decodeMs ?? 0), decodeMs: o.decodeMs ?? 0 })),
    mergeMs: res.mergeMs,
    evalMs: res.evalMs,
    encodeMs,
    answerBytes,
  };
}

/** Stage by stage median of several runs' profiles (nodes matched by position). */
export function medianProfile(runs: readonly QueryProfile[]): QueryProfile | undefined {
  if (runs.length === 0) return undefined;
  const m = (f: (p: QueryProfile) => number): number => median(runs.map(f));
  return {
    nodes: runs[0].nodes.map((n, i) => ({
      node: n.node,
      headersMs: m((p) => p.nodes[i]?.headersMs ?? 0),
      waitMs: m((p) => p.nodes[i]?.waitMs ?? 0),
      decodeMs: m((p) => p.nodes[i]?.decodeMs ?? 0),
    })),
    mergeMs: m((p) => p.mergeMs),
    evalMs: m((p) => p.evalMs),
    encodeMs: m((p) => p.encodeMs),
    answerBytes: runs[0].answerBytes,
  };
}

/** One line: `node-A wait 41 (headers 30) + decode 12 | node-B … | merge 5, eval 30, encode 8 ms (1.2 MB)`. */
export function formatProfile(p: QueryProfile): string {
  const r = (v: number): string => v.toFixed(0);
  const nodes = p.nodes.map((n) => `${n.node} wait ${r(n.waitMs)} (headers ${r(n.headersMs)}) + decode ${r(n.decodeMs)}`).join(' | ');
  return `${nodes} | merge ${r(p.mergeMs)}, eval ${r(p.evalMs)}, encode ${r(p.encodeMs)} ms (${(p.answerBytes / 1e6).toFixed(2)} MB JSON)`;
}

// A finished evaluation in the contract's shape (QueryResultView), for live queries and offline workspace panels
// alike. Node failures travel once, as `partial` notices: they are taken out of the warnings the UI lists.
import { hostOf } from '@core/remote-read/redact';
import type { QueryResultView } from '@shared/api/query-types';
import type { ClusterSpec } from './cluster-spec';
import type { RawSnapshot } from './raw-snapshot';
import { partialWarning, type ClusterQueryInput, type ClusterQueryResult } from './run-cluster-query';

export interface ResultViewInput {
  queryId: string;
  expr: string;
  kind: QueryResultView['kind'];
  spec: ClusterSpec;
  input: ClusterQueryInput;
  snapshot: RawSnapshot;
  result: ClusterQueryResult;
  totalMs: number;
  /** Offline evaluations read nothing: every node counts as answered from the cache. */
  allFromCache?: boolean;
}

export function toResultView(v: ResultViewInput): QueryResultView {
  const res = v.result;
  const partialTexts = new Set(res.partial.map(partialWarning));
  return {
    queryId: v.queryId,
    expr: v.expr,
    kind: v.kind,
    strategy: res.strategy,
    startMs: v.input.frame.startMs,
    endMs: v.input.frame.endMs,
    stepMs: v.input.frame.stepMs,
    nodes: v.spec.nodes.map((n) => ({ index: n.index, name: n.name, host: hostOf(n.endpoint.url) })),
    merged: { ...res.merged, warnings: res.merged.warnings.filter((w) => !partialTexts.has(w)) },
    perNode: res.perNode,
    ...(res.perNodeLookback ? { perNodeLookback: res.perNodeLookback } : {}),
    lookbackMs: res.lookbackMs,
    provenance: res.provenance,
    findings: res.findings,
    coverage: res.coverage,
    partial: res.partial,
    stats: {
      nodes: v.snapshot.outcomes.map((o) => ({
        node: o.node.index,
        name: o.node.name,
        host: o.host,
        ok: o.ok,
        ...(o.error ? { error: o.error } : {}),
        bytes: o.bytes,
        series: o.series,
        samples: o.samples,
        readMs: o.readMs,
        fromCache: v.allFromCache ? true : o.fromCache,
      })),
      mergeMs: res.mergeMs,
      evalMs: res.evalMs,
      totalMs: v.totalMs,
    },
  };
}

// A pushdown or delegate answer in the contract's shape (QueryResultView). No raw data was read, so there is no
// provenance, findings or read statistics; per-node views are the nodes' own engine answers.
import { hostOf } from '@core/remote-read/redact';
import type { QueryResultView } from '@shared/api/query-types';
import type { ModeAnswer } from './answer-modes';
import type { ClusterSpec } from './cluster-spec';
import type { ClusterQueryInput } from './run-cluster-query';

export function engineResultView(v: { queryId: string; expr: string; kind: QueryResultView['kind']; spec: ClusterSpec; input: ClusterQueryInput; answer: ModeAnswer; totalMs: number }): QueryResultView {
  const { spec, answer } = v;
  const failed = new Set(answer.partial.map((p) => p.node));
  return {
    queryId: v.queryId,
    expr: v.expr,
    kind: v.kind,
    strategy: spec.strategy,
    startMs: v.input.frame.startMs,
    endMs: v.input.frame.endMs,
    stepMs: v.input.frame.stepMs,
    nodes: spec.nodes.map((n) => ({ index: n.index, name: n.name, host: hostOf(n.queryApi?.url ?? n.endpoint.url) })),
    merged: answer.merged,
    perNode: answer.perNode,
    partial: answer.partial,
    stats: {
      nodes: spec.nodes.map((n) => ({ node: n.index, name: n.name, host: hostOf(n.queryApi?.url ?? n.endpoint.url), ok: !failed.has(n.name), bytes: 0, series: 0, samples: 0, readMs: 0, fromCache: false })),
      mergeMs: 0,
      evalMs: 0,
      totalMs: v.totalMs,
    },
    answer: { requested: answer.requested, mode: answer.mode, note: answer.note, ...(answer.engine ? { engine: answer.engine } : {}) },
  };
}

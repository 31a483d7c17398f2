// An offline evaluation in the shape the renderer already draws for live queries (QueryResultView), so an opened
// workspace panel and a freshly run query look the same to the UI.
import { hostOf } from '@core/remote-read/redact';
import type { QueryResultView } from '@shared/api/query-types';
import type { WorkspacePanel } from '@shared/api/workspace-types';
import type { OfflineEvaluation } from './evaluate-panel';

export function offlineResultView(queryId: string, panel: WorkspacePanel, ev: OfflineEvaluation, totalMs: number): QueryResultView {
  const { spec, input, snapshot, result: res } = ev;
  return {
    queryId,
    expr: panel.expr,
    kind: panel.kind,
    strategy: res.strategy,
    startMs: input.frame.startMs,
    endMs: input.frame.endMs,
    stepMs: input.frame.stepMs,
    nodes: spec.nodes.map((n) => ({ index: n.index, name: n.name, host: hostOf(n.endpoint.url) })),
    merged: res.merged,
    perNode: res.perNode,
    provenance: res.provenance,
    findings: res.findings,
    coverage: res.coverage,
    partial: res.partial,
    stats: {
      nodes: snapshot.outcomes.map((o) => ({
        node: o.node.index,
        name: o.node.name,
        host: o.host,
        ok: o.ok,
        ...(o.error ? { error: o.error } : {}),
        bytes: o.bytes,
        series: o.series,
        samples: o.samples,
        readMs: o.readMs,
        fromCache: true,
      })),
      mergeMs: res.mergeMs,
      evalMs: res.evalMs,
      totalMs,
    },
  };
}

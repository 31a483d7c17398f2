// An offline evaluation in the shape the renderer already draws for live queries (QueryResultView), so an opened
// workspace panel and a freshly run query look the same to the UI.
import { toResultView } from '@core/query/result-view';
import type { QueryResultView } from '@shared/api/query-types';
import type { WorkspacePanel } from '@shared/api/workspace-types';
import type { OfflineEvaluation } from './evaluate-panel';

export function offlineResultView(queryId: string, panel: WorkspacePanel, ev: OfflineEvaluation, totalMs: number): QueryResultView {
  const { spec, input, snapshot, result } = ev;
  return toResultView({ queryId, expr: panel.expr, kind: panel.kind, spec, input, snapshot, result, totalMs, allFromCache: true });
}

// Offline evaluation of one workspace panel: resolve its time frame, plan its selectors, answer them from the stored
// reads (no network), then merge, evaluate merged and per node, and compute findings exactly as a live query would.
import type { MergeStrategy } from '@core/cluster/merge/types';
import { planSelectors } from '@core/promql/planner';
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { RawSnapshot } from '@core/query/raw-snapshot';
import { evaluateSnapshot, parseQuery, type ClusterQueryInput, type ClusterQueryResult, type EvaluateSnapshotOptions } from '@core/query/run-cluster-query';
import { evaluateOffThread } from '@core/query/eval-worker/off-thread';
import type { Expr } from '@core/promql/parser/ast';
import { instantFrame, rangeFrame, type TimeFrame } from '@core/query/time-frame';
import type { WorkspacePanel, WorkspaceProfile } from '@shared/api/workspace-types';
import { clusterSpecOf } from './cluster-spec';
import { coverFromStored } from './offline-cover';
import type { StoredRead } from './stored-read';

export interface OfflineEvaluation {
  spec: ClusterSpec;
  input: ClusterQueryInput;
  snapshot: RawSnapshot;
  result: ClusterQueryResult;
}

/**
 * The frame a panel stands for in this workspace. Absolute ranges are themselves; a relative range ("last 1h") means
 * the frame its own stored read used when the query is unchanged, else the same span ending where that read ended.
 */
export function panelFrame(panel: WorkspacePanel, reads: readonly StoredRead[]): TimeFrame {
  let startMs: number;
  let endMs: number;
  if (panel.range.type === 'absolute') {
    ({ startMs, endMs } = panel.range);
  } else {
    const span = panel.range.durationMs;
    const own = reads.find((r) => r.panelId === panel.id && r.expr === panel.expr);
    const sameShape = own && (panel.kind === 'instant' ? own.frame.stepMs === 0 : own.frame.stepMs === panel.stepMs && own.frame.endMs - own.frame.startMs === span);
    if (own && sameShape) return own.frame;
    // An edited query keeps the end of this panel's own read: another panel's read may end a little later, and
    // anchoring there would ask for data this panel's snapshot does not have.
    const ownRead = reads.find((r) => r.panelId === panel.id);
    const anchor = ownRead?.frame.endMs ?? Math.max(...reads.map((r) => r.frame.endMs));
    endMs = Number.isFinite(anchor) ? anchor : Date.now() - (panel.range.endOffsetMs ?? 0);
    startMs = endMs - panel.range.durationMs;
  }
  return panel.kind === 'instant' ? instantFrame(endMs) : rangeFrame(startMs, endMs, panel.stepMs);
}

interface PreparedPanel {
  spec: ClusterSpec;
  input: ClusterQueryInput;
  ast: Expr;
  snapshot: RawSnapshot;
  opts: EvaluateSnapshotOptions;
}

function preparePanel(profile: WorkspaceProfile, panel: WorkspacePanel, reads: readonly StoredRead[], opts: PanelEvalOptions): PreparedPanel {
  const spec = clusterSpecOf(profile, opts.strategy ?? panel.strategy);
  const frame = panelFrame(panel, reads);
  const input: ClusterQueryInput = { expr: panel.expr, frame, ...(panel.lookbackDeltaMs ? { lookbackDeltaMs: panel.lookbackDeltaMs } : {}) };
  const ast = parseQuery(panel.expr, spec.compat);
  const requests = planSelectors(ast, { startMs: frame.startMs, endMs: frame.endMs, stepMs: frame.stepMs, lookbackDeltaMs: input.lookbackDeltaMs, compat: spec.compat });
  const snapshot = coverFromStored(requests, reads);
  const evalOpts: EvaluateSnapshotOptions = { strategy: spec.strategy, perNode: panel.comparison.perNode, findings: panel.comparison.findings, nodeLookback: opts.nodeLookback, signal: opts.signal };
  return { spec, input, ast, snapshot, opts: evalOpts };
}

export interface PanelEvalOptions {
  strategy?: MergeStrategy;
  signal?: AbortSignal;
  /** As live: a comparison panel draws each node with a lookback of its own scrape interval. */
  nodeLookback?: 'query' | 'scrape-interval';
}

export function evaluatePanelOffline(profile: WorkspaceProfile, panel: WorkspacePanel, reads: readonly StoredRead[], opts: PanelEvalOptions = {}): OfflineEvaluation {
  const p = preparePanel(profile, panel, reads, opts);
  return { spec: p.spec, input: p.input, snapshot: p.snapshot, result: evaluateSnapshot(p.spec, p.ast, p.input, p.snapshot, p.opts) };
}

/** The same, evaluated in a worker thread when the process has them (the app): a hostile panel cannot hold it. */
export async function evaluatePanelOffThread(profile: WorkspaceProfile, panel: WorkspacePanel, reads: readonly StoredRead[], opts: PanelEvalOptions = {}): Promise<OfflineEvaluation> {
  const p = preparePanel(profile, panel, reads, opts);
  return { spec: p.spec, input: p.input, snapshot: p.snapshot, result: await evaluateOffThread(p.spec, p.ast, p.input, p.snapshot, p.opts) };
}

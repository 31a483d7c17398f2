// Panel state ↔ workspace document panels, the input of workspace.save/autosave/bundle, and the workspace's display
// name. Pure: no API calls, no DOM — the session store (session.svelte.ts) does the I/O.
import type { PanelView as DocView, WorkspaceInput, WorkspacePanel, WorkspaceProfile } from '@shared/api/workspace-types';
import type { Unit } from '../graph/units';
import { UNIT_CHOICES } from '../graph/units';
import { newPanel, queryKindFor, type PanelSettings } from '../query/panel-model';
import { effectiveStepMs } from '../query/step';
import { resolveRange } from '../time-range';

/**
 * One panel as the document stores it. stepMs is the step its last run used when known (so reopening evaluates at
 * the same resolution), else what its resolution setting gives without a chart width.
 */
export function toWorkspacePanel(p: PanelSettings, lastStepMs?: number, nowMs = Date.now()): WorkspacePanel {
  const kind = queryKindFor(p.view);
  const { startMs, endMs } = resolveRange(p.range, nowMs);
  const stepMs = kind === 'instant' ? 0 : (lastStepMs ?? effectiveStepMs(p.resolution, endMs - startMs));
  const view: DocView = { mode: p.view };
  if (p.graph.stacked) view.stacked = true;
  if (p.graph.yScale === 'log') view.log = true;
  if (p.graph.fromZero) view.yFromZero = true;
  if (p.graph.unit !== 'auto') view.unit = p.graph.unit;
  const out: WorkspacePanel = {
    id: p.id,
    expr: p.expr,
    kind,
    range: p.range.kind === 'relative' ? { type: 'relative', durationMs: p.range.durationMs } : { type: 'absolute', startMs: p.range.startMs, endMs: p.range.endMs },
    stepMs,
    // The document requires a strategy; "profile default" is written as the merge rrx defaults to.
    strategy: p.strategy ?? 'penalty',
    view,
    comparison: { perNode: p.view === 'compare', findings: p.view === 'compare' },
    answer: { mode: p.mode ?? 'auto', ...(p.delegateTo ? { delegateTo: p.delegateTo } : {}) },
  };
  return out;
}

const KNOWN_UNITS = new Set<string>(UNIT_CHOICES.map((u) => u.value));

/** A stored panel back into editable panel settings (the opposite of toWorkspacePanel, as far as they overlap). */
export function fromWorkspacePanel(w: WorkspacePanel): PanelSettings {
  const base = newPanel(w.expr);
  const range: PanelSettings['range'] =
    w.range.type === 'absolute' ? { kind: 'absolute', startMs: w.range.startMs, endMs: w.range.endMs } : { kind: 'relative', durationMs: w.range.durationMs };
  return {
    ...base,
    id: w.id,
    range,
    // The saved step is what the snapshot was read at: keep it fixed so the offline result matches.
    resolution: w.kind === 'range' && w.stepMs > 0 ? { mode: 'fixed', stepMs: w.stepMs } : { mode: 'auto' },
    view: w.kind === 'instant' && w.view.mode !== 'table' ? 'table' : w.view.mode,
    strategy: w.strategy,
    // Files from before issue 16 have no answer: auto, the default.
    ...(w.answer && w.answer.mode !== 'auto' ? { mode: w.answer.mode } : {}),
    ...(w.answer?.delegateTo ? { delegateTo: w.answer.delegateTo } : {}),
    graph: {
      stacked: !!w.view.stacked,
      yScale: w.view.log ? 'log' : 'linear',
      fromZero: !!w.view.yFromZero,
      unit: w.view.unit && KNOWN_UNITS.has(w.view.unit) ? (w.view.unit as Unit) : 'auto',
    },
  };
}

export interface InputSource {
  /** The app profile the panels run against (live work). */
  profileId?: string;
  /** The opened workspace's cluster, when there is no matching app profile. */
  profile?: WorkspaceProfile;
  createdAt?: string;
}

export function buildWorkspaceInput(panels: readonly PanelSettings[], src: InputSource, lastSteps: Record<string, number> = {}, nowMs = Date.now()): WorkspaceInput {
  const input: WorkspaceInput = { panels: panels.filter((p) => p.expr.trim()).map((p) => toWorkspacePanel(p, lastSteps[p.id], nowMs)) };
  if (src.profileId) input.profileId = src.profileId;
  else if (src.profile) input.profile = src.profile;
  if (src.createdAt) input.createdAt = src.createdAt;
  return input;
}

/** Only the queryIds of panels that are saved, so a closed panel's query is not asked for. */
export function queryIdsFor(input: WorkspaceInput, queryIds: Record<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const p of input.panels) if (queryIds[p.id]) out[p.id] = queryIds[p.id];
  return Object.keys(out).length ? out : undefined;
}

/** "/home/ana/inc/db-outage.rrxw" → "db-outage". */
export function workspaceName(path: string | null | undefined): string {
  if (!path) return 'Untitled';
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.rrxw$/i, '') || base;
}

/** Window title: "● name — Remote Read Explorer" while there are unsaved changes. */
export function windowTitle(name: string, dirty: boolean): string {
  return `${dirty ? '● ' : ''}${name} — Remote Read Explorer`;
}

/** What counts as a change worth saving: panels' saved fields, not results or ids' order of creation. */
export function panelsFingerprint(panels: readonly PanelSettings[]): string {
  return JSON.stringify(panels.map(({ id, expr, range, resolution, view, strategy, mode, delegateTo, graph }) => ({ id, expr, range, resolution, view, strategy, mode, delegateTo, graph })));
}

// A query panel's settings (expression, range, resolution, view) and the QueryRequest built from them. Pure: the
// caller passes now and the chart width so a run is reproducible.
import type { MergeStrategy } from '@shared/api/profile-types';
import type { QueryKind, QueryMode, QueryRequest } from '@shared/api/query-types';
import type { Unit } from '../graph/units';
import { resolveRange, type TimeRange } from '../time-range';
import { effectiveStepMs, type Resolution } from './step';

export type PanelView = 'graph' | 'table' | 'compare';

export interface GraphSettings {
  stacked: boolean;
  yScale: 'linear' | 'log';
  fromZero: boolean;
  unit: Unit | 'auto';
}

export interface PanelSettings {
  id: string;
  expr: string;
  range: TimeRange;
  resolution: Resolution;
  view: PanelView;
  /** undefined = the profile's default strategy. */
  strategy?: MergeStrategy;
  /** How to answer (local, pushdown, delegate); undefined = auto. Saved in workspaces (`answer`). */
  mode?: QueryMode;
  /** The delegate engine's name; undefined = the profile's first engine. */
  delegateTo?: string;
  /** This panel's memory budget after "raise the budget", bytes; undefined = the profile's. Not saved in workspaces. */
  maxMemoryBytes?: number;
  graph: GraphSettings;
}

let panelSeq = 0;

export function newPanel(expr = ''): PanelSettings {
  return {
    id: `p${Date.now().toString(36)}${++panelSeq}`,
    expr,
    range: { kind: 'relative', durationMs: 3_600_000 },
    resolution: { mode: 'auto' },
    view: 'graph',
    graph: { stacked: false, yScale: 'linear', fromZero: false, unit: 'auto' },
  };
}

/** The graph and compare views need a range query; the table asks for the instant value at the range end. */
export function queryKindFor(view: PanelView): QueryKind {
  return view === 'table' ? 'instant' : 'range';
}

export function newQueryId(): string {
  const rnd = Math.random().toString(36).slice(2, 8);
  return `q${Date.now().toString(36)}${rnd}`;
}

export function buildQueryRequest(p: PanelSettings, profileId: string, nowMs: number, widthPx: number | undefined, queryId = newQueryId()): QueryRequest {
  const { startMs, endMs } = resolveRange(p.range, nowMs);
  const kind = queryKindFor(p.view);
  const req: QueryRequest = { queryId, profileId, expr: p.expr.trim(), kind };
  if (kind === 'range') {
    req.startMs = startMs;
    req.endMs = endMs;
    req.stepMs = effectiveStepMs(p.resolution, endMs - startMs, widthPx);
    // Per-node results and findings feed only the compare view; asking for them in the graph would triple the data.
    req.perNode = p.view === 'compare';
    if (p.view === 'compare') req.findings = true;
  } else {
    req.timeMs = endMs;
  }
  if (p.strategy) req.strategy = p.strategy;
  if (p.mode) req.mode = p.mode;
  if (p.delegateTo && (p.mode === 'delegate' || !p.mode)) req.delegateTo = p.delegateTo;
  if (p.maxMemoryBytes) req.maxMemoryBytes = p.maxMemoryBytes;
  return req;
}

// The open query panels, remembered across restarts in localStorage (expressions, ranges, views — never results).
// Pure parsing with a fallback, so a corrupt or old entry cannot stop the app from starting.
import { newPanel, type PanelSettings } from '../query/panel-model';

export const WORKSPACE_KEY = 'rrx.workspace.v1';

/** Example the first start runs against the demo cluster, so a newcomer sees a chart without typing. */
export const DEMO_QUERY = 'rate(node_network_receive_bytes_total[5m])';

export function parseWorkspace(text: string | null): PanelSettings[] | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as { panels?: unknown };
    if (!Array.isArray(v.panels)) return null;
    const out: PanelSettings[] = [];
    for (const p of v.panels as Partial<PanelSettings>[]) {
      if (!p || typeof p.expr !== 'string') continue;
      const base = newPanel(p.expr);
      out.push({
        ...base,
        range: p.range && (p.range.kind === 'relative' || p.range.kind === 'absolute') ? p.range : base.range,
        resolution: p.resolution && ['auto', 'factor', 'fixed'].includes(p.resolution.mode) ? p.resolution : base.resolution,
        view: p.view === 'table' || p.view === 'compare' ? p.view : 'graph',
        strategy: p.strategy,
        graph: { ...base.graph, ...(p.graph ?? {}) },
      });
    }
    return out.length ? out : null;
  } catch {
    return null;
  }
}

export function serializeWorkspace(panels: readonly PanelSettings[]): string {
  return JSON.stringify({ panels: panels.map(({ expr, range, resolution, view, strategy, graph }) => ({ expr, range, resolution, view, strategy, graph })) });
}

/** First start (nothing saved): one panel; with the demo cluster active it carries the example and runs at once. */
export function initialPanels(saved: PanelSettings[] | null, demoActive: boolean): { panels: PanelSettings[]; autorun: boolean } {
  if (saved) return { panels: saved, autorun: false };
  return { panels: [newPanel(demoActive ? DEMO_QUERY : '')], autorun: demoActive };
}

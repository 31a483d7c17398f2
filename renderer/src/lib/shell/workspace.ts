// The open query panels, remembered across restarts in localStorage (expressions, ranges, views — never results).
// Pure parsing with a fallback, so a corrupt or old entry cannot stop the app from starting.
import { newPanel, type PanelSettings } from '../query/panel-model';

export const WORKSPACE_KEY = 'rrx.workspace.v1';

/** Examples the first start runs against the demo cluster, so a newcomer sees a chart and a comparison untyped. */
export const DEMO_QUERY = 'rate(node_network_receive_bytes_total[5m])';
/** The demo plants a 4-minute gap and a counter reset on replica B in this series within the last 3 hours. */
export const DEMO_COMPARE_QUERY = 'node_network_receive_bytes_total{instance="node-1:9100", device="eth0"}';
const DEMO_RANGE_MS = 3 * 3_600_000;

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

/**
 * First start (nothing saved): with the demo cluster active, a merged graph (penalty merge, so the planted counter
 * reset does not zig-zag the rate) and a per-node comparison of the series with the gap and reset, both run at
 * once. Otherwise one empty panel.
 */
export function initialPanels(saved: PanelSettings[] | null, demoActive: boolean): { panels: PanelSettings[]; autorun: boolean } {
  if (saved) return { panels: saved, autorun: false };
  if (!demoActive) return { panels: [newPanel('')], autorun: false };
  const range = { kind: 'relative' as const, durationMs: DEMO_RANGE_MS };
  const graph: PanelSettings = { ...newPanel(DEMO_QUERY), range, strategy: 'penalty' };
  const compare: PanelSettings = { ...newPanel(DEMO_COMPARE_QUERY), range, view: 'compare' };
  return { panels: [graph, compare], autorun: true };
}

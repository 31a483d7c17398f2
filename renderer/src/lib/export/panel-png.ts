// A panel's chart as a PNG: finds the panel's uPlot canvas, describes it (title, range, cluster and nodes, legend)
// from the result the panel shows, and renders it with png-render.ts. Also collects every panel's PNG for a bundle.
import { legendItems } from '../graph/legend';
import { snapshotLines } from '../graph/offscreen-lines';
import { whenPainted } from '../graph/progressive-paint';
import { timeSettings } from '../shell/time-settings.svelte';
import { formatMoment } from '../time-format';
import { session, type ShownResult } from '../workspace/session.svelte';
import { blobToBase64 } from './download';
import { pageColors, renderChartPng, type LineLayer, type RenderedPng } from './png-render';

/** In the window's one time format (local or UTC, 12 or 24 h), as the axes and findings write it. */
function fmtTime(ms: number): string {
  return formatMoment(ms, timeSettings.format);
}

function fmtStep(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

/** The header lines under the title: time range with step and merge, then cluster and nodes. */
export function describeResult(s: ShownResult): string[] {
  const v = s.view;
  const range = v.kind === 'range' ? `${fmtTime(v.startMs)} → ${fmtTime(v.endMs)} · step ${fmtStep(v.stepMs)}` : `at ${fmtTime(v.endMs)}`;
  const lines = [`${range} · merge ${v.strategy}${s.offline ? ' · offline snapshot' : ''}`];
  lines.push(`Cluster ${s.clusterName} · nodes ${s.nodes.join(', ') || '—'}`);
  return lines;
}

/** The main chart of a panel (not the small per-node plots of the compare view). */
export function panelChartCanvas(panelEl: Element): HTMLCanvasElement | null {
  return panelEl.querySelector<HTMLCanvasElement>('[data-testid="graph-chart"] canvas:not(.u-lines)') ?? panelEl.querySelector<HTMLCanvasElement>('.uplot canvas:not(.u-lines)');
}

export async function renderPanelPng(panelEl: Element, panelId: string): Promise<RenderedPng> {
  const canvas = panelChartCanvas(panelEl);
  const shown = session.shown[panelId];
  if (!canvas || !shown) throw new Error('This panel has no chart to export: run it in Graph view first.');
  await whenPainted(canvas);
  const series = shown.view.merged.series;
  const legend = legendItems(series.map((s) => s.labels)).map((it) => ({ label: it.label, color: it.color }));
  return renderChartPng(canvas, { title: shown.view.expr, lines: describeResult(shown), legend }, pageColors(panelEl), await lineLayer(canvas));
}

/** The worker-drawn lines over this chart canvas, placed as they are on screen; null when uPlot drew them itself. */
export async function lineLayer(chartCanvas: HTMLCanvasElement): Promise<LineLayer | null> {
  const el = chartCanvas.parentElement?.querySelector<HTMLCanvasElement>('canvas.u-lines');
  if (!el) return null;
  const image = await snapshotLines(el);
  return image ? { image, left: el.offsetLeft - chartCanvas.offsetLeft, top: el.offsetTop - chartCanvas.offsetTop, width: el.clientWidth, height: el.clientHeight } : null;
}

/** PNGs of every panel that shows a chart, base64 for export.bundle; panels without one are skipped. */
export async function collectPanelPngs(root: ParentNode): Promise<{ panelId: string; name?: string; base64: string }[]> {
  const out: { panelId: string; name?: string; base64: string }[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('[data-testid="query-panel"]')) {
    const id = el.dataset.panelId;
    if (!id || !session.shown[id] || !panelChartCanvas(el)) continue;
    try {
      const png = await renderPanelPng(el, id);
      out.push({ panelId: id, name: `panel-${out.length + 1}`, base64: await blobToBase64(png.blob) });
    } catch {
      // A panel that cannot be drawn is left out of the bundle rather than failing it.
    }
  }
  return out;
}

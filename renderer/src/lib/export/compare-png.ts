// The Compare nodes view as a PNG: the merged chart (or the overlay), every node's tile with its shaded gap bands
// (they are painted on the tiles' own canvases), the findings list, and the header the single-panel PNG carries
// (query, range, step, merge, cluster and nodes). Finds the charts in the view's DOM, describes them from the result
// the view shows, and renders with png-render.ts.
import type { QueryResultView } from '@shared/api/query-types';
import { MERGED_COLOR, nodeColor, nodeColorByName } from '../compare/colors';
import { findingLabels, formatCoveredBy, formatFindingDuration, formatTime, sortFindings } from '../compare/findings';
import { whenPainted } from '../graph/progressive-paint';
import { timeSettings } from '../shell/time-settings.svelte';
import type { ShownResult } from '../workspace/session.svelte';
import type { CompareChartSize } from './compare-png-layout';
import { describeResult, lineLayer } from './panel-png';
import { pageColors, renderComparePng, type ChartSource, type RenderedComparePng } from './png-render';

const chartCanvas = (el: Element | null): HTMLCanvasElement | null => el?.querySelector<HTMLCanvasElement>('.uplot canvas:not(.u-lines)') ?? null;

/** A heading as it reads on screen, on one line. */
const headingText = (section: Element | null): string =>
  (section?.querySelector('h4')?.textContent ?? '')
    .replace(/\s+/g, ' ')
    .replace(/(\S)·/g, '$1 ·')
    .trim();

function size(canvas: HTMLCanvasElement, caption: string, color: string): CompareChartSize {
  return { caption, color, width: canvas.clientWidth || canvas.width, height: canvas.clientHeight || canvas.height };
}

/** One line per finding, as the table's row reads: kind, severity, node, start, duration, cover, series, detail. */
export function findingLines(view: QueryResultView): { text: string; color: string }[] {
  const problems = sortFindings((view.findings ?? []).filter((f) => f.kind !== 'offset'));
  return problems.map((f) => ({
    text: [f.kind, f.severity, f.node, formatTime(f.startMs, timeSettings.format), formatFindingDuration(f.durationMs), `covered by ${formatCoveredBy(f.coveredBy)}`, findingLabels(f), f.detail].filter(Boolean).join(' · '),
    color: nodeColorByName(view.nodes, f.node),
  }));
}

export async function renderComparePanelPng(compareEl: Element, shown: ShownResult): Promise<RenderedComparePng> {
  const view = shown.view;
  const overlaySection = compareEl.querySelector('[data-testid="compare-overlay"]');
  const mergedSection = overlaySection ?? compareEl.querySelector('[data-testid="compare-merged"]');
  const merged = chartCanvas(mergedSection?.querySelector(overlaySection ? '[data-testid="compare-chart-overlay"]' : '[data-testid="compare-chart-merged"]') ?? null);
  if (!mergedSection || !merged) throw new Error('The comparison has no chart to export: run the panel over a range first.');

  const sources: ChartSource[] = [];
  const add = async (canvas: HTMLCanvasElement): Promise<void> => {
    await whenPainted(canvas);
    sources.push({ canvas, lines: await lineLayer(canvas) });
  };
  await add(merged);
  const tiles: CompareChartSize[] = [];
  for (const n of view.nodes) {
    const section = compareEl.querySelector(`[data-testid="compare-node"][data-node="${CSS.escape(n.name)}"]`);
    const canvas = chartCanvas(section?.querySelector(`[data-testid="compare-chart-${n.index}"]`) ?? null);
    // A node that failed (or returned no series) has no chart on screen either; the header still names it.
    if (!canvas) continue;
    await add(canvas);
    tiles.push(size(canvas, headingText(section), nodeColor(n.index)));
  }
  const findings = findingLines(view);
  const notes = (view.findings ?? []).filter((f) => f.kind === 'offset').length;
  return renderComparePng(
    sources,
    {
      title: view.expr,
      lines: [...describeResult(shown), `Compare nodes · exported ${formatTime(Date.now(), timeSettings.format)}`],
      merged: size(merged, headingText(mergedSection), MERGED_COLOR),
      tiles,
      findingsTitle: findings.length ? `Findings · ${findings.length}${notes ? ` (and ${notes} scrape-timing notes)` : ''}` : 'Findings · none: no gaps, resets, divergences or one-sided series in this range',
      findings,
    },
    pageColors(compareEl),
  );
}

// uPlot options for the comparison's charts: the graph's own option builder (axes, units, gaps as gaps, zoom by
// drag) plus what small multiples need — a shared cursor (uPlot cursor.sync on one key), colour by node rather
// than by series, the chosen series drawn bold, and a report of the plot box so the provenance strip lines up with
// the merged chart's x axis. Pure: no uPlot runtime, no DOM beyond reading the plot's own elements in a hook.
import type uPlot from 'uplot';
import { buildUPlotOptions, type ChartOptionsInput } from '../graph/uplot-options';
import { withHooks } from '../graph/uplot-hooks';

export interface CompareLine {
  label: string;
  color: string;
  /** The selected series: drawn bold; the rest thin and translucent so the selection reads at a glance. */
  bold: boolean;
  dashed?: boolean;
  /** Drawn wide and translucent underneath (the merged line in the overlay, so node lines on top stay visible). */
  wide?: boolean;
}

export interface PlotBox {
  /** Left edge of the plotting area inside the chart, CSS px. */
  left: number;
  width: number;
}

/** A stretch to shade on the plot (a node's gap, or the finding the user picked), unix ms. */
export interface Band {
  startMs: number;
  endMs: number;
  color: string;
  /** Fill opacity; default 0.18. */
  alpha?: number;
}

export interface CompareChartInput extends Omit<ChartOptionsInput, 'series' | 'stacked'> {
  lines: readonly CompareLine[];
  syncKey: string;
  onPlotBox?: (box: PlotBox) => void;
  /** Shaded under the lines, in order. */
  bands?: readonly Band[];
}

/** Canvas x extent of a band, clipped to the plot box; null when it is out of view. At least 2 px wide so an
 * instant finding (a reset) still shows. Positions in canvas pixels, as uPlot's draw hooks use. */
export function bandPixels(startPx: number, endPx: number, plotLeft: number, plotWidth: number): { x: number; width: number } | null {
  const lo = Math.max(plotLeft, Math.min(startPx, endPx));
  const hi = Math.min(plotLeft + plotWidth, Math.max(startPx, endPx));
  if (hi < plotLeft || lo > plotLeft + plotWidth) return null;
  const w = Math.max(2, hi - lo);
  return { x: Math.min(lo, plotLeft + plotWidth - w), width: w };
}

/** `#rrggbb` → `#rrggbbaa`; other colour syntaxes pass through unchanged. */
export function withAlpha(color: string, alpha: number): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) return color;
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255);
  return `${color}${a.toString(16).padStart(2, '0')}`;
}

export function buildCompareOptions(input: CompareChartInput): uPlot.Options {
  let o = buildUPlotOptions({
    ...input,
    stacked: false,
    series: input.lines.map((l) => ({ label: l.label, color: l.color, show: true })),
  });
  input.lines.forEach((l, i) => {
    const s = o.series[i + 1];
    s.width = l.bold ? 2 : 1;
    s.stroke = l.bold ? l.color : withAlpha(l.color, 0.45);
    if (l.dashed) s.dash = [6, 3];
    if (l.wide) {
      s.width = 5;
      s.stroke = withAlpha(l.color, 0.55);
    }
  });
  // setSeries off: focusing a series in one tile must not dim unrelated series (by index) in the others.
  o.cursor = { ...o.cursor, sync: { key: input.syncKey, setSeries: false } };
  const bands = input.bands ?? [];
  if (bands.length) {
    o = withHooks(o, {
      // Under the series: drawClear runs after the canvas is cleared and before the lines are drawn. The drawn
      // boxes are noted on the chart's root (data-band-px, canvas px) so a test can look at the pixels there.
      drawClear: [
        (u) => {
          const drawn: { x: number; y: number; width: number; height: number }[] = [];
          u.ctx.save();
          for (const band of bands) {
            const px = bandPixels(u.valToPos(band.startMs / 1000, 'x', true), u.valToPos(band.endMs / 1000, 'x', true), u.bbox.left, u.bbox.width);
            if (!px) continue;
            u.ctx.fillStyle = withAlpha(band.color, band.alpha ?? 0.18);
            u.ctx.fillRect(px.x, u.bbox.top, px.width, u.bbox.height);
            drawn.push({ x: Math.round(px.x), y: Math.round(u.bbox.top), width: Math.round(px.width), height: Math.round(u.bbox.height) });
          }
          u.ctx.restore();
          u.root.dataset.bandPx = JSON.stringify(drawn);
        },
      ],
    });
  }
  const onBox = input.onPlotBox;
  if (onBox) {
    // On every draw, because the y axis resizes to its tick labels after the plot is built (a new scale, a new
    // zoom); reported only when it changed so the strip is not re-rendered on each cursor move.
    let last = { left: -1, width: -1 };
    const report = (u: uPlot) => {
      const box = { left: u.over.offsetLeft, width: u.over.clientWidth };
      if (box.left !== last.left || box.width !== last.width) onBox((last = box));
    };
    o = withHooks(o, { draw: [report] });
  }
  return o;
}

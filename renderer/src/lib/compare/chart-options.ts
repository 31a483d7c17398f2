// uPlot options for the comparison's charts: the graph's own option builder (axes, units, gaps as gaps, zoom by
// drag) plus what small multiples need — a shared cursor (uPlot cursor.sync on one key), colour by node rather
// than by series, the chosen series drawn bold, and a report of the plot box so the provenance strip lines up with
// the merged chart's x axis. Pure: no uPlot runtime, no DOM beyond reading the plot's own elements in a hook.
import type uPlot from 'uplot';
import { buildUPlotOptions, type ChartOptionsInput } from '../graph/uplot-options';

export interface CompareLine {
  label: string;
  color: string;
  /** The selected series: drawn bold; the rest thin and translucent so the selection reads at a glance. */
  bold: boolean;
  dashed?: boolean;
}

export interface PlotBox {
  /** Left edge of the plotting area inside the chart, CSS px. */
  left: number;
  width: number;
}

export interface CompareChartInput extends Omit<ChartOptionsInput, 'series' | 'stacked'> {
  lines: readonly CompareLine[];
  syncKey: string;
  onPlotBox?: (box: PlotBox) => void;
}

/** `#rrggbb` → `#rrggbbaa`; other colour syntaxes pass through unchanged. */
export function withAlpha(color: string, alpha: number): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) return color;
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255);
  return `${color}${a.toString(16).padStart(2, '0')}`;
}

export function buildCompareOptions(input: CompareChartInput): uPlot.Options {
  const o = buildUPlotOptions({
    ...input,
    stacked: false,
    series: input.lines.map((l) => ({ label: l.label, color: l.color, show: true })),
  });
  input.lines.forEach((l, i) => {
    const s = o.series[i + 1];
    s.width = l.bold ? 2 : 1;
    s.stroke = l.bold ? l.color : withAlpha(l.color, 0.45);
    if (l.dashed) s.dash = [6, 3];
  });
  // setSeries off: focusing a series in one tile must not dim unrelated series (by index) in the others.
  o.cursor = { ...o.cursor, sync: { key: input.syncKey, setSeries: false } };
  const onBox = input.onPlotBox;
  if (onBox) {
    o.hooks = {
      ...o.hooks,
      setSize: [...(o.hooks?.setSize ?? []), (u) => onBox({ left: u.over.offsetLeft, width: u.over.clientWidth })],
      ready: [...(o.hooks?.ready ?? []), (u) => onBox({ left: u.over.offsetLeft, width: u.over.clientWidth })],
    };
  }
  return o;
}

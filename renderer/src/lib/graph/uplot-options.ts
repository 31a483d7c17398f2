// Builds uPlot options for a query graph: series styles, gaps as gaps, log/linear and from-zero y scales, stacking
// bands, unit-aware axes, and the cursor/selection hooks the Graph turns into tooltip and zoom. Pure: no uPlot
// runtime import, no DOM, so it is unit-tested in Node. UPlotChart.svelte only creates/updates/destroys the plot.
import type uPlot from 'uplot';
import type { YColumn } from './align';
import type { Unit } from './units';
import { linearLabels, linearSplits, logLabels, logSplits } from './ticks';
import { timeAxisLabels, timeAxisSpace } from './time-axis';
import { DEFAULT_TIME_FORMAT, type TimeFormat } from '../time-format';

export interface ChartSeriesSpec {
  label: string;
  color: string;
  show: boolean;
}

export interface ChartTheme {
  axis: string;
  grid: string;
}

export interface CursorInfo {
  idx: number | null;
  left: number;
  top: number;
  /** Cursor position in y data units (for nearest-series hit testing). */
  yValue: number | null;
}

export interface ChartOptionsInput {
  width: number;
  height: number;
  series: readonly ChartSeriesSpec[];
  unit: Unit;
  yScale: 'linear' | 'log';
  fromZero: boolean;
  stacked: boolean;
  theme: ChartTheme;
  /** Data extent to scale to instead of the plot's own (small multiples sharing one y scale). */
  yExtent?: [number, number] | null;
  onCursor?: (c: CursorInfo) => void;
  /** Drag-selected x range in unix seconds; the chart does not zoom itself (the Graph keeps an undo stack). */
  onZoom?: (minSec: number, maxSec: number) => void;
  /** How the x axis writes times (the window's setting); local 24 h by default. */
  timeFormat?: TimeFormat;
}

/** Above this many series the cursor draws no per-series hover dots (the tooltip still names the nearest). */
export const MAX_CURSOR_POINTS = 50;

/** Minimum drag width in pixels that counts as a zoom (smaller is a click). */
export const MIN_ZOOM_PX = 5;

/** y range: padded min/max, optionally pinned to include zero; sane when the data is flat or empty. */
export function yRange(min: number | null, max: number | null, fromZero: boolean, log: boolean): [number, number] {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return log ? [1, 10] : [0, 1];
  if (log) {
    const lo = Math.max(min, Number.MIN_VALUE);
    return [Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10))))];
  }
  if (fromZero) {
    min = Math.min(0, min);
    max = Math.max(0, max);
  }
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    return [fromZero && min >= 0 ? 0 : min - pad, max + pad];
  }
  const pad = (max - min) * 0.05;
  return [fromZero && min >= 0 ? 0 : min - pad, fromZero && max <= 0 ? 0 : max + pad];
}

/** Log scales cannot show ≤ 0: those points become gaps rather than breaking the scale. */
export function forLogScale(ys: readonly YColumn[]): YColumn[] {
  return ys.map((col) => {
    if (col instanceof Float64Array && col.every((v) => v > 0)) return col;
    return Array.from(col, (v: number | null) => (v !== null && v > 0 ? v : null));
  });
}

/** Width of the y axis from its longest tick label (uPlot calls this with the formatted labels). */
export function yAxisSize(_u: unknown, values: readonly string[] | null): number {
  const longest = values?.reduce((m, v) => Math.max(m, String(v ?? '').length), 0) ?? 6;
  return Math.max(40, Math.round(longest * 7.2 + 22));
}

/** The plot's height in CSS px (uPlot's bbox is in canvas px). */
function plotHeightPx(u: uPlot): number {
  const ratio = (globalThis as { devicePixelRatio?: number }).devicePixelRatio || 1;
  return (u.bbox?.height ?? 300) / ratio;
}

export function buildUPlotOptions(input: ChartOptionsInput): uPlot.Options {
  const log = input.yScale === 'log';
  // The labels last drawn, noted on the chart's root after each draw (data-x-ticks, data-y-ticks): the axes are
  // canvas text, and this is how a test (or devtools) reads what the user sees.
  const drawn = { x: [] as string[], y: [] as string[] };
  const note = <T extends string[]>(k: 'x' | 'y', labels: T): T => ((drawn[k] = labels), labels);
  const series: uPlot.Series[] = [
    {},
    ...input.series.map(
      (s): uPlot.Series => ({
        label: s.label,
        stroke: s.color,
        // Whole-pixel lines draw markedly faster; thin lines also read better when there are many.
        width: input.series.length > MAX_CURSOR_POINTS ? 1 : 1.5,
        show: s.show,
        // A missing step is a missing sample (gap, dead node, stale series): never draw across it.
        spanGaps: false,
        points: { show: false },
        fill: input.stacked ? `${s.color}55` : undefined,
      }),
    ),
  ];
  // Stacked: fill between each visible series and the visible one beneath it.
  const bands: uPlot.Band[] = [];
  if (input.stacked) {
    let prev = -1;
    input.series.forEach((s, i) => {
      if (!s.show) return;
      if (prev >= 0) bands.push({ series: [i + 1, prev + 1] });
      prev = i;
    });
  }
  const axis = (extra: Partial<uPlot.Axis>): uPlot.Axis => ({
    stroke: input.theme.axis,
    grid: { stroke: input.theme.grid, width: 1 },
    ticks: { stroke: input.theme.grid, width: 1 },
    ...extra,
  });
  return {
    width: input.width,
    height: input.height,
    series,
    bands,
    legend: { show: false },
    scales: {
      x: { time: true },
      y: {
        distr: log ? 3 : 1,
        log: 10,
        range: (_u, min, max) => (input.yExtent ? yRange(input.yExtent[0], input.yExtent[1], input.fromZero, log) : yRange(min, max, input.fromZero, log)),
      },
    },
    axes: [
      axis({
        space: timeAxisSpace(input.timeFormat ?? DEFAULT_TIME_FORMAT),
        values: (_u, splits, _ax, _space, incr) => note('x', timeAxisLabels(splits, incr, input.timeFormat ?? DEFAULT_TIME_FORMAT)),
      }),
      axis({
        size: yAxisSize,
        // Round steps in the unit's own base (see ticks.ts); on a log scale whole decades only.
        splits: (u, _ax, min, max, incr) => (log ? logSplits(min, max, Math.max(2, Math.floor(plotHeightPx(u) / 22))) : linearSplits(min, max, incr, input.unit)),
        values: (_u, splits) => note('y', log ? logLabels(splits, input.unit) : linearLabels(splits, splits.length > 1 ? splits[1] - splits[0] : 1, input.unit)),
      }),
    ],
    cursor: {
      drag: { x: true, y: false, setScale: false },
      // One hover dot per series is a DOM node each: past a few dozen series they cost more than they tell.
      points: { size: 7, show: input.series.length <= MAX_CURSOR_POINTS },
      // Focus dims every other line, which repaints them all: past a few dozen series that repaint is slow enough
      // (and spread over frames by the progressive painter) to flicker on every hover, so it is off.
      focus: { prox: input.series.length <= MAX_CURSOR_POINTS ? 24 : -1 },
    },
    focus: { alpha: 0.35 },
    hooks: {
      draw: [
        (u) => {
          if (!u.root?.dataset) return;
          u.root.dataset.xTicks = drawn.x.join('|');
          u.root.dataset.yTicks = drawn.y.join('|');
        },
      ],
      setCursor: [
        (u) => {
          const c = u.cursor;
          const top = c.top ?? -1;
          input.onCursor?.({ idx: c.idx ?? null, left: c.left ?? -1, top, yValue: top >= 0 ? u.posToVal(top, 'y') : null });
        },
      ],
      setSelect: [
        (u) => {
          const sel = u.select;
          if (sel.width >= MIN_ZOOM_PX) {
            const min = u.posToVal(sel.left, 'x');
            const max = u.posToVal(sel.left + sel.width, 'x');
            input.onZoom?.(min, max);
          }
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        },
      ],
    },
  };
}

// Where the heatmap's cells land and which cell a pointer is over: a column per sample spans half a step either
// side of its timestamp, a row spans its bucket on the y axis (y-scale.ts); every cell is at least one pixel so a
// narrow bucket or a dense range never vanishes. The rasterizer writes RGBA straight into an ImageData buffer,
// resumably (advance with a deadline), so a few thousand steps × ~100 buckets are painted in slices. Pure.
import { RAMP, rampIndex, ZERO_RGB, type ColorScale } from './colors';
import type { HeatGrid } from './grid';
import type { YAxis } from './y-scale';

/** What the plot shows: time (unix ms) across, axis units (YAxis) up. */
export interface HeatView {
  xMinMs: number;
  xMaxMs: number;
  yMin: number;
  yMax: number;
}

/** The plotting area, in the pixels of whatever is drawn (CSS px for hit tests, device px for the raster). */
export interface PlotRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Half the width of each column, ms: half the step (range queries), else half the smallest spacing. */
export function halfColumnMs(timestamps: ArrayLike<number>, stepMs: number): number {
  if (stepMs > 0) return stepMs / 2;
  let min = Infinity;
  for (let i = 1; i < timestamps.length; i++) min = Math.min(min, timestamps[i] - timestamps[i - 1]);
  return Number.isFinite(min) && min > 0 ? min / 2 : 30_000;
}

export function xToPx(tMs: number, v: HeatView, r: PlotRect): number {
  return r.left + ((tMs - v.xMinMs) / (v.xMaxMs - v.xMinMs)) * r.width;
}

export function pxToMs(x: number, v: HeatView, r: PlotRect): number {
  return v.xMinMs + ((x - r.left) / r.width) * (v.xMaxMs - v.xMinMs);
}

export function yToPx(a: number, v: HeatView, r: PlotRect): number {
  return r.top + (1 - (a - v.yMin) / (v.yMax - v.yMin)) * r.height;
}

/** Integer pixel span [from, to) of an interval, at least one pixel, clipped to [lo, hi). Empty: from >= to. */
function span(a: number, b: number, lo: number, hi: number): [number, number] {
  let from = Math.floor(Math.min(a, b));
  let to = Math.ceil(Math.max(a, b));
  if (to <= from) to = from + 1;
  from = Math.max(lo, from);
  to = Math.min(hi, to);
  return [from, to];
}

/** Row pixel spans (top, bottom exclusive) inside a rect, as Int32Arrays. */
export function rowSpans(axis: YAxis, v: HeatView, r: PlotRect): { top: Int32Array; bottom: Int32Array } {
  const n = axis.rowLo.length;
  const top = new Int32Array(n);
  const bottom = new Int32Array(n);
  const lo = Math.floor(r.top);
  const hi = Math.floor(r.top + r.height);
  for (let i = 0; i < n; i++) {
    [top[i], bottom[i]] = span(yToPx(axis.rowHi[i], v, r), yToPx(axis.rowLo[i], v, r), lo, hi);
  }
  return { top, bottom };
}

/** Paints a grid into an RGBA buffer of width × height (the rect's own pixel grid starting at 0,0), column by column. */
export class HeatRasterizer {
  readonly pixels: Uint8ClampedArray;
  private col = 0;
  private readonly top: Int32Array;
  private readonly bottom: Int32Array;
  private readonly half: number;
  private readonly rect: PlotRect;

  constructor(
    private readonly grid: HeatGrid,
    axis: YAxis,
    private readonly colors: ColorScale,
    private readonly view: HeatView,
    readonly width: number,
    readonly height: number,
    stepMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.pixels = new Uint8ClampedArray(width * height * 4);
    this.rect = { left: 0, top: 0, width, height };
    ({ top: this.top, bottom: this.bottom } = rowSpans(axis, view, this.rect));
    this.half = halfColumnMs(grid.timestamps, stepMs);
  }

  /** Paints columns until `deadline` (in `now()` units); true when all are on. */
  advance(deadline = Infinity): boolean {
    const { grid, view, rect, pixels, width } = this;
    const nRows = grid.rows.length;
    const nCols = grid.timestamps.length;
    while (this.col < nCols) {
      const c = this.col++;
      const t = grid.timestamps[c];
      if (t + this.half < view.xMinMs || t - this.half > view.xMaxMs) continue;
      const [x0, x1] = span(xToPx(t - this.half, view, rect), xToPx(t + this.half, view, rect), 0, width);
      if (x1 <= x0) continue;
      for (let r = 0; r < nRows; r++) {
        const k = rampIndex(grid.values[c * nRows + r], this.colors);
        if (k === -2) continue;
        const red = k < 0 ? ZERO_RGB[0] : RAMP[k * 3];
        const green = k < 0 ? ZERO_RGB[1] : RAMP[k * 3 + 1];
        const blue = k < 0 ? ZERO_RGB[2] : RAMP[k * 3 + 2];
        for (let y = this.top[r]; y < this.bottom[r]; y++) {
          let p = (y * width + x0) * 4;
          for (let x = x0; x < x1; x++, p += 4) {
            pixels[p] = red;
            pixels[p + 1] = green;
            pixels[p + 2] = blue;
            pixels[p + 3] = 255;
          }
        }
      }
      if ((c & 7) === 7 && this.now() >= deadline) return this.col >= nCols;
    }
    return true;
  }
}

export interface HeatHit {
  col: number;
  row: number;
  /** The cell's value (0 where the sample lacks the bucket). */
  value: number;
}

/**
 * The cell under (x, y) in rect coordinates: the column whose half-step window holds the time, the row whose pixel
 * span holds y (rows of mixed schemas can overlap: the narrowest wins). Null outside any cell.
 */
export function hitTest(grid: HeatGrid, axis: YAxis, view: HeatView, rect: PlotRect, stepMs: number, x: number, y: number): HeatHit | null {
  if (x < rect.left || x > rect.left + rect.width || y < rect.top || y > rect.top + rect.height) return null;
  const ts = grid.timestamps;
  if (!ts.length || !grid.rows.length) return null;
  const t = pxToMs(x, view, rect);
  // Nearest timestamp by binary search.
  let lo = 0;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  const col = lo > 0 && Math.abs(ts[lo - 1] - t) <= Math.abs(ts[lo] - t) ? lo - 1 : lo;
  // Within the column's own window, or within its one pixel when the window is narrower than that.
  const half = halfColumnMs(ts, stepMs);
  const halfPx = Math.max(0.5, (half / (view.xMaxMs - view.xMinMs)) * rect.width);
  if (Math.abs(xToPx(ts[col], view, rect) - x) > halfPx + 0.5) return null;
  const { top, bottom } = rowSpans(axis, view, rect);
  let best = -1;
  for (let r = 0; r < grid.rows.length; r++) {
    if (y >= top[r] && y < bottom[r] && (best < 0 || bottom[r] - top[r] < bottom[best] - top[best])) best = r;
  }
  if (best < 0) return null;
  const v = grid.values[col * grid.rows.length + best];
  return { col, row: best, value: v };
}

/** "(0.5, 1]" with Prometheus's brackets for a boundary rule. */
export function boundsText(lower: string, upper: string, rule: 0 | 1 | 2 | 3): string {
  return `${rule === 1 || rule === 3 ? '[' : '('}${lower}, ${upper}${rule === 0 || rule === 3 ? ']' : ')'}`;
}

const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

/** Time ticks (unix s) at the smallest clock step giving at most `maxCount` inside [minS, maxS], and that step. */
export function timeSplits(minS: number, maxS: number, maxCount: number): { splits: number[]; incr: number } {
  const range = maxS - minS;
  if (!(range > 0)) return { splits: [], incr: 1 };
  const incr = TIME_STEPS_S.find((s) => range / s <= Math.max(1, maxCount)) ?? Math.ceil(range / Math.max(1, maxCount) / 86400) * 86400;
  const splits: number[] = [];
  for (let t = Math.ceil(minS / incr) * incr; t <= maxS && splits.length < 200; t += incr) splits.push(t);
  return { splits, incr };
}

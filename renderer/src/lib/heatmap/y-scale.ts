// The heatmap's bucket axis: where each row sits, in axis units that the geometry maps linearly to pixels.
// Log: a symmetric log2 axis, y = ±(1 + log2(|v| / m)) with m the innermost bucket bound, so each octave of an
// exponential schema gets the same height, negative buckets mirror the positive ones, and the zero bucket fills
// [-1, 1] however small its threshold (a threshold of 2^-128 would otherwise be invisible, or stretch the axis
// over a hundred octaves). Linear: y = v (custom buckets' natural reading). Infinite bounds (custom buckets' +Inf,
// -Inf) are drawn one typical bucket wide. Ticks at whole decades (log) or round steps of the unit (linear). Pure.
import { linearSplits } from '../graph/ticks';
import { formatValue, type Unit } from '../graph/units';
import type { HeatRow } from './grid';

export type HeatYScale = 'log' | 'linear';

export interface YAxis {
  scale: HeatYScale;
  /** Per row, its bottom and top in axis units (bottom < top). */
  rowLo: Float64Array;
  rowHi: Float64Array;
  /** The axis extent, axis units. */
  min: number;
  max: number;
  /** Bucket bound (value) → axis units. */
  toAxis(v: number): number;
}

export interface AxisTick {
  /** Axis units. */
  pos: number;
  label: string;
}

/** The scale a grid starts on: log for exponential schemas, linear for custom buckets. */
export function defaultYScale(custom: boolean): HeatYScale {
  return custom ? 'linear' : 'log';
}

function logAxis(m: number): (v: number) => number {
  return (v) => {
    const a = Math.abs(v);
    if (a < m) return v / m;
    return Math.sign(v) * (1 + Math.log2(a / m));
  };
}

/**
 * Row extents on the axis. `ref` (default: the rows themselves) fixes the axis's parameters and extent, so tiles of
 * one comparison, given the union of their rows, put equal buckets at equal heights.
 */
export function yAxis(rows: readonly HeatRow[], scale: HeatYScale, ref: readonly HeatRow[] = rows): YAxis {
  if (ref !== rows) {
    const whole = yAxis(ref, scale);
    const own = yAxisWith(rows, scale, ref);
    return { ...own, min: Math.min(whole.min, own.min), max: Math.max(whole.max, own.max) };
  }
  return yAxisWith(rows, scale, ref);
}

function yAxisWith(rows: readonly HeatRow[], scale: HeatYScale, ref: readonly HeatRow[]): YAxis {
  const n = rows.length;
  const rowLo = new Float64Array(n);
  const rowHi = new Float64Array(n);
  if (scale === 'log') {
    // m: the smallest inner (towards zero) bound of a bucket that is not the zero bucket; half its outer bound when
    // the inner one is 0 or infinite (custom buckets' first bucket).
    let m = Infinity;
    for (const r of ref) {
      if (r.zero) continue;
      const inner = r.lower >= 0 ? r.lower : r.upper <= 0 ? -r.upper : 0;
      const outer = r.lower >= 0 ? r.upper : r.upper <= 0 ? -r.lower : Math.max(-r.lower, r.upper);
      const cand = inner > 0 && Number.isFinite(inner) ? inner : Number.isFinite(outer) && outer > 0 ? outer / 2 : Infinity;
      if (cand < m) m = cand;
    }
    if (!Number.isFinite(m)) m = ref.find((r) => r.zero)?.upper || 1;
    const t = logAxis(m);
    rows.forEach((r, i) => {
      if (r.zero) {
        rowLo[i] = -1;
        rowHi[i] = 1;
        return;
      }
      let lo = Number.isFinite(r.lower) ? t(r.lower) : NaN;
      let hi = Number.isFinite(r.upper) ? t(r.upper) : NaN;
      // Infinite bounds (and a bucket crossing 0): one octave from the finite side.
      if (Number.isNaN(hi)) hi = lo + 1;
      if (Number.isNaN(lo) || (r.lower < 0 && r.upper > 0)) lo = hi - 1;
      rowLo[i] = lo;
      rowHi[i] = hi;
    });
    return finish(scale, rowLo, rowHi, t);
  }
  // Linear: infinite bounds extend by the median finite width (or 1).
  const widths = ref.map((r) => r.upper - r.lower).filter((w) => Number.isFinite(w) && w > 0).sort((a, b) => a - b);
  const w = widths.length ? widths[widths.length >> 1] : 1;
  rows.forEach((r, i) => {
    let lo = r.lower;
    let hi = r.upper;
    if (!Number.isFinite(hi)) hi = (Number.isFinite(lo) ? lo : 0) + w;
    if (!Number.isFinite(lo)) lo = hi > 0 ? Math.max(0, hi - w) : hi - w;
    rowLo[i] = lo;
    rowHi[i] = hi;
  });
  return finish(scale, rowLo, rowHi, (v) => v);
}

function finish(scale: HeatYScale, rowLo: Float64Array, rowHi: Float64Array, toAxis: (v: number) => number): YAxis {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rowLo.length; i++) {
    if (rowLo[i] < min) min = rowLo[i];
    if (rowHi[i] > max) max = rowHi[i];
  }
  if (!(max > min)) {
    min = Number.isFinite(min) ? min - 1 : 0;
    max = Number.isFinite(max) ? max + 1 : 1;
  }
  return { scale, rowLo, rowHi, min, max, toAxis };
}

/** Ticks for the axis, about `maxCount` at most: whole decades (and 0) on log, the unit's round steps on linear. */
export function yTicks(axis: YAxis, unit: Unit, maxCount: number): AxisTick[] {
  if (axis.scale === 'linear') {
    const splits = linearSplits(axis.min, axis.max, (axis.max - axis.min) / Math.max(1, maxCount), unit);
    return splits.map((v) => ({ pos: v, label: formatValue(v, unit, 3) }));
  }
  const out: AxisTick[] = [];
  if (axis.min < 0 && axis.max > 0) out.push({ pos: 0, label: '0' });
  // Decades whose position falls inside the axis, on either side of zero.
  for (const sign of [1, -1]) {
    const decades: number[] = [];
    for (let e = -30; e <= 30; e++) {
      const v = sign * 10 ** e;
      const p = axis.toAxis(v);
      if (Math.abs(p) >= 1 && p >= axis.min && p <= axis.max) decades.push(v);
    }
    const every = Math.max(1, Math.ceil(decades.length / Math.max(1, maxCount)));
    decades.forEach((v, k) => {
      if (k % every === 0) out.push({ pos: axis.toAxis(v), label: formatValue(v, unit, 3) });
    });
  }
  return out.sort((a, b) => a.pos - b.pos);
}

/** The unit of bucket bounds: the histogram metric's own (…_seconds, …_bytes), whatever function wraps it. */
export function boundsUnit(expr: string): Unit {
  const names = expr.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  if (names.some((n) => /_seconds$/.test(n))) return 'seconds';
  if (names.some((n) => /_bytes$/.test(n))) return 'bytes';
  return 'none';
}

/** What a cell's colour stands for: a per-second rate under rate/irate, else the bucket's count. */
export function cellMeaning(expr: string): string {
  if (/\b(rate|irate)\s*\(/.test(expr)) return 'per second';
  if (/\bincrease\s*\(/.test(expr)) return 'increase';
  return 'count';
}

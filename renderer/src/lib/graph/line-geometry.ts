// Chart line geometry without uPlot: maps one series' samples to canvas pixels and traces its line into a path
// sink, the way uPlot's linear path builder draws it — gaps stay gaps (NaN or null breaks the line), only the
// samples in view (plus one either side, so lines run off the edges) are visited, and when there are many more
// samples than pixel columns each column is drawn as entry → min → max → exit. Pure, typed arrays only: it runs in
// the line worker, and is unit-tested in Node.

/** Where the plot's data range lands on the line canvas (which covers exactly the plot area). */
export interface PlotMapping {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** uPlot's distr 3: log10 scale (the values are > 0; others are gaps already). */
  yLog: boolean;
  /** Canvas pixels. */
  width: number;
  height: number;
}

export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

/** Decimate when a series has at least this many samples per pixel column in view (uPlot's threshold). */
const DECIMATE_PER_PX = 4;

/** First index with xs[i] >= v (xs ascending). */
function lowerBound(xs: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function pixelMapper(m: PlotMapping): { x: (v: number) => number; y: (v: number) => number } {
  const xSpan = m.xMax - m.xMin || 1;
  const lo = m.yLog ? Math.log10(m.yMin) : m.yMin;
  const ySpan = (m.yLog ? Math.log10(m.yMax) : m.yMax) - lo || 1;
  return {
    x: (v) => Math.round(((v - m.xMin) / xSpan) * m.width),
    y: m.yLog ? (v) => Math.round(m.height - ((Math.log10(v) - lo) / ySpan) * m.height) : (v) => Math.round(m.height - ((v - lo) / ySpan) * m.height),
  };
}

/**
 * Traces one series. `ys[i]` NaN is a gap. Returns the number of points emitted (0: nothing in view), which the
 * worker uses to skip stroking an empty path.
 */
export function traceLine(xs: Float64Array, ys: Float64Array, m: PlotMapping, sink: PathSink): number {
  const n = xs.length;
  if (n === 0) return 0;
  const i0 = Math.max(0, lowerBound(xs, m.xMin) - 1);
  const i1 = Math.min(n - 1, lowerBound(xs, m.xMax));
  const px = pixelMapper(m);
  let emitted = 0;
  let open = false;
  const point = (x: number, y: number): void => {
    if (open) sink.lineTo(x, y);
    else sink.moveTo(x, y);
    open = true;
    emitted++;
  };
  if (i1 - i0 < m.width * DECIMATE_PER_PX) {
    for (let i = i0; i <= i1; i++) {
      const v = ys[i];
      if (v !== v) open = false;
      else point(px.x(xs[i]), px.y(v));
    }
    return emitted;
  }
  // Many samples per pixel column: one vertical stroke per column from its min to its max, joined through the
  // column's first and last sample so the shape between columns stays true.
  let col = NaN;
  let first = 0;
  let last = 0;
  let min = 0;
  let max = 0;
  const flush = (): void => {
    if (col !== col) return;
    point(col, px.y(first));
    if (min !== first) sink.lineTo(col, px.y(min));
    if (max !== min) sink.lineTo(col, px.y(max));
    if (last !== max) sink.lineTo(col, px.y(last));
  };
  for (let i = i0; i <= i1; i++) {
    const v = ys[i];
    if (v !== v) {
      flush();
      col = NaN;
      open = false;
      continue;
    }
    const x = px.x(xs[i]);
    if (x !== col) {
      flush();
      col = x;
      first = min = max = v;
    } else if (v < min) min = v;
    else if (v > max) max = v;
    last = v;
  }
  flush();
  return emitted;
}

/** A y column (typed, or with nulls for gaps) as a Float64Array with NaN for gaps, for the worker. */
export function toGapColumn(col: Float64Array | readonly (number | null)[]): Float64Array {
  if (col instanceof Float64Array) return col.slice();
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    out[i] = v === null ? NaN : v;
  }
  return out;
}

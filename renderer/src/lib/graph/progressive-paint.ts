// Paints a uPlot chart's lines in time-boxed slices, one slice per animation frame, instead of uPlot's single
// synchronous pass. uPlot strokes every series in one task: 500 series × 2 000 points is ~150–250 ms of main thread
// in software rendering, during which the window cannot react. Here uPlot keeps everything else (scales, axes,
// cursor, selection, zoom) and draws no lines itself: each series' path builder answers null, so uPlot skips the
// series, and this painter builds and strokes the real paths after uPlot's draw, a few milliseconds at a time. A
// small chart fits in the first slice, which runs inside uPlot's own draw, so it looks exactly as before; a large
// one fills in over a few frames. Any redraw (zoom, resize, new data, legend toggle) clears the canvas and starts a
// new pass, abandoning the old one; paths whose inputs did not change are reused rather than rebuilt.
// Charts normally have their lines drawn by the line worker (offscreen-lines.ts); this painter is the path of
// stacked charts, whose band fills it draws as uPlot would, and of a window where the worker cannot run.
import type uPlot from 'uplot';
import { withLinePainter } from './uplot-hooks';

/** Attribute a chart's host element carries: "painting" while a pass is under way, "done" when every line is on. */
export const PAINT_ATTR = 'data-paint';

export interface PaintProgress {
  painted: number;
  total: number;
  /** Slices this pass has taken so far (1 = painted within uPlot's own draw). */
  slices: number;
  /** How long the latest slice took (ms): the bench reports the longest. */
  sliceMs: number;
  done: boolean;
}

export interface ProgressivePainterOptions {
  /** The real path builder (uPlot.paths.linear()); injected so this module has no uPlot runtime import. */
  buildPaths: uPlot.Series.PathBuilder;
  /** Main-thread time one slice may take before yielding to the next frame. */
  budgetMs?: number;
  /** The same for the slice inside uPlot's own draw, which already spent time on scales and axes in that task. */
  firstSliceMs?: number;
  now?: () => number;
  /** Canvas pixels per CSS pixel (uPlot sizes its canvas by devicePixelRatio). */
  pxRatio?: () => number;
  nextFrame?: (cb: () => void) => number;
  cancelFrame?: (handle: number) => void;
  onProgress?: (p: PaintProgress) => void;
}

export interface ProgressivePainter {
  /** Adds the painter to uPlot options: empty paths for uPlot, the draw and destroy hooks. Returns new options. */
  attach(opts: uPlot.Options): uPlot.Options;
}

interface PathsEntry {
  i0: number;
  i1: number;
  /** What the built paths depend on: the columns, the index window, both scales' ranges and the plot box. */
  key: string;
  xs: unknown;
  ys: unknown;
  built: uPlot.Series.Paths | null;
}

export function createProgressivePainter(o: ProgressivePainterOptions): ProgressivePainter {
  const budget = o.budgetMs ?? 6;
  const firstBudget = o.firstSliceMs ?? 4;
  const now = o.now ?? (() => performance.now());
  const pxRatio = o.pxRatio ?? (() => devicePixelRatio);
  const nextFrame = o.nextFrame ?? ((cb) => requestAnimationFrame(cb));
  const cancelFrame = o.cancelFrame ?? ((h) => cancelAnimationFrame(h));
  /** Per series: the index window uPlot asked for and the paths built for it (dropped when uPlot invalidates). */
  const entries = new Map<number, PathsEntry>();
  /** Series uPlot asked about in the draw under way: only those are painted (none when there is no data). */
  const asked: number[] = [];
  let pending: number | null = null;
  let pass = 0;

  // uPlot asks each shown series for its paths on every draw while they are null: note the index window it wants
  // and keep what was built unless something it depends on moved. Null tells uPlot to draw nothing for the series
  // (not even its clip and style changes, which for 500 series is itself a few milliseconds).
  const paths: uPlot.Series.PathBuilder = (u, seriesIdx, idx0, idx1) => {
    const x = u.scales[u.series[0].scale ?? 'x'];
    const y = u.scales[u.series[seriesIdx].scale ?? 'y'];
    const b = u.bbox;
    const key = `${idx0},${idx1},${x?.min},${x?.max},${y?.min},${y?.max},${b.left},${b.top},${b.width},${b.height}`;
    const xs = u.data[0];
    const ys = u.data[seriesIdx];
    const e = entries.get(seriesIdx);
    if (!e || e.key !== key || e.xs !== xs || e.ys !== ys) entries.set(seriesIdx, { i0: idx0, i1: idx1, key, xs, ys, built: null });
    asked.push(seriesIdx);
    return null;
  };

  function cancel(): void {
    if (pending !== null) cancelFrame(pending);
    pending = null;
  }

  function paintOne(u: uPlot, si: number): void {
    const e = entries.get(si);
    if (!e) return;
    e.built ??= o.buildPaths(u, si, e.i0, e.i1);
    const p = e.built;
    if (!p) return;
    const s = u.series[si];
    const ctx = u.ctx;
    const width = Math.round((p.width ?? s.width ?? 1) * pxRatio() * 1000) / 1000;
    const strokeStyle = p._stroke ?? (typeof s.stroke === 'function' ? s.stroke(u, si) : s.stroke);
    const fillStyle = p._fill ?? (typeof s.fill === 'function' ? s.fill(u, si) : s.fill);
    const { left, top, width: w, height: h } = u.bbox;
    ctx.save();
    ctx.globalAlpha = s.alpha ?? 1;
    // Odd line widths sit on half pixels to stay crisp (uPlot's pxAlign).
    const offset = (width % 2) / 2;
    if (s.pxAlign !== 0 && offset > 0) ctx.translate(offset, offset);
    ctx.beginPath();
    ctx.rect(left - width / 2, top - width / 2, w + width, h + width);
    ctx.clip();
    if (p.clip) ctx.clip(p.clip);
    ctx.strokeStyle = (strokeStyle as string | CanvasGradient | CanvasPattern | null | undefined) ?? 'transparent';
    ctx.lineWidth = width;
    ctx.lineJoin = 'round';
    ctx.lineCap = s.cap ?? 'butt';
    ctx.setLineDash(s.dash ?? []);
    const fill = (style: typeof fillStyle): void => {
      if (p.fill && !(p.fill instanceof Map) && style) {
        ctx.fillStyle = style as string | CanvasGradient | CanvasPattern;
        ctx.fill(p.fill);
      }
    };
    // Stacked mode: where this series is a band's upper edge, its fill stops at the visible series beneath it (the
    // band clip applies to the fill only, as the linear builder's flags say); with no such series, no fill — as uPlot.
    const bands = bandsOf(u);
    const bi = bands.findIndex((b) => b.series[0] === si);
    if (bi < 0) fill(fillStyle);
    else {
      const b = bands[bi];
      const lower = bandBelow(u, b, entries);
      if (lower) {
        ctx.save();
        ctx.clip(lower.clip);
        if (lower.gaps) ctx.clip(lower.gaps);
        fill((typeof b.fill === 'function' ? b.fill(u, bi, fillStyle ?? '') : b.fill) || fillStyle);
        ctx.restore();
      }
    }
    if (p.stroke && !(p.stroke instanceof Map) && width > 0) ctx.stroke(p.stroke);
    ctx.restore();
  }

  function slice(u: uPlot, thisPass: number, queue: number[], progress: PaintProgress): void {
    pending = null;
    if (thisPass !== pass) return;
    const t0 = now();
    progress.slices++;
    const limit = progress.slices === 1 ? firstBudget : budget;
    // Always at least one series per slice, so a pass ends even when one series alone exceeds the budget.
    do paintOne(u, queue[progress.painted++]);
    while (progress.painted < queue.length && now() - t0 < limit);
    progress.done = progress.painted >= queue.length;
    progress.sliceMs = now() - t0;
    o.onProgress?.({ ...progress });
    if (!progress.done) pending = nextFrame(() => slice(u, thisPass, queue, progress));
  }

  function onDraw(u: uPlot): void {
    cancel();
    const thisPass = ++pass;
    const queue = asked.splice(0);
    const progress: PaintProgress = { painted: 0, total: queue.length, slices: 0, sliceMs: 0, done: queue.length === 0 };
    if (progress.done) o.onProgress?.({ ...progress });
    else slice(u, thisPass, queue, progress);
  }

  return {
    attach: (opts) =>
      withLinePainter(opts, paths, {
        draw: [onDraw],
        destroy: [
          () => {
            cancel();
            pass++;
            entries.clear();
          },
        ],
      }),
  };
}

/** The clip of the visible series a band's fill stops at, once its paths are built (it is painted earlier). */
function bandBelow(u: uPlot, b: uPlot.Band, entries: Map<number, PathsEntry>): { clip: Path2D; gaps: Path2D | null } | null {
  const lowerIdx = b.series[1];
  const built = entries.get(lowerIdx)?.built;
  if (!u.series[lowerIdx]?.show || !built?.band) return null;
  const clip = Array.isArray(built.band) ? (b.dir === 1 ? built.band[0] : built.band[1]) : built.band;
  return clip ? { clip, gaps: built.clip ?? null } : null;
}

/** The instance's bands (uPlot keeps the options' array on the instance; its typings do not declare it). */
function bandsOf(u: uPlot): uPlot.Band[] {
  return (u as unknown as { bands?: uPlot.Band[] }).bands ?? [];
}

/**
 * Resolves once the chart around `canvas` has painted every line (its host says data-paint="done"), so a PNG is
 * never taken of a half-painted chart. Gives up after `timeoutMs` and lets the caller use what is there.
 */
export function whenPainted(canvas: Element, timeoutMs = 5_000): Promise<void> {
  const host = canvas.closest(`[${PAINT_ATTR}]`);
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve) => {
    const check = (): void => {
      if (!host || host.getAttribute(PAINT_ATTR) === 'done' || performance.now() > deadline) resolve();
      else setTimeout(check, 16);
    };
    check();
  });
}

// Chart lines drawn off the main thread: uPlot keeps scales, axes, grid, cursor, selection and zoom, and draws no
// lines (each series' path builder answers null); a canvas laid over its plot area is handed to the line worker
// (line-worker.ts) as an OffscreenCanvas, which gets the columns when the data changes and a view per redraw. The
// window's main thread never builds or rasterises a line, so a 500-series chart costs it only uPlot's own work.
// One worker serves every chart; until it has answered a ping (or when it cannot start), charts use the
// main-thread progressive painter instead (progressive-paint.ts), as does stacked mode, whose band fills it keeps.
import type uPlot from 'uplot';
import type { YColumn } from './align';
import { toGapColumn } from './line-geometry';
import type { LineStyle, LineView, LineWorkerReply, LineWorkerRequest } from './line-protocol';
import { withLinePainter } from './uplot-hooks';

/** The lines a chart shows: with many lines uPlot holds only their envelope (line-envelope.ts), so they come from here. */
export interface LineSet {
  xs: ArrayLike<number>;
  columns: readonly YColumn[];
  styles: LineStyle[];
  show: boolean[];
}

/** Line styles from uPlot series options (before uPlot normalises them): colour, width, dash. */
export function lineStyles(series: readonly uPlot.Series[]): LineStyle[] {
  return series.slice(1).map((s) => ({ color: typeof s.stroke === 'string' ? s.stroke : '#888', width: s.width ?? 1, dash: s.dash ?? [] }));
}

export interface LinePainter {
  /** Adds the painter to uPlot options (null paths, hooks). Returns new options. */
  attach(opts: uPlot.Options): uPlot.Options;
}

type WorkerState = { kind: 'starting' } | { kind: 'ready'; worker: Worker } | { kind: 'failed' };

let state: WorkerState | undefined;
const painted = new Map<number, (pass: number) => void>();
const snapshots = new Map<number, (b: ImageBitmap | null) => void>();
/** The line canvas of each chart → its id in the worker, for PNG export. */
const chartIds = new WeakMap<HTMLCanvasElement, number>();
let ids = 0;

/** Up to this many points, new columns are copied for the worker at once rather than in a later task. */
const COPY_INLINE_POINTS = 100_000;

/** Starts the worker (once) and says whether charts can use it yet. */
export function lineWorkerReady(): boolean {
  if (!state) start();
  return state?.kind === 'ready';
}

function start(): void {
  if (typeof Worker === 'undefined' || typeof HTMLCanvasElement === 'undefined' || typeof HTMLCanvasElement.prototype.transferControlToOffscreen !== 'function') {
    state = { kind: 'failed' };
    return;
  }
  let w: Worker;
  try {
    w = new Worker(new URL('./line-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    state = { kind: 'failed' };
    return;
  }
  state = { kind: 'starting' };
  w.onmessage = (e: MessageEvent<LineWorkerReply>) => {
    const m = e.data;
    if (m.type === 'pong') state = { kind: 'ready', worker: w };
    else if (m.type === 'painted') painted.get(m.id)?.(m.pass);
    else if (m.type === 'snapshot') {
      snapshots.get(m.reqId)?.(m.bitmap);
      snapshots.delete(m.reqId);
    }
  };
  w.onerror = () => {
    // Charts made from now on paint on the main thread; an export waiting for a snapshot gets none.
    state = { kind: 'failed' };
    for (const resolve of snapshots.values()) resolve(null);
    snapshots.clear();
  };
  w.postMessage({ type: 'ping' } satisfies LineWorkerRequest);
}

function send(m: LineWorkerRequest, transfer: Transferable[] = []): void {
  if (state?.kind === 'ready') state.worker.postMessage(m, transfer);
}

export function createOffscreenLinePainter(o: { lines: () => LineSet; onProgress?: (p: { done: boolean }) => void }): LinePainter {
  const id = ++ids;
  let canvas: HTMLCanvasElement | null = null;
  let dataGen = 0;
  let pass = 0;
  let dataTimer: ReturnType<typeof setTimeout> | undefined;

  function place(u: uPlot): void {
    if (!canvas) return;
    // Over uPlot's canvas (axes, grid), under its cursor layer; CSS pixels of the plot area, as uPlot lays out .u-over.
    const r = window.devicePixelRatio || 1;
    canvas.style.left = `${u.bbox.left / r}px`;
    canvas.style.top = `${u.bbox.top / r}px`;
    canvas.style.width = `${u.bbox.width / r}px`;
    canvas.style.height = `${u.bbox.height / r}px`;
  }

  function postData(gen: number): void {
    const set = o.lines();
    const cols = set.columns.map(toGapColumn);
    const xs = Float64Array.from(set.xs);
    send({ type: 'data', id, dataGen: gen, xs, ys: cols, styles: set.styles }, [xs.buffer, ...cols.map((c) => c.buffer)]);
  }

  return {
    attach: (opts) =>
      withLinePainter(opts, () => null, {
        init: [
          (u) => {
            canvas = document.createElement('canvas');
            canvas.className = 'u-lines';
            u.over.parentNode?.insertBefore(canvas, u.over);
            chartIds.set(canvas, id);
            const off = canvas.transferControlToOffscreen();
            send({ type: 'attach', id, canvas: off }, [off]);
            painted.set(id, (p) => p === pass && o.onProgress?.({ done: true }));
          },
        ],
        // New columns go to the worker before the view that shows them, so the lines never blink out; a large set
        // is copied in a task of its own (8 MB for 500 × 2 000), not in uPlot's — the worker waits for it.
        setData: [
          () => {
            const gen = ++dataGen;
            clearTimeout(dataTimer);
            const set = o.lines();
            if (set.xs.length * set.columns.length <= COPY_INLINE_POINTS) postData(gen);
            else dataTimer = setTimeout(() => postData(gen));
          },
        ],
        setSize: [place],
        draw: [
          (u) => {
            const lines = o.lines();
            const x = u.scales.x;
            const y = u.scales.y;
            const view: LineView = {
              pass: ++pass,
              dataGen,
              xMin: x.min ?? 0,
              xMax: x.max ?? 1,
              yMin: y.min ?? 0,
              yMax: y.max ?? 1,
              yLog: y.distr === 3,
              width: Math.round(u.bbox.width),
              height: Math.round(u.bbox.height),
              pxRatio: window.devicePixelRatio || 1,
              show: lines.show,
              // Focus dimming (uPlot's alpha per series) when uPlot holds the lines themselves; 1 with an envelope.
              alpha: lines.show.map((_, i) => (u.series.length - 1 === lines.show.length ? (u.series[i + 1].alpha ?? 1) : 1)),
            };
            o.onProgress?.({ done: false });
            send({ type: 'view', id, view });
          },
        ],
        destroy: [
          () => {
            clearTimeout(dataTimer);
            painted.delete(id);
            send({ type: 'detach', id });
          },
        ],
      }),
  };
}

/** The lines of the chart whose line canvas this is, as a bitmap (PNG export); null when it has none. */
export function snapshotLines(lineCanvas: HTMLCanvasElement): Promise<ImageBitmap | null> {
  const id = chartIds.get(lineCanvas);
  if (id === undefined || state?.kind !== 'ready') return Promise.resolve(null);
  const reqId = ++ids;
  return new Promise((resolve) => {
    snapshots.set(reqId, resolve);
    send({ type: 'snapshot', id, reqId });
  });
}

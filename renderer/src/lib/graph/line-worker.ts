// Web Worker that draws chart lines on OffscreenCanvases (one per chart, handed over by offscreen-lines.ts), so
// building and rasterising hundreds of lines never runs on the window's main thread. A chart gets its columns once
// per data change and a view (scales, size, visibility) per redraw; each view starts a new pass that paints the
// lines in slices, yielding between them so a newer view or data message abandons it. Says "painted" per pass.
import { traceLine } from './line-geometry';
import type { LineStyle, LineWorkerReply, LineWorkerRequest, LineView } from './line-protocol';

interface Chart {
  canvas: OffscreenCanvas;
  ctx: OffscreenCanvasRenderingContext2D;
  xs: Float64Array | null;
  ys: Float64Array[];
  styles: LineStyle[];
  dataGen: number;
  view: LineView | null;
  /** Bumped by every message that changes what is drawn: a pass stops when it is no longer the latest. */
  pass: number;
}

/** Worker time one slice may take before it looks at its messages again (a newer view waits at most this long). */
const SLICE_MS = 16;

const charts = new Map<number, Chart>();
const post = (m: LineWorkerReply, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (e: MessageEvent<LineWorkerRequest>) => {
  const m = e.data;
  // The window routes charts here only once the worker has answered.
  if (m.type === 'ping') return post({ type: 'pong' });
  if (m.type === 'attach') {
    const ctx = m.canvas.getContext('2d');
    if (ctx) charts.set(m.id, { canvas: m.canvas, ctx, xs: null, ys: [], styles: [], dataGen: -1, view: null, pass: 0 });
    return;
  }
  const c = charts.get(m.id);
  if (!c) return;
  if (m.type === 'detach') charts.delete(m.id);
  else if (m.type === 'data') {
    c.xs = m.xs;
    c.ys = m.ys;
    c.styles = m.styles;
    c.dataGen = m.dataGen;
    repaint(m.id, c);
  } else if (m.type === 'view') {
    c.view = m.view;
    repaint(m.id, c);
  } else if (m.type === 'snapshot') {
    createImageBitmap(c.canvas).then(
      (bitmap) => post({ type: 'snapshot', reqId: m.reqId, bitmap }, [bitmap]),
      () => post({ type: 'snapshot', reqId: m.reqId, bitmap: null }),
    );
  }
};

function repaint(id: number, c: Chart): void {
  const pass = ++c.pass;
  const v = c.view;
  if (!v) return;
  if (c.canvas.width !== v.width) c.canvas.width = v.width;
  if (c.canvas.height !== v.height) c.canvas.height = v.height;
  c.ctx.clearRect(0, 0, v.width, v.height);
  // The view was computed for other columns than the ones here: the matching data message is on its way.
  if (!c.xs || c.dataGen !== v.dataGen) return;
  const order: number[] = [];
  for (let i = 0; i < c.ys.length; i++) if (v.show[i]) order.push(i);
  let next = 0;
  const slice = (): void => {
    if (pass !== c.pass || !charts.has(id)) return;
    const t0 = performance.now();
    while (next < order.length && performance.now() - t0 < SLICE_MS) stroke(c, order[next++], v);
    if (next < order.length) setTimeout(slice, 0);
    else post({ type: 'painted', id, pass: v.pass });
  };
  slice();
}

function stroke(c: Chart, i: number, v: LineView): void {
  const s = c.styles[i];
  const ctx = c.ctx;
  const width = Math.round(s.width * v.pxRatio * 1000) / 1000;
  ctx.save();
  // Odd line widths sit on half pixels to stay crisp, as uPlot draws them.
  const offset = (width % 2) / 2;
  if (offset) ctx.translate(offset, offset);
  ctx.beginPath();
  if (traceLine(c.xs!, c.ys[i], v, ctx) === 0) return ctx.restore();
  ctx.globalAlpha = v.alpha[i] ?? 1;
  ctx.strokeStyle = s.color;
  ctx.lineWidth = width;
  ctx.lineJoin = 'round';
  ctx.setLineDash(s.dash.map((d) => d * v.pxRatio));
  ctx.stroke();
  ctx.restore();
}

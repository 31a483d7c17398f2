// Browser side of the renderer benchmark (bundled by esbuild, runs in headless Chromium): the app's own uPlot
// options and alignment code, timed on 500 series × 2 000 points — drawing alone, then while a result streams in.
import uPlot from 'uplot';
import { alignSeries, alignSeriesAsync } from '../../renderer/src/lib/graph/align';
import { buildUPlotOptions, type ChartSeriesSpec } from '../../renderer/src/lib/graph/uplot-options';
import type { ResultSeries } from '@shared/api/query-types';

export interface RendererBenchResult {
  series: number;
  points: number;
  /** new uPlot(…) until its draw hook has run, per round (the canvas calls; Chromium may rasterise later). */
  drawMs: number[];
  /** Same, until the second animation frame after it (the pixels are on screen). */
  drawToFrameMs: number[];
  /** Stream phase: first byte to chart drawn. */
  streamTotalMs: number;
  /** Longest main-thread task while streaming + aligning + drawing: max of longtask entries and our own task timings. */
  streamLongestTaskMs: number;
  /** Long tasks (> 50 ms) seen by PerformanceObserver during the stream phase. */
  streamLongTasks: number[];
  /** Longest of our own measured tasks in the stream phase, by step. */
  streamTaskByStep: Record<string, number>;
  longtaskSupported: boolean;
}

const W = 1200;
const H = 500;
const THEME = { axis: '#555', grid: '#ddd' };

function frame(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => r()));
}

function palette(i: number): string {
  return `hsl(${(i * 137.5) % 360} 65% 45%)`;
}

function specs(n: number): ChartSeriesSpec[] {
  return Array.from({ length: n }, (_, i) => ({ label: `series ${i}`, color: palette(i), show: true }));
}

function synthetic(nSeries: number, nPoints: number): ResultSeries[] {
  const t0 = 1_736_121_600_000;
  return Array.from({ length: nSeries }, (_, s) => {
    const timestamps = new Float64Array(nPoints);
    const values = new Float64Array(nPoints);
    for (let i = 0; i < nPoints; i++) {
      timestamps[i] = t0 + i * 15_000;
      values[i] = 100 + 50 * Math.sin(i / 40 + s) + (s % 17) * 3 + ((i * 7919 + s * 104729) % 100) / 20;
    }
    return { labels: { __name__: 'bench', s: String(s) }, timestamps, values };
  });
}

async function drawOnce(host: HTMLElement, series: ResultSeries[]): Promise<{ drawMs: number; toFrameMs: number }> {
  const a = alignSeries(series);
  let drawnAt = 0;
  const opts = buildUPlotOptions({ width: W, height: H, series: specs(series.length), unit: 'none', yScale: 'linear', fromZero: false, stacked: false, theme: THEME });
  opts.hooks = { ...opts.hooks, draw: [() => (drawnAt = performance.now())] };
  await frame();
  const t0 = performance.now();
  const u = new uPlot(opts, [a.xs as unknown as number[], ...a.ys], host);
  // uPlot commits the first draw in a microtask; wait for it, then for the frame that shows it.
  await Promise.resolve();
  // NaN if the draw hook never ran: that would be a bench bug, not a fast chart.
  const drew = drawnAt || NaN;
  await frame();
  await frame();
  const toFrame = performance.now();
  u.destroy();
  return { drawMs: drew - t0, toFrameMs: toFrame - t0 };
}

/** Reads the /stream body (per series: count, then timestamps and values as float64) as it arrives. */
async function streamed(host: HTMLElement, taskByStep: Record<string, number>): Promise<number> {
  const note = (step: string, ms: number): void => void (taskByStep[step] = Math.max(taskByStep[step] ?? 0, ms));
  const t0 = performance.now();
  const res = await fetch('/stream');
  const reader = res.body!.getReader();
  const series: ResultSeries[] = [];
  let pending = new Uint8Array(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const s0 = performance.now();
    const buf = new Uint8Array(pending.length + value.length);
    buf.set(pending);
    buf.set(value, pending.length);
    let off = 0;
    for (;;) {
      if (buf.length - off < 8) break;
      const n = new DataView(buf.buffer, off, 8).getFloat64(0, true);
      const need = 8 + n * 16;
      if (buf.length - off < need) break;
      const body = buf.slice(off + 8, off + need);
      const f = new Float64Array(body.buffer);
      series.push({ labels: { __name__: 'bench', s: String(series.length) }, timestamps: f.subarray(0, n), values: f.subarray(n) });
      off += need;
    }
    pending = buf.slice(off);
    note('decode chunk', performance.now() - s0);
  }
  // The app's own async alignment: it yields every ~12 ms, so its slices are covered by the long-task observer.
  const a = await alignSeriesAsync(series);
  const last = performance.now();
  const opts = buildUPlotOptions({ width: W, height: H, series: specs(series.length), unit: 'none', yScale: 'linear', fromZero: false, stacked: false, theme: THEME });
  const u = new uPlot(opts, [a.xs as unknown as number[], ...a.ys], host);
  await Promise.resolve();
  note('create + draw chart', performance.now() - last);
  await frame();
  const total = performance.now() - t0;
  u.destroy();
  return total;
}

async function run(nSeries: number, nPoints: number, rounds: number): Promise<RendererBenchResult> {
  const host = document.getElementById('chart')!;
  const longtaskSupported = PerformanceObserver.supportedEntryTypes.includes('longtask');
  const longTasks: { start: number; duration: number }[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  });
  if (longtaskSupported) obs.observe({ type: 'longtask', buffered: true });

  const data = synthetic(nSeries, nPoints);
  const drawMs: number[] = [];
  const drawToFrameMs: number[] = [];
  for (let r = -1; r < rounds; r++) {
    const d = await drawOnce(host, data);
    if (r >= 0) {
      drawMs.push(d.drawMs);
      drawToFrameMs.push(d.toFrameMs);
    }
  }

  await frame();
  const streamStart = performance.now();
  const streamTaskByStep: Record<string, number> = {};
  const streamTotalMs = await streamed(host, streamTaskByStep);
  // Long-task entries are delivered asynchronously: give the observer a moment.
  await new Promise((r) => setTimeout(r, 200));
  obs.disconnect();
  const streamLongTasks = longTasks.filter((t) => t.start >= streamStart).map((t) => Math.round(t.duration));
  return {
    series: nSeries,
    points: nPoints,
    drawMs,
    drawToFrameMs,
    streamTotalMs,
    streamLongestTaskMs: Math.max(0, ...streamLongTasks, ...Object.values(streamTaskByStep)),
    streamLongTasks,
    streamTaskByStep,
    longtaskSupported,
  };
}

(window as unknown as { rrxBench: typeof run }).rrxBench = run;

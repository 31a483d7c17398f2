// Browser side of the renderer draw benchmark (bundled by esbuild, runs in headless Chromium): the app's own uPlot
// options, alignment and progressive painter, timed on 500 series × 2 000 points. How the whole app behaves while
// a large query streams in is measured on the real renderer by app-bench.ts.
import uPlot from 'uplot';
import { alignSeries } from '../../renderer/src/lib/graph/align';
import { createProgressivePainter, type PaintProgress } from '../../renderer/src/lib/graph/progressive-paint';
import { buildUPlotOptions, type ChartSeriesSpec } from '../../renderer/src/lib/graph/uplot-options';
import type { ResultSeries } from '@shared/api/query-types';

export interface DrawBenchResult {
  series: number;
  points: number;
  /** new uPlot(…) until the painter has stroked every line, per round (the canvas calls; Chromium may rasterise later). */
  drawMs: number[];
  /** Same, until the second animation frame after it (the pixels are on screen). */
  drawToFrameMs: number[];
  /** new uPlot(…) itself, including uPlot's draw (axes) and the painter's first slice, per round. */
  firstTaskMs: number[];
  /** Longest painter slice, the slice count and the slices' summed main-thread time, per round. */
  longestSliceMs: number[];
  slices: number[];
  sliceTotalMs: number[];
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

/** A chart as the app makes it: the app's options, lines painted in slices by the app's painter. */
function chart(host: HTMLElement, a: ReturnType<typeof alignSeries>, onProgress: (p: PaintProgress) => void): uPlot {
  const painter = createProgressivePainter({ buildPaths: uPlot.paths.linear!(), onProgress });
  const opts = buildUPlotOptions({ width: W, height: H, series: specs(a.ys.length), unit: 'none', yScale: 'linear', fromZero: false, stacked: false, theme: THEME });
  return new uPlot(painter.attach(opts), [a.xs as unknown as number[], ...a.ys], host);
}

async function drawOnce(host: HTMLElement, series: ResultSeries[]): Promise<{ drawMs: number; toFrameMs: number; firstTaskMs: number; longestSliceMs: number; slices: number; sliceTotalMs: number }> {
  const a = alignSeries(series);
  let longestSliceMs = 0;
  let slices = 0;
  let sliceTotalMs = 0;
  let painted!: () => void;
  const done = new Promise<void>((r) => (painted = r));
  await frame();
  const t0 = performance.now();
  const u = chart(host, a, (p) => {
    longestSliceMs = Math.max(longestSliceMs, p.sliceMs);
    sliceTotalMs += p.sliceMs;
    slices = p.slices;
    if (p.done) painted();
  });
  // uPlot commits its first draw in a microtask (and the painter's first slice with it); wait for it.
  await Promise.resolve();
  const firstTaskMs = performance.now() - t0;
  await done;
  const drew = performance.now();
  await frame();
  await frame();
  const toFrame = performance.now();
  u.destroy();
  return { drawMs: drew - t0, toFrameMs: toFrame - t0, firstTaskMs, longestSliceMs, slices, sliceTotalMs };
}

async function run(nSeries: number, nPoints: number, rounds: number): Promise<DrawBenchResult> {
  const host = document.getElementById('chart')!;
  const data = synthetic(nSeries, nPoints);
  const out: DrawBenchResult = { series: nSeries, points: nPoints, drawMs: [], drawToFrameMs: [], firstTaskMs: [], longestSliceMs: [], slices: [], sliceTotalMs: [] };
  for (let r = -1; r < rounds; r++) {
    const d = await drawOnce(host, data);
    // The warm-up round compiles the code: not the steady state.
    if (r < 0) continue;
    out.drawMs.push(d.drawMs);
    out.drawToFrameMs.push(d.toFrameMs);
    out.firstTaskMs.push(d.firstTaskMs);
    out.longestSliceMs.push(d.longestSliceMs);
    out.slices.push(d.slices);
    out.sliceTotalMs.push(d.sliceTotalMs);
  }
  return out;
}

(window as unknown as { rrxBench: typeof run }).rrxBench = run;

import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { createProgressivePainter, type PaintProgress } from '../../../renderer/src/lib/graph/progressive-paint';

// A stand-in for the parts of uPlot the painter touches: series, scales, plot box, data, bands and a canvas
// context that records what was drawn. uPlot's own draw is simulated the way it runs: ask each shown series for
// its paths, then fire the draw hooks.

interface Call {
  op: string;
  arg?: unknown;
}

function fakeCtx(calls: Call[]): CanvasRenderingContext2D {
  const rec = (op: string) => (arg?: unknown) => void calls.push({ op, arg });
  const state: Record<string, unknown> = {};
  const ctx = {
    save: rec('save'),
    restore: rec('restore'),
    beginPath: rec('beginPath'),
    rect: rec('rect'),
    clip: rec('clip'),
    translate: rec('translate'),
    setLineDash: rec('setLineDash'),
    fill: (p: unknown) => calls.push({ op: 'fill', arg: { path: p, style: state.fillStyle } }),
    stroke: (p: unknown) => calls.push({ op: 'stroke', arg: { path: p, style: state.strokeStyle, width: state.lineWidth } }),
  };
  return new Proxy(ctx, {
    set: (_t, k, v) => ((state[k as string] = v), true),
    get: (t, k) => (k in t ? t[k as keyof typeof t] : state[k as string]),
  }) as unknown as CanvasRenderingContext2D;
}

interface Harness {
  u: uPlot;
  opts: uPlot.Options;
  calls: Call[];
  built: number[];
  progress: PaintProgress[];
  frames: (() => void)[];
  cancelled: number[];
  clock: { t: number };
  /** What uPlot does on a redraw: ask shown series for paths, then run the draw hooks. */
  draw(): void;
  runFrame(): void;
}

function harness(n: number, o: { costMs?: number; budgetMs?: number; firstSliceMs?: number; stacked?: boolean; show?: boolean[] } = {}): Harness {
  const calls: Call[] = [];
  const built: number[] = [];
  const progress: PaintProgress[] = [];
  const frames: (() => void)[] = [];
  const cancelled: number[] = [];
  const clock = { t: 0 };
  const painter = createProgressivePainter({
    budgetMs: o.budgetMs ?? 12,
    firstSliceMs: o.firstSliceMs ?? 4,
    now: () => clock.t,
    pxRatio: () => 1,
    nextFrame: (cb) => frames.push(cb),
    cancelFrame: (h) => void cancelled.push(h),
    onProgress: (p) => void progress.push(p),
    buildPaths: (_u, si) => {
      built.push(si);
      clock.t += o.costMs ?? 1;
      return { stroke: `stroke-${si}` as unknown as Path2D, fill: o.stacked ? (`fill-${si}` as unknown as Path2D) : null, clip: null, band: `band-${si}` as unknown as Path2D, flags: 1 };
    },
  });
  const series: uPlot.Series[] = [{}, ...Array.from({ length: n }, (_, i) => ({ label: `s${i}`, show: o.show?.[i] ?? true, width: 1 }))];
  const bands: uPlot.Band[] = o.stacked ? Array.from({ length: n - 1 }, (_, i) => ({ series: [i + 2, i + 1] as [number, number] })) : [];
  const opts = painter.attach({ width: 100, height: 100, series, bands });
  const xs = [1, 2, 3];
  const u = {
    series: opts.series.map((s, i) => ({
      ...s,
      scale: i === 0 ? 'x' : 'y',
      stroke: () => `#${i}`,
      fill: () => (o.stacked ? `fill#${i}` : null),
      alpha: 1,
    })),
    scales: { x: { min: 1, max: 3 }, y: { min: 0, max: 10 } },
    bbox: { left: 10, top: 5, width: 80, height: 60 },
    data: [xs, ...series.slice(1).map(() => [1, 2, 3])],
    ctx: fakeCtx(calls),
    bands,
  } as unknown as uPlot;
  return {
    u,
    opts,
    calls,
    built,
    progress,
    frames,
    cancelled,
    clock,
    draw() {
      u.series.forEach((s, i) => {
        if (i > 0 && s.show) (s.paths as uPlot.Series.PathBuilder)(u, i, 0, 2);
      });
      for (const h of opts.hooks?.draw ?? []) h?.(u);
    },
    runFrame() {
      frames.shift()?.();
    },
  };
}

const strokes = (calls: Call[]) => calls.filter((c) => c.op === 'stroke').map((c) => (c.arg as { path: string }).path);

describe('progressive painter', () => {
  it('takes over line drawing: uPlot is told to draw nothing for a series', () => {
    const h = harness(2);
    const paths = h.u.series[1].paths as uPlot.Series.PathBuilder;
    expect(paths(h.u, 1, 0, 2)).toBeNull();
    expect(h.opts.series[0].paths).toBeUndefined();
  });

  it('paints a small chart inside uPlot’s own draw, in one slice', () => {
    const h = harness(3);
    h.draw();
    expect(strokes(h.calls)).toEqual(['stroke-1', 'stroke-2', 'stroke-3']);
    expect(h.frames).toHaveLength(0);
    expect(h.progress).toEqual([{ painted: 3, total: 3, slices: 1, sliceMs: 3, done: true }]);
  });

  it('spreads a large chart over frames, each slice within its budget, every line once and in order', () => {
    const h = harness(10, { costMs: 3, budgetMs: 12, firstSliceMs: 4 });
    h.draw();
    expect(strokes(h.calls)).toEqual(['stroke-1', 'stroke-2']);
    let guard = 0;
    while (h.frames.length && guard++ < 20) h.runFrame();
    expect(strokes(h.calls)).toEqual(Array.from({ length: 10 }, (_, i) => `stroke-${i + 1}`));
    expect(h.progress.map((p) => p.painted)).toEqual([2, 6, 10]);
    expect(h.progress.every((p) => p.sliceMs <= 12)).toBe(true);
    expect(h.progress.at(-1)).toMatchObject({ done: true, slices: 3 });
    expect(h.progress.slice(0, -1).every((p) => !p.done)).toBe(true);
  });

  it('always paints at least one line per slice, so a pass ends even when one line is over budget', () => {
    const h = harness(3, { costMs: 50 });
    h.draw();
    h.runFrame();
    h.runFrame();
    expect(strokes(h.calls)).toHaveLength(3);
    expect(h.progress.at(-1)?.done).toBe(true);
  });

  it('a redraw abandons the pass under way and starts again', () => {
    const h = harness(10, { costMs: 3 });
    h.draw();
    const stale = h.frames.shift()!;
    h.calls.length = 0;
    h.draw();
    expect(h.cancelled).toHaveLength(1);
    // The new pass began with series 1 again (its first two lines come from the cache, so it got further).
    const fresh = strokes(h.calls);
    expect(fresh.slice(0, 3)).toEqual(['stroke-1', 'stroke-2', 'stroke-3']);
    stale();
    expect(strokes(h.calls)).toEqual(fresh);
  });

  it('reuses built paths until the scales, the plot box or the data move', () => {
    const h = harness(2);
    h.draw();
    h.draw();
    expect(h.built).toEqual([1, 2]);
    (h.u.scales.y as { max: number }).max = 20;
    h.draw();
    expect(h.built).toEqual([1, 2, 1, 2]);
    (h.u.data as unknown[])[2] = [4, 5, 6];
    h.draw();
    expect(h.built).toEqual([1, 2, 1, 2, 2]);
  });

  it('paints only the series uPlot asked about: hidden ones, and none when there is no data', () => {
    const h = harness(3, { show: [true, false, true] });
    h.draw();
    expect(strokes(h.calls)).toEqual(['stroke-1', 'stroke-3']);
    h.calls.length = 0;
    for (const hook of h.opts.hooks?.draw ?? []) hook?.(h.u);
    expect(strokes(h.calls)).toEqual([]);
    expect(h.progress.at(-1)).toMatchObject({ total: 0, done: true });
  });

  it('stacked: fills each band down to the line beneath it, the lowest line down to its own base', () => {
    const h = harness(3, { stacked: true });
    h.draw();
    const ops = h.calls.filter((c) => ['fill', 'clip'].includes(c.op)).map((c) => (c.op === 'fill' ? `fill ${(c.arg as { path: string }).path}` : `clip ${typeof c.arg === 'string' ? c.arg : 'box'}`));
    expect(ops).toEqual(['clip box', 'fill fill-1', 'clip box', 'clip band-1', 'fill fill-2', 'clip box', 'clip band-2', 'fill fill-3']);
  });

  it('stacked: no fill for a band whose lower line is hidden (as uPlot)', () => {
    const h = harness(2, { stacked: true, show: [false, true] });
    h.draw();
    expect(h.calls.filter((c) => c.op === 'fill')).toEqual([]);
    expect(strokes(h.calls)).toEqual(['stroke-2']);
  });

  it('leaves the canvas state as it found it (uPlot caches its own styles)', () => {
    const h = harness(4, { stacked: true });
    h.draw();
    const depth = h.calls.reduce((d, c) => d + (c.op === 'save' ? 1 : c.op === 'restore' ? -1 : 0), 0);
    expect(depth).toBe(0);
    expect(h.calls.filter((c) => c.op === 'save').length).toBeGreaterThan(0);
  });

  it('stops painting when the chart is destroyed', () => {
    const h = harness(10, { costMs: 3 });
    h.draw();
    for (const hook of h.opts.hooks?.destroy ?? []) hook?.(h.u);
    expect(h.cancelled).toHaveLength(1);
    const before = h.calls.length;
    h.frames.shift()?.();
    expect(h.calls.length).toBe(before);
  });
});

// The histogram heatmap's pure parts: the grid (rows = distinct non-empty buckets with Prometheus's bounds, one
// column per histogram sample), the bucket axis (log octaves, zero bucket, negative mirror, custom buckets' infinite
// bounds on linear), the colour scale, cell geometry, the resumable builders and the hit test.
import { describe, expect, it } from 'vitest';
import type { HistogramSample } from '../../../shared/api/query-types';
import { histogramBuckets } from '../../../shared/histogram/buckets';
import { histogramSeries, mulberry32 } from '@core/demo/histogram-data';
import { buildHeatGrid, HeatGridBuilder } from '../../../renderer/src/lib/heatmap/grid';
import { boundsUnit, cellMeaning, defaultYScale, yAxis, yTicks } from '../../../renderer/src/lib/heatmap/y-scale';
import { colorScale, legendStops, rampHex, rampIndex } from '../../../renderer/src/lib/heatmap/colors';
import { boundsText, halfColumnMs, HeatRasterizer, hitTest, rowSpans, type HeatView } from '../../../renderer/src/lib/heatmap/geometry';

function h(p: Partial<HistogramSample>): HistogramSample {
  return {
    counterResetHint: 0,
    schema: 0,
    zeroThreshold: 0.001,
    zeroCount: 0,
    count: 0,
    sum: 0,
    positiveSpans: new Int32Array(0),
    positiveBuckets: new Float64Array(0),
    negativeSpans: new Int32Array(0),
    negativeBuckets: new Float64Array(0),
    ...p,
  };
}

describe('heatmap grid', () => {
  it('has one row per distinct non-empty bucket, ordered by bound, and one column per histogram sample', () => {
    const a = h({ zeroCount: 2, positiveSpans: Int32Array.of(0, 2), positiveBuckets: Float64Array.of(3, 0), negativeSpans: Int32Array.of(1, 1), negativeBuckets: Float64Array.of(5) });
    const b = h({ positiveSpans: Int32Array.of(1, 2), positiveBuckets: Float64Array.of(4, 6) });
    const g = buildHeatGrid(Float64Array.of(1000, 2000, 3000), [a, null, b]);
    expect(Array.from(g.timestamps)).toEqual([1000, 3000]);
    expect(Array.from(g.sourceIndex)).toEqual([0, 2]);
    expect(g.rows.map((r) => [r.lower, r.upper, r.rule, r.zero])).toEqual([
      [-2, -1, 1, false],
      [-0.001, 0.001, 3, true],
      [0.5, 1, 0, false],
      [1, 2, 0, false],
      [2, 4, 0, false],
    ]);
    // Column-major, 0 where a sample lacks a bucket; the empty (1, 2] bucket of `a` makes no row of its own.
    expect(Array.from(g.values)).toEqual([5, 2, 3, 0, 0, 0, 0, 0, 4, 6]);
    expect(g.max).toBe(6);
    expect(g.minPositive).toBe(2);
    expect(g.custom).toBe(false);
  });

  it('agrees with the shared bucket iterator (the JSON writer) on random histograms of every schema', () => {
    for (const [seed, custom] of [[1, false], [2, false], [3, true], [4, false]] as const) {
      const s = histogramSeries(mulberry32(seed), { __name__: 'x' }, { samples: 200, startMs: 0, stepMs: 15_000, custom, layoutRate: 0.05, resetRate: 0.05, staleRate: 0.02, floatRate: 0.02 });
      const g = buildHeatGrid(s.timestamps, s.histograms!);
      const want = new Map<string, number>();
      let cols = 0;
      s.histograms!.forEach((x) => {
        if (!x) return;
        for (const bk of histogramBuckets(x)) want.set(`${bk.lower}/${bk.upper}`, bk.rule);
        cols++;
      });
      expect(g.timestamps.length).toBe(cols);
      expect(new Map(g.rows.map((r) => [`${r.lower}/${r.upper}`, r.rule]))).toEqual(want);
      let c = 0;
      s.histograms!.forEach((x) => {
        if (!x) return;
        const got = new Map<string, number>();
        g.rows.forEach((r, k) => {
          if (g.values[c * g.rows.length + k] !== 0) got.set(`${r.lower}/${r.upper}`, g.values[c * g.rows.length + k]);
        });
        expect(got).toEqual(new Map(histogramBuckets(x).map((bk) => [`${bk.lower}/${bk.upper}`, bk.count])));
        c++;
      });
      expect(g.custom).toBe(custom);
    }
  });

  it('builds in slices: a deadline stops it part way, and the result equals the one-pass grid', () => {
    const s = histogramSeries(mulberry32(9), { __name__: 'x' }, { samples: 500, startMs: 0, stepMs: 1000 });
    let clock = 0;
    const b = new HeatGridBuilder(s.timestamps, s.histograms!, () => clock++);
    let slices = 0;
    while (!b.advance(clock + 3)) slices++;
    expect(slices).toBeGreaterThan(5);
    expect(b.grid()).toEqual(buildHeatGrid(s.timestamps, s.histograms!));
  });
});

describe('heatmap bucket axis', () => {
  it('log: every octave of schema 0 the same height, the zero bucket in [-1, 1], negatives mirrored', () => {
    const g = buildHeatGrid(Float64Array.of(0), [
      h({ zeroThreshold: 2 ** -128, zeroCount: 1, positiveSpans: Int32Array.of(-2, 4), positiveBuckets: Float64Array.of(1, 1, 1, 1), negativeSpans: Int32Array.of(-1, 1), negativeBuckets: Float64Array.of(1) }),
    ]);
    const ax = yAxis(g.rows, 'log');
    const spans = g.rows.map((r, i) => [r.lower, r.upper, ax.rowLo[i], ax.rowHi[i]]);
    // m = 0.125 (the innermost bound): (0.125, 0.25] sits at [1, 2], each octave one unit up.
    expect(spans).toEqual([
      [-0.5, -0.25, -3, -2],
      [-(2 ** -128), 2 ** -128, -1, 1],
      [0.125, 0.25, 1, 2],
      [0.25, 0.5, 2, 3],
      [0.5, 1, 3, 4],
      [1, 2, 4, 5],
    ]);
    expect([ax.min, ax.max]).toEqual([-3, 5]);
    const ticks = yTicks(ax, 'seconds', 10);
    expect(ticks.map((t) => t.label)).toEqual(['0', '1s']);
    expect(ticks[1].pos).toBe(4);
  });

  it('custom buckets default to linear; +Inf and -Inf bounds are drawn one typical bucket wide', () => {
    const g = buildHeatGrid(Float64Array.of(0), [
      h({ schema: -53, zeroThreshold: 0, customValues: Float64Array.of(1, 2, 4), positiveSpans: Int32Array.of(0, 4), positiveBuckets: Float64Array.of(1, 1, 1, 1) }),
    ]);
    expect(g.custom).toBe(true);
    expect(defaultYScale(g.custom)).toBe('linear');
    const ax = yAxis(g.rows, 'linear');
    expect(g.rows.map((r) => [r.lower, r.upper])).toEqual([[-Infinity, 1], [1, 2], [2, 4], [4, Infinity]]);
    // Median finite width 2 (widths 1 and 2): (-Inf, 1] → [0, 1], (4, +Inf] → [4, 6].
    expect(Array.from(ax.rowLo)).toEqual([0, 1, 2, 4]);
    expect(Array.from(ax.rowHi)).toEqual([1, 2, 4, 6]);
    const log = yAxis(g.rows, 'log');
    // Log: m = 1 (the innermost finite bound), (-Inf, 1] one octave below it, (4, +Inf] one octave above 4.
    expect(Array.from(log.rowLo)).toEqual([0, 1, 2, 3]);
    expect(Array.from(log.rowHi)).toEqual([1, 2, 3, 4]);
    expect(yTicks(ax, 'none', 4).map((t) => t.pos)).toEqual([0, 2, 4, 6]);
  });

  it('names the bounds unit from the histogram metric and the cell meaning from the function', () => {
    expect(boundsUnit('rate(demo_request_duration_seconds[1m])')).toBe('seconds');
    expect(boundsUnit('sum(rate(resp_size_bytes[5m]))')).toBe('bytes');
    expect(boundsUnit('foo')).toBe('none');
    expect(cellMeaning('rate(x[1m])')).toBe('per second');
    expect(cellMeaning('increase(x[1m])')).toBe('increase');
    expect(cellMeaning('x')).toBe('count');
  });
});

describe('heatmap colours', () => {
  it('maps 0 to its own grey, NaN to nothing, the ends of the scale to the ends of the ramp', () => {
    const lin = colorScale('linear', 10, 0.5);
    expect([rampIndex(0, lin), rampIndex(NaN, lin), rampIndex(10, lin), rampIndex(5, lin), rampIndex(20, lin)]).toEqual([-1, -2, 255, 128, 255]);
    expect(rampHex(0)).toBe('#440154');
    expect(rampHex(255)).toBe('#fde725');
    expect(rampHex(-1)).toBe('#d0d4dc');
    const log = colorScale('log', 1000, 1);
    expect([rampIndex(1, log), rampIndex(Math.sqrt(1000), log), rampIndex(1000, log)]).toEqual([0, 128, 255]);
    expect(legendStops(log, 4).map((s) => Math.round(s.value))).toEqual([1, 10, 100, 1000]);
    // Nothing positive: a 0..1 linear scale, so zero cells still draw.
    expect(colorScale('log', 0, Infinity)).toEqual({ kind: 'linear', min: 0, max: 1 });
    expect(colorScale('log', 3, 3)).toEqual({ kind: 'linear', min: 0, max: 3 });
  });
});

describe('heatmap geometry', () => {
  const grid = buildHeatGrid(Float64Array.of(0, 10_000, 20_000, 30_000), [
    h({ positiveSpans: Int32Array.of(0, 2), positiveBuckets: Float64Array.of(1, 4) }),
    h({ positiveSpans: Int32Array.of(0, 2), positiveBuckets: Float64Array.of(2, 0) }),
    null,
    h({ positiveSpans: Int32Array.of(1, 1), positiveBuckets: Float64Array.of(4) }),
  ]);
  const axis = yAxis(grid.rows, 'log');
  const view: HeatView = { xMinMs: -5_000, xMaxMs: 35_000, yMin: axis.min, yMax: axis.max };

  it('spans a column over half a step either side, rows over their axis extent', () => {
    expect(halfColumnMs(grid.timestamps, 10_000)).toBe(5_000);
    expect(halfColumnMs(Float64Array.of(0, 4000, 10_000), 0)).toBe(2_000);
    const rows = rowSpans(axis, view, { left: 0, top: 0, width: 40, height: 20 });
    expect([Array.from(rows.top), Array.from(rows.bottom)]).toEqual([[10, 0], [20, 10]]);
  });

  it('rasterizes each cell in its colour (0 grey, missing sample blank), in slices equal to one pass', () => {
    const colors = colorScale('linear', grid.max, grid.minPositive);
    const whole = new HeatRasterizer(grid, axis, colors, view, 40, 20, 10_000);
    whole.advance();
    const px = (x: number, y: number) => `#${Array.from(whole.pixels.slice((y * 40 + x) * 4, (y * 40 + x) * 4 + 3)).map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    const alpha = (x: number, y: number) => whole.pixels[(y * 40 + x) * 4 + 3];
    // Column 0 covers x 0..9: upper row (1, 2] holds 4 (top of the ramp), lower (0.5, 1] holds 1.
    expect(px(5, 2)).toBe(rampHex(255));
    expect(px(5, 15)).toBe(rampHex(rampIndex(1, colors)));
    // Column 1: (1, 2] is 0 → grey. Column 2 (20 s) had no histogram: transparent. Column 3: (0.5, 1] absent → 0.
    expect(px(15, 2)).toBe(rampHex(-1));
    expect(alpha(25, 2)).toBe(0);
    expect(px(35, 15)).toBe(rampHex(-1));
    let clock = 0;
    const sliced = new HeatRasterizer(grid, axis, colors, view, 40, 20, 10_000, () => clock++);
    let n = 0;
    while (!sliced.advance(clock)) n++;
    expect(n).toBeGreaterThanOrEqual(0);
    expect(sliced.pixels).toEqual(whole.pixels);
  });

  it('finds the cell under the pointer, with 0 for a bucket the sample lacks, nothing over a missing sample', () => {
    const rect = { left: 50, top: 10, width: 40, height: 20 };
    expect(hitTest(grid, axis, view, rect, 10_000, 55, 12)).toEqual({ col: 0, row: 1, value: 4 });
    expect(hitTest(grid, axis, view, rect, 10_000, 55, 25)).toEqual({ col: 0, row: 0, value: 1 });
    expect(hitTest(grid, axis, view, rect, 10_000, 85, 25)).toEqual({ col: 2, row: 0, value: 0 });
    expect(hitTest(grid, axis, view, rect, 10_000, 75, 12)).toBeNull();
    expect(hitTest(grid, axis, view, rect, 10_000, 40, 12)).toBeNull();
    expect(boundsText('0.5', '1', 0)).toBe('(0.5, 1]');
    expect(boundsText('-1', '-0.5', 1)).toBe('[-1, -0.5)');
  });
});

describe('heatmap time axis', () => {
  it('ticks at a clock step fitting the count', async () => {
    const { timeSplits } = await import('../../../renderer/src/lib/heatmap/geometry');
    expect(timeSplits(0, 3600, 4)).toEqual({ splits: [0, 900, 1800, 2700, 3600], incr: 900 });
    expect(timeSplits(10, 70, 3)).toEqual({ splits: [30, 60], incr: 30 });
    expect(timeSplits(5, 5, 3)).toEqual({ splits: [], incr: 1 });
  });
});

describe('heatmap tiles of a comparison', () => {
  it('share one axis (the union of their rows) and one colour range', async () => {
    const { unionRows, sharedValueRange } = await import('../../../renderer/src/lib/heatmap/grid');
    const a = buildHeatGrid(Float64Array.of(0), [h({ positiveSpans: Int32Array.of(0, 2), positiveBuckets: Float64Array.of(1, 2) })]);
    const b = buildHeatGrid(Float64Array.of(0), [h({ positiveSpans: Int32Array.of(1, 2), positiveBuckets: Float64Array.of(8, 0.5) })]);
    const rows = unionRows([a, null, b]);
    expect(rows.map((r) => [r.lower, r.upper])).toEqual([[0.5, 1], [1, 2], [2, 4]]);
    expect(sharedValueRange([a, null, b])).toEqual({ max: 8, minPositive: 0.5 });
    // b alone would start its axis at its own innermost bound (1); against the union, (1, 2] sits where a has it.
    const own = yAxis(b.rows, 'log');
    const shared = yAxis(b.rows, 'log', rows);
    expect([own.rowLo[0], shared.rowLo[0]]).toEqual([1, 2]);
    expect([shared.min, shared.max]).toEqual([1, 4]);
    expect(Array.from(yAxis(a.rows, 'log', rows).rowLo)).toEqual([1, 2]);
  });
});

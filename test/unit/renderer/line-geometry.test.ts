import { describe, expect, it } from 'vitest';
import { pixelMapper, toGapColumn, traceLine, type PlotMapping } from '../../../renderer/src/lib/graph/line-geometry';
import { envelopeData, envelopeDataAsync, envelopeOptions } from '../../../renderer/src/lib/graph/line-envelope';

function record(): { ops: string[]; sink: { moveTo(x: number, y: number): void; lineTo(x: number, y: number): void } } {
  const ops: string[] = [];
  return { ops, sink: { moveTo: (x, y) => ops.push(`M${x},${y}`), lineTo: (x, y) => ops.push(`L${x},${y}`) } };
}

const m: PlotMapping = { xMin: 0, xMax: 10, yMin: 0, yMax: 100, yLog: false, width: 100, height: 50 };

describe('line geometry (the line worker’s paths)', () => {
  it('maps data to canvas pixels: x left to right, y bottom to top, log10 when asked', () => {
    const px = pixelMapper(m);
    expect([px.x(0), px.x(5), px.x(10)]).toEqual([0, 50, 100]);
    expect([px.y(0), px.y(50), px.y(100)]).toEqual([50, 25, 0]);
    const log = pixelMapper({ ...m, yLog: true, yMin: 1, yMax: 1000 });
    expect([log.y(1), log.y(10), log.y(1000)]).toEqual([50, 33, 0]);
  });

  it('draws a line through every sample, breaking it at a gap instead of bridging it', () => {
    const { ops, sink } = record();
    const n = traceLine(Float64Array.of(0, 2, 4, 6, 8), Float64Array.of(0, 100, NaN, 50, 50), m, sink);
    expect(ops).toEqual(['M0,50', 'L20,0', 'M60,25', 'L80,25']);
    expect(n).toBe(4);
  });

  it('visits only the samples in view, plus one either side so the line runs off the edges', () => {
    const { ops, sink } = record();
    const xs = Float64Array.from({ length: 11 }, (_, i) => i * 2);
    traceLine(xs, new Float64Array(11).fill(50), { ...m, xMin: 5, xMax: 9 }, sink);
    // In view: 6 and 8; one either side: 4 and 10.
    expect(ops).toEqual(['M-25,25', 'L25,25', 'L75,25', 'L125,25']);
  });

  it('with many samples per pixel column draws each column entry → min → max → exit, keeping spikes', () => {
    const { ops, sink } = record();
    const narrow = { ...m, width: 2, xMax: 1 };
    // 20 samples over three pixel columns (x rounds to 0, 1, 2); one spike to 100 in the first column.
    const xs = Float64Array.from({ length: 20 }, (_, i) => i / 20);
    const ys = Float64Array.from({ length: 20 }, (_, i) => (i === 3 ? 100 : 10 + i));
    traceLine(xs, ys, narrow, sink);
    const px = pixelMapper(narrow);
    expect(ops[0]).toBe(`M0,${px.y(10)}`);
    expect(ops).toContain(`L0,${px.y(100)}`);
    expect(ops.at(-1)).toBe(`L2,${px.y(29)}`);
    // At most four points a column, however many samples fall in it.
    expect(ops.length).toBeLessThanOrEqual(12);
  });

  it('says when nothing was drawn', () => {
    const { sink } = record();
    expect(traceLine(new Float64Array(0), new Float64Array(0), m, sink)).toBe(0);
    expect(traceLine(Float64Array.of(1, 2), Float64Array.of(NaN, NaN), m, sink)).toBe(0);
  });

  it('hands the worker NaN for gaps', () => {
    expect(Array.from(toGapColumn([1, null, 3]))).toEqual([1, NaN, 3]);
    const typed = Float64Array.of(1, 2);
    expect(toGapColumn(typed)).not.toBe(typed);
  });
});

describe('line envelope (what uPlot holds of a chart of many lines)', () => {
  it('is the lowest and highest shown value at each x, null where no shown line has one', () => {
    const [xs, lo, hi] = envelopeData([1, 2, 3], [Float64Array.of(5, 1, NaN), [2, null, null], Float64Array.of(-9, 9, 9)], [true, true, false]);
    expect(xs).toEqual([1, 2, 3]);
    expect(lo).toEqual([2, 1, null]);
    expect(hi).toEqual([5, 1, null]);
  });

  it('gives uPlot two undrawn series and no bands in place of the lines', () => {
    const o = envelopeOptions({ width: 1, height: 1, series: [{}, { label: 'a' }, { label: 'b' }, { label: 'c' }], bands: [{ series: [2, 1] }] });
    expect(o.series).toHaveLength(3);
    expect(o.bands).toEqual([]);
    expect((o.series[1].paths as () => unknown)()).toBeNull();
  });
});

describe('line envelope, a chunk at a time', () => {
  it('gives the same answer as in one go, and stops when superseded', async () => {
    const cols = Array.from({ length: 30 }, (_, c) => Float64Array.from({ length: 50 }, (_, i) => Math.sin(i + c) * c));
    const show = cols.map((_, c) => c % 3 !== 0);
    expect(await envelopeDataAsync(Array.from({ length: 50 }, (_, i) => i), cols, show, { budgetMs: 0 })).toEqual(envelopeData(Array.from({ length: 50 }, (_, i) => i), cols, show));
    const ctl = new AbortController();
    ctl.abort();
    await expect(envelopeDataAsync([1, 2], [Float64Array.of(1, 2), Float64Array.of(3, 4)], [true, true], { budgetMs: 0, signal: ctl.signal })).rejects.toThrow('superseded');
  });
});

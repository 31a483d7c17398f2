import { describe, expect, it, vi } from 'vitest';
import { commonYExtent } from '../../../renderer/src/lib/graph/common-range';
import { buildUPlotOptions, forLogScale, yAxisSize, yRange, type ChartOptionsInput } from '../../../renderer/src/lib/graph/uplot-options';

const base: ChartOptionsInput = {
  width: 800,
  height: 300,
  series: [
    { label: 'a', color: '#111111', show: true },
    { label: 'b', color: '#222222', show: false },
    { label: 'c', color: '#333333', show: true },
  ],
  unit: 'bytes',
  yScale: 'linear',
  fromZero: false,
  stacked: false,
  theme: { axis: '#000', grid: '#eee' },
};

describe('uPlot options', () => {
  it('one x series plus one styled series each, never spanning gaps', () => {
    const o = buildUPlotOptions(base);
    expect(o.series).toHaveLength(4);
    expect(o.series[1]).toMatchObject({ label: 'a', stroke: '#111111', show: true, spanGaps: false });
    expect(o.series[2].show).toBe(false);
    expect(o.legend?.show).toBe(false);
    expect(o.bands).toEqual([]);
  });
  it('formats the y axis in the unit', () => {
    const o = buildUPlotOptions(base);
    const values = o.axes![1].values as (u: unknown, splits: number[]) => string[];
    expect(values(null, [0, 512, 1024, 1536])).toEqual(['0 B', '0.5 KiB', '1 KiB', '1.5 KiB']);
  });
  it('sizes the y axis from its longest label', () => {
    expect(yAxisSize(null, ['1 KiB', '3.91 KiB/s'])).toBeGreaterThan(yAxisSize(null, ['1', '2']));
    expect(yAxisSize(null, null)).toBeGreaterThanOrEqual(40);
  });
  it('log scale uses uPlot distr 3', () => {
    expect(buildUPlotOptions({ ...base, yScale: 'log' }).scales!.y.distr).toBe(3);
    expect(buildUPlotOptions(base).scales!.y.distr).toBe(1);
  });
  it('stacked mode fills and bands each visible series to the visible one below', () => {
    const o = buildUPlotOptions({ ...base, stacked: true });
    expect(o.bands).toEqual([{ series: [3, 1] }]);
    expect(o.series[1].fill).toBe('#11111155');
  });
  it('drag selects call onZoom with x values and clear the selection', () => {
    const onZoom = vi.fn();
    const o = buildUPlotOptions({ ...base, onZoom });
    const setSelect = vi.fn();
    const u = { select: { left: 100, width: 50, top: 0, height: 10 }, posToVal: (px: number) => px * 10, setSelect };
    (o.hooks!.setSelect![0] as (u: unknown) => void)(u);
    expect(onZoom).toHaveBeenCalledWith(1000, 1500);
    expect(setSelect).toHaveBeenCalledWith({ left: 0, top: 0, width: 0, height: 0 }, false);
    onZoom.mockClear();
    (o.hooks!.setSelect![0] as (u: unknown) => void)({ ...u, select: { left: 1, width: 2, top: 0, height: 0 } });
    expect(onZoom).not.toHaveBeenCalled();
  });
  it('cursor hook reports index, position and y value', () => {
    const onCursor = vi.fn();
    const o = buildUPlotOptions({ ...base, onCursor });
    (o.hooks!.setCursor![0] as (u: unknown) => void)({ cursor: { idx: 3, left: 10, top: 20 }, posToVal: (px: number) => px / 2 });
    expect(onCursor).toHaveBeenCalledWith({ idx: 3, left: 10, top: 20, yValue: 10 });
  });
  it('y range pads, pins zero on request and survives flat or empty data', () => {
    expect(yRange(10, 20, false, false)).toEqual([9.5, 20.5]);
    expect(yRange(10, 20, true, false)).toEqual([0, 21]);
    expect(yRange(5, 5, false, false)).toEqual([4.5, 5.5]);
    expect(yRange(0, 0, false, false)).toEqual([-1, 1]);
    expect(yRange(null, null, false, false)).toEqual([0, 1]);
    expect(yRange(3, 450, false, true)).toEqual([1, 1000]);
  });
  it('a shared y extent overrides the plot’s own data range', () => {
    const o = buildUPlotOptions({ ...base, yExtent: [0, 100] });
    const range = o.scales!.y.range as (u: unknown, min: number, max: number) => [number, number];
    expect(range(null, 40, 50)).toEqual([-5, 105]);
    expect(commonYExtent([null, { resultType: 'matrix', warnings: [], infos: [], series: [{ labels: {}, timestamps: new Float64Array(3), values: Float64Array.from([3, NaN, -2]) }] }])).toEqual([-2, 3]);
    expect(commonYExtent([undefined])).toBeNull();
  });
  it('log scale turns values ≤ 0 into gaps', () => {
    expect(forLogScale([[0, 1, -2, null, 5]])).toEqual([[null, 1, null, null, 5]]);
    const positive = Float64Array.of(1, 2);
    expect(forLogScale([positive, Float64Array.of(0, 3)])).toEqual([positive, [null, 3]]);
  });
});

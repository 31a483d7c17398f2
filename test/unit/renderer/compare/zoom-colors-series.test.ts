import { describe, expect, it } from 'vitest';
import type { EvaluatedResult } from '@shared/api/query-types';
import { MERGED_COLOR, nodeColor, nodeColorByName } from '../../../../renderer/src/lib/compare/colors';
import { findingRange, fullRange, isZoomed, syncKey, toMsRange } from '../../../../renderer/src/lib/compare/zoom';
import { alignCompare, findSeries, maxSpacingMs, provenanceIndexFor, seriesKey } from '../../../../renderer/src/lib/compare/series';
import { coverageDisplay, formatLastSample, formatPct } from '../../../../renderer/src/lib/compare/coverage';
import { bandPixels, buildCompareOptions, withAlpha } from '../../../../renderer/src/lib/compare/chart-options';

const q = { startMs: 0, endMs: 3_600_000 };

describe('zoom', () => {
  it('pads a finding by its own length, at least 2 % of the range and 30 s, clamped to the query', () => {
    expect(findingRange({ startMs: 1_000_000, endMs: 1_240_000 }, q)).toEqual({ min: 760, max: 1480 });
    // instant finding: 72 s (2 % of 1 h) each side
    expect(findingRange({ startMs: 2_000_000, endMs: 2_000_000 }, q)).toEqual({ min: 1928, max: 2072 });
    expect(findingRange({ startMs: 0, endMs: 10_000 }, q).min).toBe(0);
  });
  it('full range, ms conversion, zoomed flag, sync key', () => {
    expect(fullRange(q)).toEqual({ min: 0, max: 3600 });
    expect(toMsRange({ min: 1, max: 2 })).toEqual({ minMs: 1000, maxMs: 2000 });
    expect(isZoomed(null, q)).toBe(false);
    expect(isZoomed({ min: 0, max: 3600 }, q)).toBe(false);
    expect(isZoomed({ min: 10, max: 3600 }, q)).toBe(true);
    expect(syncKey('q1')).not.toBe(syncKey('q2'));
  });
});

describe('colours', () => {
  it('one stable colour per node, grey for merged and unknown names', () => {
    expect(nodeColor(0)).not.toBe(nodeColor(1));
    expect(nodeColor(8)).toBe(nodeColor(0));
    expect(nodeColor(-1)).toBe(MERGED_COLOR);
    const nodes = [{ index: 0, name: 'a' }, { index: 1, name: 'b' }];
    expect(nodeColorByName(nodes, 'b')).toBe(nodeColor(1));
    expect(nodeColorByName(nodes, 'zz')).toBe(MERGED_COLOR);
  });
});

const res = (series: { labels: Record<string, string>; ts: number[] }[]): EvaluatedResult => ({
  resultType: 'matrix',
  series: series.map((s) => ({ labels: s.labels, timestamps: Float64Array.from(s.ts), values: Float64Array.from(s.ts.map((t) => t / 1000)) })),
  warnings: [],
  infos: [],
});

describe('series alignment and matching', () => {
  it('puts merged and per-node results on one x column, null where a node has no sample', () => {
    const d = alignCompare(res([{ labels: { i: 'x' }, ts: [1000, 2000, 3000] }]), [res([{ labels: { i: 'x' }, ts: [1000, 3000] }]), null], 10);
    expect(Array.from(d.xs)).toEqual([1, 2, 3]);
    expect(Array.from(d.merged[0])).toEqual([1, 2, 3]);
    expect(d.nodes[0]![0]).toEqual([1, null, 3]);
    expect(d.nodes[1]).toBeNull();
  });
  it('finds a series by labels and the raw series behind a rate() result', () => {
    const r = res([{ labels: { i: 'a' }, ts: [] }, { labels: { i: 'b' }, ts: [] }]);
    expect(findSeries(r, seriesKey({ i: 'b' }))).toBe(1);
    expect(findSeries(null, 'x')).toBe(-1);
    const prov = [{ labels: { __name__: 'm', i: 'a' } }, { labels: { __name__: 'm', i: 'b' } }];
    expect(provenanceIndexFor(prov, { i: 'b' })).toBe(1);
    expect(provenanceIndexFor(prov, { __name__: 'm', i: 'a' })).toBe(0);
    expect(provenanceIndexFor(prov, { i: 'c' })).toBe(-1);
  });
  it('max spacing within a window', () => {
    expect(maxSpacingMs([0, 1000, 2000, 30_000, 31_000])).toBe(28_000);
    expect(maxSpacingMs([0, 1000, 2000, 30_000, 31_000], 0, 2500)).toBe(1000);
    expect(maxSpacingMs([5])).toBe(0);
  });
});

describe('coverage display', () => {
  it('never rounds a hole up to 100 %, ages in whole seconds, flags stale', () => {
    expect(formatPct(99.95)).toBe('99.9 %');
    expect(formatPct(100)).toBe('100.0 %');
    expect(formatPct(5.123)).toBe('5.12 %');
    expect(formatLastSample(null, 0)).toBe('no samples');
    expect(formatLastSample(0, 17_530)).toMatch(/\(18s ago\)$/);
    const rows = coverageDisplay([{ node: 'b', series: 1200, samples: 1_000_000, coveragePct: 42, lastSampleMs: 0, stale: true }], [{ index: 1, name: 'b' }], 0);
    expect(rows[0]).toMatchObject({ node: 'b', color: nodeColor(1), series: '1,200', samples: '1,000,000', pctValue: 42, stale: true });
  });
});

describe('compare chart options', () => {
  const base = { width: 400, height: 150, unit: 'none' as const, yScale: 'linear' as const, fromZero: false, theme: { axis: '#000', grid: '#eee' }, syncKey: 'k' };
  it('shares the cursor on one key, bolds the selected series, dims and dashes the others', () => {
    const o = buildCompareOptions({ ...base, lines: [{ label: 'a', color: '#112233', bold: true }, { label: 'b', color: '#112233', bold: false, dashed: true }] });
    expect(o.cursor?.sync).toEqual({ key: 'k', setSeries: false });
    expect(o.series[1]).toMatchObject({ width: 2, stroke: '#112233' });
    expect(o.series[2]).toMatchObject({ width: 1, stroke: '#11223373', dash: [6, 3] });
    expect(o.hooks?.drawClear).toBeUndefined();
    const withBand = buildCompareOptions({ ...base, lines: [], bands: [{ startMs: 0, endMs: 1, color: '#000000' }], onPlotBox: () => undefined });
    expect(withBand.hooks?.drawClear).toHaveLength(1);
    // Its own report of the plot box, after the base options' note of the drawn tick labels.
    expect(withBand.hooks?.draw).toHaveLength(2);
    const wide = buildCompareOptions({ ...base, lines: [{ label: 'm', color: '#445566', bold: true, wide: true }] });
    expect(wide.series[1]).toMatchObject({ width: 5, stroke: '#4455668c' });
  });
  it('alpha and band pixels', () => {
    expect(withAlpha('#ff0000', 0.5)).toBe('#ff000080');
    expect(withAlpha('red', 0.5)).toBe('red');
    expect(bandPixels(150, 250, 100, 300)).toEqual({ x: 150, width: 100 });
    expect(bandPixels(50, 150, 100, 300)).toEqual({ x: 100, width: 50 });
    expect(bandPixels(200, 200, 100, 300)).toEqual({ x: 200, width: 2 });
    expect(bandPixels(500, 600, 100, 300)).toBeNull();
  });
});

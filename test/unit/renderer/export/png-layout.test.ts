import { describe, expect, it } from 'vitest';
import { fitText, layoutPng, LEGEND_LINE, MAX_LEGEND_ITEMS, PAD } from '../../../../renderer/src/lib/export/png-layout';
import { csvFilename, formatBytes, pngFilename } from '../../../../renderer/src/lib/export/download';
import { bundleDone, failedWrite } from '../../../../renderer/src/lib/workspace/save-flow';
import { parsePort } from '../../../../renderer/src/lib/grafana/port';

// 6 px per character: predictable text widths.
const measure = (t: string) => t.length * 6;

describe('PNG layout', () => {
  it('is as wide as the chart, 2× scale, header above and legend below the chart', () => {
    const l = layoutPng({ chartWidth: 800, chartHeight: 300, title: 'rate(x[5m])', lines: ['range', 'cluster'], legend: [{ label: 'a', color: '#f00' }] }, measure);
    expect(l.scale).toBe(2);
    expect(l.width).toBe(800);
    expect(l.header.map((h) => h.text)).toEqual(['rate(x[5m])', 'range', 'cluster']);
    expect(l.chart).toMatchObject({ x: 0, width: 800, height: 300 });
    expect(l.chart.y).toBeGreaterThan(l.header[2].y);
    expect(l.legend[0].y).toBeGreaterThanOrEqual(l.chart.y + 300);
    expect(l.height).toBeGreaterThan(l.legend[0].y + LEGEND_LINE - 1);
  });
  it('wraps the legend into rows inside the width', () => {
    const legend = Array.from({ length: 10 }, (_, i) => ({ label: `series-number-${i}`, color: '#000' }));
    const l = layoutPng({ chartWidth: 400, chartHeight: 100, title: 't', lines: [], legend }, measure);
    const rows = new Set(l.legend.map((b) => b.y));
    expect(rows.size).toBeGreaterThan(1);
    for (const b of l.legend) expect(b.x + 15 + measure(b.text)).toBeLessThanOrEqual(400 - PAD + 1);
  });
  it('shortens long text and caps the legend with a count of the rest', () => {
    const long = 'x'.repeat(500);
    const legend = Array.from({ length: MAX_LEGEND_ITEMS + 5 }, () => ({ label: 's', color: '#000' }));
    const l = layoutPng({ chartWidth: 300, chartHeight: 100, title: long, lines: [long], legend }, measure);
    expect(l.header[0].text.endsWith('…')).toBe(true);
    expect(measure(l.header[0].text)).toBeLessThanOrEqual(300 - 2 * PAD);
    expect(l.legend).toHaveLength(MAX_LEGEND_ITEMS + 1);
    expect(l.legend.at(-1)).toMatchObject({ text: '… and 5 more series', color: null });
  });
  it('fitText keeps fitting text whole', () => {
    expect(fitText('abc', 100, '', measure)).toBe('abc');
    expect(fitText('abcdefghij', 30, '', measure)).toBe('abcd…');
  });
});

describe('export names and messages', () => {
  it('CSV names are safe and end in .csv', () => {
    expect(csvFilename('rate-x-all-wide.csv', 'q')).toBe('rate-x-all-wide.csv');
    expect(csvFilename('../../etc/passwd', 'q')).toBe('passwd.csv');
    expect(csvFilename(undefined, 'sum(rate(x[5m]))')).toBe('sum-rate-x-5m.csv');
  });
  it('PNG names carry the query and a local timestamp', () => {
    expect(pngFilename('up', new Date(2025, 0, 2, 3, 4, 5).getTime())).toBe('up-20250102-030405.png');
  });
  it('bytes, bundle and overwrite sentences', () => {
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(bundleDone('/a/b.zip', 3 * 1024 * 1024, ['x', 'y']).message).toBe('Wrote /a/b.zip (3.0 MiB, 2 files).');
    expect(failedWrite('overwrite-refused', 'exists', '/a', false).state).toBe('confirm-overwrite');
    expect(failedWrite('overwrite-refused', 'exists', '/a', true)).toEqual({ state: 'error', message: 'A file that is not a workspace is already there. exists' });
    expect(failedWrite('newer-version', 'x.rrxw was written by a newer rrx', '/a', false).message).toMatch(/^This workspace was saved by a newer version of rrx\. x\.rrxw/);
  });
  it('Grafana port: default 9095, 0 allowed, junk refused', () => {
    expect(parsePort('')).toEqual({ ok: true, port: 9095 });
    expect(parsePort('0')).toEqual({ ok: true, port: 0 });
    expect(parsePort('70000').ok).toBe(false);
    expect(parsePort('80a').ok).toBe(false);
  });
});

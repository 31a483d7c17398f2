// The comparison PNG's layout: header, merged chart, tiles wrapped to the merged width, findings cut at a limit.
import { describe, expect, it } from 'vitest';
import { layoutComparePng, MAX_PNG_FINDINGS } from '../../../../renderer/src/lib/export/compare-png-layout';

const measure = (text: string) => text.length * 6;
const chart = (caption: string, width: number, height: number) => ({ caption, color: '#0072B2', width, height });

describe('layoutComparePng', () => {
  it('is as wide as the merged chart; two tiles that fit share a row, a third wraps', () => {
    const l = layoutComparePng({ title: 'up', lines: ['range', 'cluster'], merged: chart('Merged', 800, 190), tiles: [chart('a', 380, 150), chart('b', 380, 150), chart('c', 380, 150)], findingsTitle: 'Findings · 0', findings: [] }, measure);
    expect(l.width).toBe(800);
    expect(l.charts).toHaveLength(4);
    const [m, a, b, c] = l.charts;
    expect(m).toMatchObject({ x: 0, width: 800, height: 190 });
    expect(m.y).toBeGreaterThan(l.header[l.header.length - 1].y);
    expect(a.y).toBe(b.y);
    expect(b.x).toBeGreaterThanOrEqual(a.x + a.width);
    expect(b.x + b.width).toBeLessThanOrEqual(800);
    expect(c.x).toBe(0);
    expect(c.y).toBeGreaterThanOrEqual(a.y + a.height);
    expect(l.captions.map((x) => x.text)).toEqual(['Merged', 'a', 'b', 'c']);
    // Each caption sits above its chart.
    for (const [i, cap] of l.captions.entries()) expect(cap.y).toBeLessThan(l.charts[i].y);
    expect(l.findings[0].y).toBeGreaterThanOrEqual(c.y + c.height);
    expect(l.height).toBeGreaterThan(l.findings[0].y);
  });

  it('lists findings up to the limit, then says how many more; long lines are shortened', () => {
    const findings = Array.from({ length: MAX_PNG_FINDINGS + 5 }, (_, i) => ({ text: `gap · demo-b · ${i} ${'x'.repeat(400)}`, color: '#D55E00' }));
    const l = layoutComparePng({ title: 'up', lines: [], merged: chart('Merged', 600, 100), tiles: [], findingsTitle: 'Findings', findings }, measure);
    expect(l.findings).toHaveLength(MAX_PNG_FINDINGS + 2);
    expect(l.findings[l.findings.length - 1].text).toBe('… and 5 more findings');
    expect(l.findings[1].text.endsWith('…')).toBe(true);
    expect(measure(l.findings[1].text)).toBeLessThanOrEqual(600);
    const ys = l.findings.map((f) => f.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });
});

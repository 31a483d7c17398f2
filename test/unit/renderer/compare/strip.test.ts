import { describe, expect, it } from 'vitest';
import type { MergedRawSummary } from '@shared/api/query-types';
import { aggregateStrip, dominantNode, estimateIntervalMs, joinThresholdMs, provenanceShares, stripRects, totalTieBreaks } from '../../../../renderer/src/lib/compare/strip';

const view = { minMs: 0, maxMs: 1000 };

describe('stripRects', () => {
  it('maps runs onto the plot width and joins consecutive runs', () => {
    const r = stripRects([{ node: 0, startMs: 0, endMs: 490 }, { node: 1, startMs: 500, endMs: 1000 }], view, 100, 20);
    expect(r).toEqual([
      { x: 0, width: 50, node: 0, startMs: 0, endMs: 500 },
      { x: 50, width: 50, node: 1, startMs: 500, endMs: 1000 },
    ]);
  });
  it('leaves a real hole empty and keeps one-sample runs visible', () => {
    const r = stripRects([{ node: 0, startMs: 0, endMs: 200 }, { node: 1, startMs: 600, endMs: 600 }], view, 100, 20);
    expect(r[0]).toMatchObject({ x: 0, width: 20, endMs: 200 });
    expect(r[1]).toMatchObject({ x: 60, width: 1, node: 1 });
  });
  it('clips to the zoomed view and drops runs outside it', () => {
    const r = stripRects([{ node: 0, startMs: 0, endMs: 300 }, { node: 1, startMs: 400, endMs: 900 }], { minMs: 500, maxMs: 700 }, 200, 10);
    expect(r).toEqual([{ x: 0, width: 200, node: 1, startMs: 400, endMs: 900 }]);
  });
  it('is empty for a degenerate view', () => {
    expect(stripRects([{ node: 0, startMs: 0, endMs: 1 }], { minMs: 5, maxMs: 5 }, 100, 1)).toEqual([]);
  });
});

const sums: MergedRawSummary[] = [
  { labels: { a: '1' }, runs: [{ node: 0, startMs: 0, endMs: 1000 }], tieBreaks: 2 },
  { labels: { a: '2' }, runs: [{ node: 0, startMs: 0, endMs: 400 }, { node: 1, startMs: 410, endMs: 1000 }], tieBreaks: 3 },
  { labels: { a: '3' }, runs: [{ node: 1, startMs: 500, endMs: 1000 }], tieBreaks: 0 },
];

describe('aggregate over many series', () => {
  it('colours each bucket by the node that supplied most, merging equal neighbours', () => {
    const b = aggregateStrip(sums, 2, view, 100, 20, 10);
    expect(b[0]).toMatchObject({ x: 0, node: 0, share: 1 });
    expect(b.at(-1)).toMatchObject({ node: 1 });
    expect(b.reduce((s, x) => s + x.width, 0)).toBeCloseTo(100);
  });
  it('shares, dominant node and tie-break total', () => {
    const s = provenanceShares(sums, 2, view, 20);
    expect(s[0].ms).toBeCloseTo(1410);
    expect(s[1].ms).toBeCloseTo(1090);
    expect(s[0].pct + s[1].pct).toBeCloseTo(100);
    expect(dominantNode(s)?.node).toBe(0);
    expect(dominantNode([])).toBeNull();
    expect(totalTieBreaks(sums)).toBe(5);
  });
  it('an unknown node index is ignored rather than crashing', () => {
    expect(provenanceShares([{ labels: {}, runs: [{ node: 7, startMs: 0, endMs: 10 }], tieBreaks: 0 }], 2, view, 1).every((x) => x.ms === 0)).toBe(true);
  });
});

describe('join threshold', () => {
  it('estimates the scrape interval from coverage (median over nodes)', () => {
    // 180 s range, 40 % covered = 72 s over 72 samples of one series → 1 s.
    expect(estimateIntervalMs([{ series: 1, samples: 72, coveragePct: 40 }, { series: 2, samples: 360, coveragePct: 100 }, { series: 1, samples: 18, coveragePct: 100 }], 180_000)).toBe(1000);
    expect(estimateIntervalMs([], 1000)).toBeNull();
    expect(joinThresholdMs(1000, 1000)).toBe(2500);
    expect(joinThresholdMs(30_000, 1000)).toBe(30_000);
    expect(joinThresholdMs(500, null)).toBe(500);
  });
});

// Gap bands and chart breaks of the comparison: a node's gaps become one band each in its colour (overlapping gaps
// of many series joined), and the interior null runs of a chart's columns are what the chart leaves blank.
import { describe, expect, it } from 'vitest';
import type { Finding } from '@shared/api/query-types';
import { gapBands, nullRuns } from '../../../../renderer/src/lib/compare/gap-bands';
import { lookbackLabel, shortDuration } from '../../../../renderer/src/lib/compare/lookback';
import { nodeColor } from '../../../../renderer/src/lib/compare/colors';

const nodes = [
  { index: 0, name: 'a' },
  { index: 1, name: 'b' },
];
const f = (kind: Finding['kind'], node: string, startMs: number, endMs: number): Finding => ({ kind, severity: 'high', node, labels: {}, startMs, endMs, durationMs: endMs - startMs, coveredBy: [], detail: '' });

describe('gap bands', () => {
  it('joins one node\'s overlapping gaps, keeps nodes apart, ignores other kinds', () => {
    const findings = [f('gap', 'b', 100, 200), f('gap', 'b', 150, 300), f('gap', 'b', 400, 500), f('gap', 'a', 120, 130), f('reset', 'b', 600, 600)];
    expect(gapBands(findings, nodes, 'b')).toEqual([
      { startMs: 100, endMs: 300, color: nodeColor(1), alpha: 0.16 },
      { startMs: 400, endMs: 500, color: nodeColor(1), alpha: 0.16 },
    ]);
    expect(gapBands(findings, nodes, null).map((b) => b.color)).toEqual([nodeColor(0), nodeColor(1), nodeColor(1)]);
    expect(gapBands(undefined, nodes, 'a')).toEqual([]);
  });

  it('null runs: interior only, joined across columns; dense columns have none', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7];
    expect(nullRuns(xs, [[null, 1, null, null, 1, 1, null], [1, 1, 1, null, 1, null, 1], Float64Array.from([1, 2, 3, 4, 5, 6, 7])])).toEqual([
      [3, 4],
      [6, 6],
    ]);
    expect(nullRuns(xs, [[1, null, 1, null, 1, 1, 1]])).toEqual([
      [2, 2],
      [4, 4],
    ]);
  });

  it('says which lookback a chart used', () => {
    expect(shortDuration(1500)).toBe('1.5s');
    expect(shortDuration(300_000)).toBe('5m');
    expect(lookbackLabel({ source: 'scrape-interval', lookbackMs: 22_500, intervalMs: 15_000 })?.text).toBe('lookback 22.5s');
    expect(lookbackLabel({ source: 'scrape-interval', lookbackMs: 22_500, intervalMs: 15_000 })?.title).toMatch(/1\.5 × this node's 15s scrape interval/);
    expect(lookbackLabel(null)).toBeNull();
  });
});

// The table view's native histogram cell: count and sum text, one bar per non-empty bucket (bounds in the tooltip
// with Prometheus's brackets), rows sort by the histogram's count, TSV and raw-sample lines carry count and sum.
import { describe, expect, it } from 'vitest';
import type { EvaluatedResult, HistogramSample } from '../../../shared/api/query-types';
import { bucketBars, histogramSummary } from '../../../renderer/src/lib/query/histogram-cell';
import { rowsToTsv, sampleLines, sortRows, tableRows } from '../../../renderer/src/lib/query/table';

const h: HistogramSample = {
  counterResetHint: 0,
  schema: 0,
  zeroThreshold: 0.001,
  zeroCount: 2,
  count: 14,
  sum: 7.5,
  positiveSpans: Int32Array.of(0, 2),
  positiveBuckets: Float64Array.of(3, 4),
  negativeSpans: Int32Array.of(1, 1),
  negativeBuckets: Float64Array.of(5),
};

describe('histogram table cell', () => {
  it('draws one bar per bucket, tallest for the largest count, with bounds in the tooltip', () => {
    const bars = bucketBars(h, 120, 24);
    expect(bars.map((b) => b.title)).toEqual(['[-2, -1): 5', '[-0.001, 0.001]: 2', '(0.5, 1]: 3', '(1, 2]: 4']);
    expect(bars.map((b) => b.height)).toEqual([24, (2 / 5) * 24, (3 / 5) * 24, (4 / 5) * 24]);
    expect(bars.map((b) => b.x)).toEqual([0, 30, 60, 90]);
    expect(bars.every((b) => b.width === 29)).toBe(true);
    expect(bucketBars({ ...h, zeroCount: 0, positiveBuckets: Float64Array.of(0, 0), negativeBuckets: Float64Array.of(0) }, 120, 24)).toEqual([]);
  });

  it('rows of histogram series sort by count and copy as count and sum', () => {
    const r: EvaluatedResult = {
      resultType: 'vector',
      warnings: [],
      infos: [],
      series: [
        { labels: { a: 'small' }, timestamps: Float64Array.of(5000), values: Float64Array.of(NaN), histograms: [{ ...h, count: 3 }] },
        { labels: { a: 'big' }, timestamps: Float64Array.of(5000), values: Float64Array.of(NaN), histograms: [h] },
        { labels: { a: 'float' }, timestamps: Float64Array.of(5000), values: Float64Array.of(9) },
      ],
    };
    const rows = tableRows(r);
    expect(rows[1].histogram).toBe(h);
    expect(sortRows(rows, 'value', 'desc').map((x) => x.labels.a)).toEqual(['big', 'float', 'small']);
    expect(rowsToTsv(rows.slice(1, 2))).toBe(`series\tvalue\ttimestamp\n{a="big"}\t${histogramSummary(h)}\t5`);
    expect(sampleLines(r, 1)).toEqual(['count 14 · sum 7.5 @5']);
  });
});

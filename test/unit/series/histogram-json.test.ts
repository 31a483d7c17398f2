// Native histograms in Prometheus's JSON: bucket bounds per schema (the values Prometheus's getBound gives), the
// boundary rules, the iteration order (negative from the most negative, zero bucket, positive), empty buckets left
// out; and the `histogram` / `histograms` members of vector and matrix answers.
import { describe, expect, it } from 'vitest';
import { histogramToApiJson, toPrometheusApiJson } from '@core/promql/engine/api-json';
import { bucketBound } from '@shared/histogram/bounds';
import { CUSTOM_BUCKETS_SCHEMA, type FloatHistogram } from '@core/series/histogram';

function hist(p: Partial<FloatHistogram>): FloatHistogram {
  return {
    counterResetHint: 0,
    schema: 0,
    zeroThreshold: 0,
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

describe('bucket bounds', () => {
  it('match Prometheus at every schema kind', () => {
    expect(bucketBound(0, 0)).toBe(1);
    expect(bucketBound(1, 0)).toBe(2);
    expect(bucketBound(-1, 0)).toBe(0.5);
    expect(bucketBound(1, -1)).toBe(4);
    expect(bucketBound(-1, -2)).toBe(1 / 16);
    expect(bucketBound(1, 3)).toBe(1.0905077326652577); // 2^(1/8) as Prometheus's table holds it
    expect(bucketBound(-7, 3)).toBe(0.5452538663326288);
    expect(bucketBound(8, 3)).toBe(2);
    expect(bucketBound(1024, 0)).toBe(Number.MAX_VALUE); // the last finite bucket ends at MaxFloat64
    expect(bucketBound(1025, 0)).toBe(Infinity);
    expect(bucketBound(256, -2)).toBe(Number.MAX_VALUE);
    const cv = Float64Array.of(0.1, 0.5, 1);
    expect([bucketBound(-1, CUSTOM_BUCKETS_SCHEMA, cv), bucketBound(1, CUSTOM_BUCKETS_SCHEMA, cv), bucketBound(3, CUSTOM_BUCKETS_SCHEMA, cv)]).toEqual([-Infinity, 0.5, Infinity]);
  });
});

describe('histogram JSON', () => {
  it('orders buckets negative (most negative first), zero, positive, with boundary rules, and drops empty ones', () => {
    const h = hist({
      schema: 1,
      zeroThreshold: 0.25,
      zeroCount: 1,
      count: 10,
      sum: -2.5,
      positiveSpans: Int32Array.of(0, 2, 1, 1),
      positiveBuckets: Float64Array.of(2, 0, 3),
      negativeSpans: Int32Array.of(0, 2),
      negativeBuckets: Float64Array.of(1, 3),
    });
    expect(histogramToApiJson(h)).toEqual({
      count: '10',
      sum: '-2.5',
      buckets: [
        [1, '-1.414213562373095', '-1', '3'], // Prometheus's table value of 2^(1/2)/2, doubled: not Math.SQRT2
        [1, '-1', '-0.7071067811865475', '1'],
        [3, '-0.25', '0.25', '1'],
        [0, '0.7071067811865475', '1', '2'],
        [0, '2', '2.82842712474619', '3'], // index 3 (after a one-bucket gap)
      ],
    });
    expect(histogramToApiJson(hist({ count: 0, sum: 0 }))).toEqual({ count: '0', sum: '0' });
  });

  it('custom buckets: the first is closed below, all closed above', () => {
    const h = hist({ schema: CUSTOM_BUCKETS_SCHEMA, customValues: Float64Array.of(0.1, 1), positiveSpans: Int32Array.of(0, 3), positiveBuckets: Float64Array.of(1, 2, 3), count: 6, sum: 4 });
    expect(histogramToApiJson(h).buckets).toEqual([
      [3, '-Inf', '0.1', '1'],
      [0, '0.1', '1', '2'],
      [0, '1', '+Inf', '3'],
    ]);
  });

  it('vector answers use `histogram`, matrix answers `values` and/or `histograms`', () => {
    const h = hist({ count: 2, sum: 1, positiveSpans: Int32Array.of(0, 1), positiveBuckets: Float64Array.of(2) });
    const vec = toPrometheusApiJson({
      resultType: 'vector',
      series: [
        { labels: { a: '1' }, timestamps: Float64Array.of(1000), values: Float64Array.of(NaN), histograms: [h] },
        { labels: { a: '2' }, timestamps: Float64Array.of(1000), values: Float64Array.of(5) },
      ],
      warnings: [],
      infos: [],
    });
    expect(vec.data).toEqual({
      resultType: 'vector',
      result: [
        { metric: { a: '1' }, histogram: [1, { count: '2', sum: '1', buckets: [[0, '0.5', '1', '2']] }] },
        { metric: { a: '2' }, value: [1, '5'] },
      ],
    });
    const mat = toPrometheusApiJson({
      resultType: 'matrix',
      series: [{ labels: {}, timestamps: Float64Array.of(1000, 2000, 3000), values: Float64Array.of(NaN, 7, NaN), histograms: [h, null, h] }],
      warnings: [],
      infos: [],
    });
    const j = histogramToApiJson(h);
    expect(mat.data).toEqual({ resultType: 'matrix', result: [{ metric: {}, values: [[2, '7']], histograms: [[1, j], [3, j]] }] });
  });
});

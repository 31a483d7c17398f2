// Native histogram arithmetic and evaluation, checked by hand against Prometheus's definitions: schema reduction
// when adding, zero-bucket widening, counter-reset detection, quantiles, and the queries users run over a
// MemorySeriesStore holding histogram samples (rate, sum by (le), histogram_quantile).
import { describe, expect, it } from 'vitest';
import { CounterResetHint, type FloatHistogram } from '@core/series/histogram';
import { MemorySeriesStore } from '@core/series/memory-store';
import { combineHistograms, detectReset, toSchema } from '@core/promql/histogram/ops';
import { nativeFraction, nativeQuantile } from '@core/promql/histogram/stats';
import { bucketBound } from '@core/promql/histogram/bounds';
import { executeInstantQuery } from '@core/promql/engine/query';

function hist(p: Partial<FloatHistogram> & { buckets?: number[]; offset?: number }): FloatHistogram {
  const b = p.buckets ?? [];
  return {
    counterResetHint: p.counterResetHint ?? CounterResetHint.Unknown,
    schema: p.schema ?? 0,
    zeroThreshold: p.zeroThreshold ?? 0,
    zeroCount: p.zeroCount ?? 0,
    count: p.count ?? b.reduce((a, x) => a + x, 0),
    sum: p.sum ?? 0,
    positiveSpans: b.length ? Int32Array.of(p.offset ?? 0, b.length) : new Int32Array(0),
    positiveBuckets: Float64Array.from(b),
    negativeSpans: new Int32Array(0),
    negativeBuckets: new Float64Array(0),
  };
}

describe('native histogram arithmetic', () => {
  it('bounds follow base 2^(2^-schema)', () => {
    expect(bucketBound(1, 0, undefined)).toBe(2);
    expect(bucketBound(0, 0, undefined)).toBe(1);
    expect(bucketBound(1, 1, undefined)).toBeCloseTo(Math.SQRT2, 15);
    expect(bucketBound(1, -1, undefined)).toBe(4);
  });

  it('adds across schemas at the lower resolution', () => {
    // Schema 1 buckets 1..4 = (1,√2], (√2,2], (2,2√2], (2√2,4] → schema 0 buckets 1 (1,2] and 2 (2,4].
    const a = hist({ schema: 1, buckets: [1, 2, 3, 4], offset: 1 });
    const b = hist({ schema: 0, buckets: [10], offset: 2 });
    const { h } = combineHistograms(a, b, 1);
    expect(h.schema).toBe(0);
    expect(Array.from(h.positiveSpans)).toEqual([1, 2]);
    expect(Array.from(h.positiveBuckets)).toEqual([3, 17]);
    expect(h.count).toBe(20);
    expect(Array.from(toSchema(a, 0).positiveBuckets)).toEqual([3, 7]);
  });

  it('widens the zero bucket to the larger threshold, folding the buckets inside it', () => {
    // Bucket -1 of schema 0 is (0.25, 0.5], inside a zero bucket of width 0.5; bucket 0 is (0.5, 1] and stays.
    const a = hist({ zeroThreshold: 0.5, zeroCount: 1, buckets: [4], offset: 1 });
    const b = hist({ zeroThreshold: 0, buckets: [2, 3], offset: -1 });
    const { h } = combineHistograms(a, b, 1);
    expect(h.zeroThreshold).toBe(0.5);
    expect(h.zeroCount).toBe(3);
    expect(Array.from(h.positiveSpans)).toEqual([0, 2]);
    expect(Array.from(h.positiveBuckets)).toEqual([3, 4]);
  });

  it('detects counter resets bucket by bucket and trusts explicit hints', () => {
    const prev = hist({ buckets: [2, 2], count: 4 });
    expect(detectReset(hist({ buckets: [3, 2], count: 5 }), prev)).toBe(false);
    expect(detectReset(hist({ buckets: [5, 1], count: 6 }), prev)).toBe(true);
    expect(detectReset(hist({ buckets: [3, 2], count: 5, counterResetHint: CounterResetHint.CounterReset }), prev)).toBe(true);
    expect(detectReset(hist({ buckets: [0, 0], count: 0, counterResetHint: CounterResetHint.NotCounterReset }), prev)).toBe(false);
  });

  it('interpolates quantiles and fractions on a log scale inside exponential buckets', () => {
    const h = hist({ buckets: [1, 1], offset: 1, count: 2, sum: 4 }); // (1,2]:1, (2,4]:1
    expect(nativeQuantile(0.5, h).value).toBe(2);
    expect(nativeQuantile(0.25, h).value).toBeCloseTo(Math.SQRT2, 12);
    expect(nativeFraction(0, 2, h).value).toBe(0.5);
    expect(nativeFraction(1, Math.SQRT2, h).value).toBeCloseTo(0.25, 12);
  });
});

describe('queries over native histogram series', () => {
  // Two counters scraped every 15 s, each observation in (1,2] or (2,4]; b resets at 60 s.
  const ts = Float64Array.from({ length: 9 }, (_, i) => i * 15_000);
  const series = (name: string, reset: boolean) => ({
    labels: { __name__: name, job: 'api' },
    timestamps: ts,
    values: new Float64Array(9).fill(NaN),
    histograms: Array.from(ts, (_, i) => {
      const n = reset && i >= 4 ? i - 4 : i;
      return hist({ buckets: [n, 2 * n], offset: 1, count: 3 * n, sum: 9 * n });
    }),
  });
  const store = new MemorySeriesStore([series('a_seconds', false), { ...series('b_seconds', true), labels: { __name__: 'b_seconds', job: 'web' } }]);

  it('rate() of a native histogram is a histogram; a reset is compensated', () => {
    const r = executeInstantQuery({ store, expr: 'histogram_count(rate({__name__=~"._seconds"}[1m]))', timeMs: 120_000 });
    if (r.resultType !== 'vector') throw new Error(r.resultType);
    // Both counters grow by 3 observations per 15 s = 0.2/s (b's reset at 60 s adds back what it lost).
    for (const s of r.series) expect(s.values[0]).toBeCloseTo(0.2, 12);
    expect(r.series).toHaveLength(2);
  });

  it('histogram_quantile over sum of rates answers from the merged buckets', () => {
    const r = executeInstantQuery({ store, expr: 'histogram_quantile(0.5, sum(rate({__name__=~"._seconds"}[1m])))', timeMs: 120_000 });
    if (r.resultType !== 'vector') throw new Error(r.resultType);
    // A third of the rate is in (1,2], two thirds in (2,4]: the median is a quarter into (2,4] on a log scale.
    expect(r.series[0].values[0]).toBeCloseTo(2 ** 1.25, 12);
  });

  it('min() ignores histograms with an info, sum() of floats and histograms warns', () => {
    const r = executeInstantQuery({ store, expr: 'min(a_seconds)', timeMs: 120_000 });
    expect(r.resultType === 'vector' && r.series.length).toBe(0);
    expect(r.infos[0]).toContain('ignored histogram in min aggregation');
    const s = executeInstantQuery({ store, expr: 'sum(a_seconds or vector(1))', timeMs: 120_000 });
    expect(s.warnings[0]).toContain('encountered a mix of histograms and floats for aggregation');
  });
});

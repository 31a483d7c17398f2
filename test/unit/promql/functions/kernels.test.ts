// Hand-checked values for the range-function kernels and quantile maths.
import { describe, expect, it } from 'vitest';
import { extrapolatedRate, instantValue } from '@core/promql/functions/rate';
import { deriv, predictLinear } from '@core/promql/functions/regression';
import { doubleExponentialSmoothing } from '@core/promql/functions/smoothing';
import { quantileOf } from '@core/promql/functions/quantile';
import { bucketQuantile, bucketFraction } from '@core/promql/functions/buckets';
import { avgOverTime, sumOverTime, varianceOverTime } from '@core/promql/functions/over-time';
import type { RangeWindow } from '@core/promql/functions/window';

function win(ts: number[], vs: number[], evalTs: number, rangeMs: number): RangeWindow {
  return {
    ts: Float64Array.from(ts),
    vs: Float64Array.from(vs),
    lo: 0,
    hi: ts.length,
    evalTs,
    rangeStartMs: evalTs - rangeMs,
    rangeEndMs: evalTs,
    rangeMs,
  };
}

describe('rate/increase/delta extrapolation', () => {
  it('extrapolates a regular counter to the whole window', () => {
    // Samples every 60s at 60..300s, value +10 per minute; window (0, 300s].
    const w = win([60e3, 120e3, 180e3, 240e3, 300e3], [10, 20, 30, 40, 50], 300e3, 300e3);
    expect(extrapolatedRate(w, true, false)).toBeCloseTo(50, 10);
    expect(extrapolatedRate(w, true, true)).toBeCloseTo(50 / 300, 12);
  });

  it('does not extrapolate a counter below zero', () => {
    const w = win([60e3, 120e3], [0, 10], 180e3, 180e3);
    // Zero point is at the first sample: start extrapolation is 0s, end gap 60s >= threshold 66s? no → full.
    expect(extrapolatedRate(w, true, false)).toBeCloseTo(20, 10);
  });

  it('handles counter resets', () => {
    const w = win([0, 60e3, 120e3], [10, 20, 5], 120e3, 120e3);
    // increase = (5 - 10) + 20 = 15 over 120s sampled, first sample at range start.
    expect(extrapolatedRate(w, true, false)).toBeCloseTo(15 * (120 + 0 + 0) / 120, 10);
  });

  it('delta does not treat drops as resets', () => {
    const w = win([0, 60e3, 120e3], [10, 20, 5], 120e3, 120e3);
    expect(extrapolatedRate(w, false, false)).toBeCloseTo(-5, 10);
  });

  it('needs two samples', () => {
    expect(extrapolatedRate(win([0], [1], 60e3, 60e3), true, true)).toBeUndefined();
  });

  it('irate and idelta use the last two samples', () => {
    const w = win([0, 10e3, 20e3], [1, 5, 2], 20e3, 60e3);
    expect(instantValue(w, true)).toBeCloseTo(2 / 10, 12); // reset: last value over 10s
    expect(instantValue(w, false)).toBe(-3);
  });
});

describe('regression', () => {
  it('deriv of a straight line is its slope', () => {
    expect(deriv(win([0, 10e3, 20e3], [0, 5, 10], 20e3, 60e3))).toBeCloseTo(0.5, 12);
  });
  it('predict_linear extrapolates from the evaluation time', () => {
    expect(predictLinear(win([0, 10e3, 20e3], [0, 5, 10], 20e3, 60e3), 10)).toBeCloseTo(15, 12);
  });
  it('constant series have slope 0', () => {
    expect(deriv(win([0, 10e3], [3, 3], 10e3, 60e3))).toBe(0);
  });
});

describe('double_exponential_smoothing', () => {
  it('follows a linear trend exactly', () => {
    const w = win([0, 1e3, 2e3, 3e3], [0, 1, 2, 3], 3e3, 10e3);
    expect(doubleExponentialSmoothing(w, 0.5, 0.5)).toBeCloseTo(3, 12);
  });
  it('rejects factors outside (0, 1) with the upstream text', () => {
    const w = win([0, 1e3], [0, 1], 1e3, 10e3);
    expect(() => doubleExponentialSmoothing(w, 1, 0.5)).toThrow('invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000');
  });
});

describe('quantiles', () => {
  it('interpolates between ranks', () => {
    expect(quantileOf(0.5, Float64Array.from([1, 2, 3, 4]))).toBe(2.5);
    expect(quantileOf(0, Float64Array.from([3, 1]))).toBe(1);
    expect(quantileOf(2, Float64Array.from([3, 1]))).toBe(Infinity);
    expect(quantileOf(-1, Float64Array.from([3, 1]))).toBe(-Infinity);
  });

  it('histogram_quantile over classic buckets', () => {
    const b = { upper: Float64Array.from([0.1, 0.5, 1, Infinity]), count: Float64Array.from([10, 20, 30, 30]), n: 4 };
    // rank 15 falls in (0.1, 0.5]: 0.1 + 0.4 * (5/10).
    expect(bucketQuantile(0.5, b).value).toBeCloseTo(0.3, 12);
  });

  it('histogram_quantile returns the highest finite bound in the +Inf bucket and repairs monotonicity', () => {
    const b = { upper: Float64Array.from([1, 2, Infinity]), count: Float64Array.from([5, 4, 10]), n: 3 };
    const r = bucketQuantile(0.99, b);
    expect(r.forcedMonotonic).toBe(true);
    expect(r.value).toBe(2);
  });

  it('histogram_quantile is NaN without a +Inf bucket', () => {
    const b = { upper: Float64Array.from([1, 2]), count: Float64Array.from([5, 10]), n: 2 };
    expect(bucketQuantile(0.5, b).value).toBeNaN();
  });

  it('histogram_fraction interpolates within buckets', () => {
    const b = { upper: Float64Array.from([1, 2, Infinity]), count: Float64Array.from([10, 20, 20]), n: 3 };
    expect(bucketFraction(0, 1.5, b)).toBeCloseTo(0.75, 12);
  });
});

describe('over_time', () => {
  it('avg, sum and variance', () => {
    const w = win([0, 1, 2, 3], [1, 2, 3, 4], 3, 10);
    expect(avgOverTime(w)).toBe(2.5);
    expect(sumOverTime(w)).toBe(10);
    expect(varianceOverTime(w)).toBeCloseTo(1.25, 12);
  });
  it('avg does not overflow for huge values', () => {
    const w = win([0, 1], [Number.MAX_VALUE, Number.MAX_VALUE], 1, 10);
    expect(avgOverTime(w)).toBe(Number.MAX_VALUE);
  });
});

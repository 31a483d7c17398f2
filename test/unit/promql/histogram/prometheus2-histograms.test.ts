// Native histograms under --compat prometheus2, checked by hand against Prometheus 2.42's engine (promql/engine.go
// and functions.go at v2.42.0), where a sample is Point{V, H} and a histogram sample's V is 0: the rules
// engine/prometheus2-histograms.ts models, each beside what Prometheus 3 semantics answer for the same query.
// The generated differential corpus against the real 2.42 is test/integration/promql/histogram-differential.test.ts.
import { describe, expect, it } from 'vitest';
import { CounterResetHint, type FloatHistogram } from '@core/series/histogram';
import { MemorySeriesStore } from '@core/series/memory-store';
import { executeInstantQuery, type QueryResult } from '@core/promql/engine/query';

function hist(count: number, buckets: number[], sum = count): FloatHistogram {
  return {
    counterResetHint: CounterResetHint.Unknown,
    schema: 0,
    zeroThreshold: 0,
    zeroCount: count - buckets.reduce((a, x) => a + x, 0),
    count,
    sum,
    positiveSpans: Int32Array.of(0, buckets.length),
    positiveBuckets: Float64Array.from(buckets),
    negativeSpans: new Int32Array(0),
    negativeBuckets: new Float64Array(0),
  };
}

// h{} every 15 s: counts 4, 8, 12, then a reset to 2, then 6; and a float series f under the same name.
const H = [hist(4, [1, 3]), hist(8, [2, 6]), hist(12, [3, 9]), hist(2, [1, 1]), hist(6, [2, 4])];
const ts = Float64Array.from(H.map((_h, i) => i * 15_000));
const store = new MemorySeriesStore([
  { labels: { __name__: 'm', kind: 'h' }, timestamps: ts, values: new Float64Array(H.length).fill(NaN), histograms: H },
  { labels: { __name__: 'm', kind: 'f' }, timestamps: ts, values: Float64Array.from([10, 20, 30, 40, 50]) },
]);
const AT = 60_000;

type Sample = { labels: Record<string, string>; f?: number; h?: FloatHistogram };
function samples(r: QueryResult): Sample[] {
  if (r.resultType !== 'vector') throw new Error(r.resultType);
  return r.series.map((s) => {
    const h = s.histograms?.[0] ?? null;
    return h ? { labels: s.labels, h } : { labels: s.labels, f: s.values[0] };
  });
}
const p2 = (expr: string) => samples(executeInstantQuery({ store, expr, timeMs: AT, compat: 'prometheus2' }));
const p3 = (expr: string) => samples(executeInstantQuery({ store, expr, timeMs: AT }));
const only = (xs: Sample[], kind: string) => xs.filter((s) => s.labels.kind === kind);

describe('native histograms as Prometheus 2.42 evaluated them', () => {
  it('scalar arithmetic, unary minus and bool keep the histogram whole (2.42 only computed V)', () => {
    expect(only(p2('m * 2'), 'h')[0].h!.count).toBe(6);
    expect(only(p3('m * 2'), 'h')[0].h!.count).toBe(12);
    expect(only(p2('-m'), 'h')[0].h!.count).toBe(6);
    expect(only(p2('m == bool 5'), 'h')[0].h!.count).toBe(6);
    // A comparison filters on V = 0: `m < 1` keeps the histogram, `m > 1` drops it.
    expect(only(p2('m < 1'), 'h')).toHaveLength(1);
    expect(only(p2('m > 1'), 'h')).toHaveLength(0);
  });

  it('float functions and aggregations other than sum read the histogram as its V', () => {
    expect(only(p2('abs(m)'), 'h')[0].f).toBe(0);
    expect(only(p3('abs(m)'), 'h')).toHaveLength(0);
    // After arithmetic V is no longer 0: abs(m + 1) is 1 in 2.42.
    expect(only(p2('abs(m + 1)'), 'h')[0].f).toBe(1);
    expect(p2('count(m)')[0].f).toBe(2);
    expect(p2('max(m)')[0].f).toBe(50);
    expect(p2('min(m)')[0].f).toBe(0);
    expect(only(p2('label_replace(m, "x", "y", "", "")'), 'h')[0].f).toBe(0);
  });

  it('sum adds histograms, and drops a group mixing floats and histograms', () => {
    expect(p2('sum by (kind) (m)').find((s) => s.labels.kind === 'h')!.h!.count).toBe(6);
    expect(p2('sum(m)')).toEqual([]);
  });

  it('rate detects the reset with counts alone; irate and the *_over_time functions see V = 0', () => {
    // 2.42's window [0, 60 s] is closed on the left: 4, 8, 12, reset, 2, 6. Last − first plus the count before
    // the reset: 6 − 4 + 12 = 14, and the samples span the whole range (no extrapolation).
    const inc = only(p2('increase(m[1m])'), 'h')[0].h!;
    expect(inc.count).toBe(14);
    expect(Array.from(inc.positiveBuckets)).toEqual([2 - 1 + 3, 4 - 3 + 9]);
    expect(only(p2('irate(m[1m])'), 'h')[0].f).toBe(0);
    expect(only(p2('count_over_time(m[1m])'), 'h')[0].f).toBe(5);
    expect(only(p2('sum_over_time(m[1m])'), 'h')[0].f).toBe(0);
    expect(only(p3('sum_over_time(m[1m])'), 'h')[0].h).toBeDefined();
  });

  it('between two histograms only + adds; other operators compare V, and a float never pairs with a histogram', () => {
    expect(p2('m + m')).toHaveLength(2);
    expect(p2('m{kind="f"} + ignoring(kind) m{kind="h"}')).toEqual([]);
    expect(only(p2('m{kind="h"} + m{kind="h"}'), 'h')[0].h!.count).toBe(12);
    // h − h is V − V: the float 0 (Prometheus 3 subtracts the histograms).
    expect(p2('m{kind="h"} - m{kind="h"}')).toEqual([{ labels: { kind: 'h' }, f: 0 }]);
    expect(p3('m{kind="h"} - m{kind="h"}')[0].h!.count).toBe(0);
    expect(p2('m{kind="h"} / m{kind="h"}')[0].f).toBeNaN();
  });
});

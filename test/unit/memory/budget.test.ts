import { describe, expect, it } from 'vitest';
import { MemoryBudgetError, ProcessMemoryBudget, QueryMemoryBudget } from '@core/memory/budget';
import { BYTES_PER_SAMPLE, defaultProcessBudgetBytes, defaultQueryBudgetBytes, formatCount, histogramBytes } from '@core/memory/sizes';
import { CounterResetHint } from '@core/series/histogram';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('QueryMemoryBudget', () => {
  it('counts what accounts charge and release, and names the selector that pulled the most', () => {
    const b = new QueryMemoryBudget({ limitBytes: 10 * MiB });
    const cpuA = b.account('node_cpu_seconds_total', 'prom-a');
    const cpuB = b.account('node_cpu_seconds_total', 'prom-b');
    const up = b.account('up', 'prom-a');
    cpuA.charge(1000);
    cpuB.charge(500);
    up.charge(1200);
    expect(b.heldBytes).toBe(2700 * BYTES_PER_SAMPLE);
    const top = b.topSelector()!;
    expect(top.selector).toBe('node_cpu_seconds_total');
    expect(top.samples).toBe(1500);
    expect(top.sources).toEqual([
      { source: 'prom-a', samples: 1000 },
      { source: 'prom-b', samples: 500 },
    ]);
    cpuA.release(400 * BYTES_PER_SAMPLE);
    expect(b.heldBytes).toBe(2300 * BYTES_PER_SAMPLE);
    expect(b.peakBytes).toBe(2700 * BYTES_PER_SAMPLE);
    // An account never gives back more than it holds.
    up.release(10 * GiB);
    expect(b.heldBytes).toBe(1100 * BYTES_PER_SAMPLE);
  });

  it('throws a typed error past its limit, aborts its signal at once, and keeps failing', () => {
    const b = new QueryMemoryBudget({ limitBytes: 1 * MiB });
    const a = b.account('node_cpu_seconds_total', 'prom-a');
    a.charge(30_000);
    expect(b.signal.aborted).toBe(false);
    let err: unknown;
    try {
      a.charge(3_000);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MemoryBudgetError);
    const e = err as MemoryBudgetError;
    expect(e.scope).toBe('query');
    expect(e.limitBytes).toBe(MiB);
    expect(e.top?.samples).toBe(33_000);
    expect(e.message).toBe(
      'the query needs more than the memory budget of 1.0 MiB; `node_cpu_seconds_total` alone pulled 33 k samples from prom-a before it stopped — narrow the range, raise --max-memory, or push the query down',
    );
    expect(b.signal.aborted).toBe(true);
    expect(b.signal.reason).toBe(e);
    expect(b.error).toBe(e);
    expect(() => b.account('up', 'prom-b').charge(1)).toThrow(MemoryBudgetError);
  });

  it('says how to raise the budget where the query came from', () => {
    const b = new QueryMemoryBudget({ limitBytes: 1000, raiseHint: 'raise the memory budget' });
    expect(() => b.account('up', 'demo-a').charge(100)).toThrow(/narrow the range, raise the memory budget, or push the query down/);
  });
});

describe('ProcessMemoryBudget', () => {
  it('sums its running queries and fails the one that crosses it; the others go on', () => {
    const pool = new ProcessMemoryBudget(10 * MiB, 'raise --max-memory-total');
    const q1 = pool.open(8 * MiB);
    const q2 = pool.open(8 * MiB);
    q1.account('a', 'n1').charge((6 * MiB) / BYTES_PER_SAMPLE);
    expect(pool.heldBytes).toBe(6 * MiB);
    expect(pool.queries).toBe(2);
    let err: MemoryBudgetError | undefined;
    try {
      q2.account('b', 'n1').charge((5 * MiB) / BYTES_PER_SAMPLE);
    } catch (e) {
      err = e as MemoryBudgetError;
    }
    expect(err?.scope).toBe('process');
    expect(err?.limitBytes).toBe(10 * MiB);
    expect(err?.message).toMatch(/^the queries running at once need more than the process memory budget of 10 MiB \(2 queries running held 11 MiB\); `b` alone pulled/);
    expect(err?.message).toMatch(/raise --max-memory-total/);
    expect(q2.signal.aborted).toBe(true);
    expect(q1.signal.aborted).toBe(false);
    // The failed query gave its bytes back: the first one keeps going.
    expect(pool.heldBytes).toBe(6 * MiB);
    expect(pool.queries).toBe(1);
    q1.account('a', 'n2').charge((1 * MiB) / BYTES_PER_SAMPLE);
    expect(() => q1.account('a', 'n2').charge((2 * MiB) / BYTES_PER_SAMPLE)).toThrow(/memory budget of 8.0 MiB; `a` alone pulled 295 k samples from n1 and n2 .*raise --max-memory, or/);
    q1.close();
    q1.close();
    expect(pool.heldBytes).toBe(0);
    expect(pool.queries).toBe(0);
  });

  it('never gives a query more than the whole pool', () => {
    const pool = new ProcessMemoryBudget(4 * MiB);
    expect(pool.open(1 * GiB).limitBytes).toBe(4 * MiB);
  });
});

describe('defaults and sizes', () => {
  it('sizes the budgets to the machine: a quarter of RAM, at most twice the heap limit, per query at most 1 GiB', () => {
    expect(defaultProcessBudgetBytes({ totalBytes: 16 * GiB, heapLimitBytes: 4 * GiB })).toBe(4 * GiB);
    expect(defaultProcessBudgetBytes({ totalBytes: 64 * GiB, heapLimitBytes: 2 * GiB })).toBe(4 * GiB);
    expect(defaultProcessBudgetBytes({ totalBytes: 512 * MiB, heapLimitBytes: 2 * GiB })).toBe(256 * MiB);
    expect(defaultQueryBudgetBytes({ totalBytes: 16 * GiB, heapLimitBytes: 4 * GiB })).toBe(GiB);
    expect(defaultQueryBudgetBytes({ totalBytes: 2 * GiB, heapLimitBytes: 4 * GiB })).toBe(512 * MiB);
  });

  it('prices a histogram by its buckets', () => {
    const h = (buckets: number) => ({
      counterResetHint: CounterResetHint.Unknown,
      schema: 3,
      zeroThreshold: 1e-128,
      zeroCount: 0,
      count: 1,
      sum: 1,
      positiveSpans: new Int32Array([0, buckets]),
      positiveBuckets: new Float64Array(buckets),
      negativeSpans: new Int32Array(0),
      negativeBuckets: new Float64Array(0),
    });
    expect(histogramBytes(h(100)) - histogramBytes(h(10))).toBe(90 * 8);
  });

  it('writes sample counts as the error sentence does', () => {
    expect(formatCount(38_123_456)).toBe('38 M');
    expect(formatCount(2_512_000)).toBe('2.5 M');
    expect(formatCount(9_999)).toBe('9999');
    expect(formatCount(91_000)).toBe('91 k');
  });
});

// The engine's deadlines and limits: subquery steps counted before any work, the query timeout and cancellation
// seen inside long loops, Prometheus's max-samples sentence.
import { describe, expect, it } from 'vitest';
import { executeInstantQuery, executeRangeQuery } from '@core/promql/engine/query';
import { QueryCanceledError, QueryTimeoutError, TooManySamplesError, TooManySubqueryStepsError } from '@core/promql/engine/errors';
import { MemorySeriesStore } from '@core/series/memory-store';

const NOW = 1_700_000_000_000;
const store = new MemorySeriesStore(
  ['a', 'b'].map((instance) => ({
    labels: { __name__: 'up', instance },
    timestamps: Float64Array.from({ length: 240 }, (_, i) => NOW - (239 - i) * 15_000),
    values: new Float64Array(240).fill(1),
  })),
);

describe('engine limits', () => {
  it('max_over_time(up[100y:1ms]) fails at once with the subquery-step limit, naming both numbers', () => {
    const run = (): unknown => executeInstantQuery({ expr: 'max_over_time(up[100y:1ms])', store, timeMs: NOW });
    expect(run).toThrow(TooManySubqueryStepsError);
    expect(run).toThrow(/^exceeded maximum of 11,000,000 steps per subquery \(this one would evaluate 3,153,600,000,000\)/);
    // Inside a range query, and nested: the inner grid is counted the same way.
    expect(() => executeRangeQuery({ expr: 'max_over_time(rate(up[5m])[1d:1ms])', store, startMs: NOW - 3600_000, endMs: NOW, stepMs: 60_000 })).toThrow(TooManySubqueryStepsError);
    // A large but sane subquery is evaluated.
    const ok = executeInstantQuery({ expr: 'max_over_time(up[1h:1s])', store, timeMs: NOW });
    expect(ok.resultType).toBe('vector');
    expect(ok.resultType === 'vector' && ok.series.map((s) => s.values[0])).toEqual([1, 1]);
    // The limit is an option.
    expect(() => executeInstantQuery({ expr: 'max_over_time(up[1h:1s])', store, timeMs: NOW, maxSubquerySteps: 3599 })).toThrow(TooManySubqueryStepsError);
  });

  it('the timeout ends a long evaluation inside its step loops with Prometheus’s sentence', () => {
    const t0 = Date.now();
    let err: unknown;
    try {
      executeInstantQuery({ expr: 'count_over_time(up[2h:1ms])', store, timeMs: NOW, timeoutMs: 50, maxSubquerySteps: 10_000_000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryTimeoutError);
    expect((err as Error).message).toBe('query timed out in expression evaluation');
    // Checked every 16 384 steps, so it ends soon after the deadline (a loose bound: a shared machine).
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('a fired signal cancels with errorType canceled', () => {
    const c = new AbortController();
    c.abort();
    expect(() => executeInstantQuery({ expr: 'up', store, timeMs: NOW, signal: c.signal })).toThrow(QueryCanceledError);
  });

  it('more samples than maxSamples: Prometheus’s sentence', () => {
    const run = (): unknown => executeRangeQuery({ expr: 'up', store, startMs: NOW - 3600_000, endMs: NOW, stepMs: 15_000, maxSamples: 100 });
    expect(run).toThrow(TooManySamplesError);
    expect(run).toThrow('query processing would load too many samples into memory in query execution');
  });
});

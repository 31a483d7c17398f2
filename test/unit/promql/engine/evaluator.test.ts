// Hand-checked queries over a small MemorySeriesStore: selectors, staleness, functions, aggregation, binary
// matching, the API JSON shape, compat differences and the sample limit.
import { describe, expect, it } from 'vitest';
import { MemorySeriesStore } from '@core/series/memory-store';
import { STALE_NAN } from '@core/series/stale-marker';
import type { Labels, RawSeries } from '@core/series/types';
import {
  errorToPrometheusApiJson,
  executeInstantQuery,
  executeRangeQuery,
  toPrometheusApiJson,
  type QueryResult,
} from '@core/promql';

function series(labels: Labels, stepMs: number, values: (number | 'stale')[]): RawSeries {
  const timestamps = new Float64Array(values.length);
  const vals = new Float64Array(values.length);
  values.forEach((v, i) => {
    timestamps[i] = i * stepMs;
    vals[i] = v === 'stale' ? STALE_NAN : v;
  });
  return { labels, timestamps, values: vals };
}

const store = new MemorySeriesStore([
  series({ __name__: 'http_requests_total', job: 'api', instance: 'a' }, 60_000, [0, 60, 120, 180, 240, 300]),
  series({ __name__: 'http_requests_total', job: 'api', instance: 'b' }, 60_000, [0, 30, 60, 90, 120, 150]),
  series({ __name__: 'up', job: 'api', instance: 'a' }, 60_000, [1, 1, 1, 'stale']),
  series({ __name__: 'gauge', job: 'api', instance: 'a', note: 'x\ny' }, 60_000, [5, 5, 5, 5, 5, 5]),
]);

function vector(r: QueryResult): Record<string, number> {
  if (r.resultType !== 'vector') throw new Error(r.resultType);
  return Object.fromEntries(
    r.series.map((s) => [JSON.stringify(Object.fromEntries(Object.entries(s.labels).sort())), s.values[0]]),
  );
}

describe('instant queries', () => {
  it('selects with lookback and respects stale markers', () => {
    expect(Object.keys(vector(executeInstantQuery({ store, expr: 'up', timeMs: 120_000 })))).toHaveLength(1);
    // The stale marker at 180s ends the series even though 120s is within the lookback.
    expect(vector(executeInstantQuery({ store, expr: 'up', timeMs: 200_000 }))).toEqual({});
  });

  it('rate drops the name and sums by job', () => {
    const r = executeInstantQuery({ store, expr: 'sum by (job) (rate(http_requests_total[5m]))', timeMs: 300_000 });
    expect(vector(r)).toEqual({ '{"job":"api"}': 1.5 });
  });

  it('vector matching with group_left copies labels from the one side', () => {
    const r = executeInstantQuery({
      store,
      expr: 'http_requests_total * on (instance) group_left (note) gauge',
      timeMs: 300_000,
    });
    expect(vector(r)).toEqual({ '{"instance":"a","job":"api","note":"x\\ny"}': 1500 });
  });

  it('reports the not-a-counter info with its position', () => {
    const r = executeInstantQuery({ store, expr: 'rate(gauge[5m])', timeMs: 300_000 });
    expect(r.infos).toEqual(['PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "gauge" (1:6)']);
  });

  it('renders Prometheus API JSON', () => {
    const r = executeInstantQuery({ store, expr: 'sum(http_requests_total) / 7', timeMs: 300_000 });
    expect(toPrometheusApiJson(r)).toEqual({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: {}, value: [300, String(450 / 7)] }] },
    });
    expect(toPrometheusApiJson(executeInstantQuery({ store, expr: '1/0', timeMs: 1500 }))).toEqual({
      status: 'success',
      data: { resultType: 'scalar', result: [1.5, '+Inf'] },
    });
  });
});

describe('range queries', () => {
  it('steps through the grid and sorts series by labels', () => {
    const r = executeRangeQuery({ store, expr: 'http_requests_total', startMs: 0, endMs: 300_000, stepMs: 150_000 });
    if (r.resultType !== 'matrix') throw new Error();
    expect(r.series.map((s) => s.labels.instance)).toEqual(['a', 'b']);
    expect(Array.from(r.series[0].values)).toEqual([0, 120, 300]);
    expect(Array.from(r.series[0].timestamps)).toEqual([0, 150_000, 300_000]);
  });

  it('rejects range vectors', () => {
    expect(() => executeRangeQuery({ store, expr: 'up[5m]', startMs: 0, endMs: 1, stepMs: 1 })).toThrow(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
  });
});

describe('compatibility', () => {
  it('Prometheus 2 windows are closed on the left', () => {
    const q = { store, expr: 'count_over_time(http_requests_total{instance="a"}[2m])', timeMs: 240_000 };
    expect(Object.values(vector(executeInstantQuery(q)))).toEqual([2]);
    expect(Object.values(vector(executeInstantQuery({ ...q, compat: 'prometheus2' })))).toEqual([3]);
  });

  it('Prometheus 2 subqueries keep the point exactly at their start when it falls on a multiple of the step', () => {
    const q = { store, expr: 'count_over_time(gauge[2m:30s])', timeMs: 240_000 };
    expect(Object.values(vector(executeInstantQuery(q)))).toEqual([4]);
    expect(Object.values(vector(executeInstantQuery({ ...q, compat: 'prometheus2' })))).toEqual([5]);
  });

  it('Prometheus 2 allows only [a-zA-Z_][a-zA-Z0-9_]* as label_replace/label_join/count_values label names', () => {
    const cases: [string, string][] = [
      ['label_replace(gauge, "a-b", "$1", "job", "(.*)")', 'invalid destination label name in label_replace(): a-b'],
      ['label_join(gauge, "1x", ",", "job")', 'invalid destination label name in label_join(): 1x'],
      ['label_join(gauge, "x", ",", "jö")', 'invalid source label name in label_join(): jö'],
      ['count_values("a.b", gauge)', 'invalid label name "a.b"'],
    ];
    for (const [expr, message] of cases) {
      expect(() => executeInstantQuery({ store, expr, timeMs: 0, compat: 'prometheus2' }), expr).toThrow(message);
      expect(() => executeInstantQuery({ store, expr, timeMs: 0 }), expr).not.toThrow();
    }
  });

  it('Prometheus 2 regexes do not let . match a newline', () => {
    const q = { store, expr: 'gauge{note=~"x.y"}', timeMs: 0 };
    expect(Object.keys(vector(executeInstantQuery(q)))).toHaveLength(1);
    expect(Object.keys(vector(executeInstantQuery({ ...q, compat: 'prometheus2' })))).toHaveLength(0);
  });
});

describe('limits and errors', () => {
  it('stops at the sample limit with the Prometheus text', () => {
    let err: unknown;
    try {
      executeRangeQuery({ store, expr: 'http_requests_total', startMs: 0, endMs: 300_000, stepMs: 1000, maxSamples: 10 });
    } catch (e) {
      err = e;
    }
    expect(errorToPrometheusApiJson(err)).toEqual({
      status: 'error',
      errorType: 'execution',
      error: 'query processing would load too many samples into memory in query execution',
    });
  });

  it('honours an aborted signal', () => {
    const ac = new AbortController();
    ac.abort();
    expect(() => executeInstantQuery({ store, expr: 'up', timeMs: 0, signal: ac.signal })).toThrow('query was canceled in expression evaluation');
  });
});

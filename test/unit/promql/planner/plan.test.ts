import { describe, expect, it } from 'vitest';
import { allFeatures, parse } from '../../../../electron/core/promql/parser';
import { planSelectors, type PlanOptions } from '../../../../electron/core/promql/planner';

// A range query from t=10,000s to t=20,000s every 10s; lookback 5m unless said otherwise.
const S = 10_000_000;
const E = 20_000_000;
const range: PlanOptions = { startMs: S, endMs: E, stepMs: 10_000 };
const instant: PlanOptions = { startMs: S, endMs: S, stepMs: 0 };
const M = 60_000;

const plan = (q: string, opts: PlanOptions = range) => planSelectors(parse(q, allFeatures), opts);
const windows = (q: string, opts: PlanOptions = range) =>
  plan(q, opts).map((r) => [r.matchers.map((m) => `${m.name}${m.type}${m.value}`).join(','), r.startMs, r.endMs]);

describe('planSelectors windows', () => {
  it('reads an instant selector back by the lookback delta, left-open', () => {
    expect(windows('foo')).toEqual([['__name__=foo', S - 5 * M + 1, E]]);
    expect(windows('foo', instant)).toEqual([['__name__=foo', S - 5 * M + 1, S]]);
    expect(windows('foo', { ...range, lookbackDeltaMs: M })).toEqual([['__name__=foo', S - M + 1, E]]);
  });

  it('reads a matrix selector back by its range, left-open in Prometheus 3 and closed in Prometheus 2', () => {
    expect(windows('rate(foo[5m])')).toEqual([['__name__=foo', S - 5 * M + 1, E]]);
    expect(windows('rate(foo[1h])')).toEqual([['__name__=foo', S - 60 * M + 1, E]]);
    expect(windows('rate(foo[5m])', { ...range, compat: 'prometheus2' })).toEqual([['__name__=foo', S - 5 * M, E]]);
    expect(windows('foo', { ...range, compat: 'prometheus2' })).toEqual([['__name__=foo', S - 5 * M, E]]);
  });

  it('shifts by offsets, negative ones too', () => {
    expect(windows('foo offset 1h')).toEqual([['__name__=foo', S - 5 * M + 1 - 60 * M, E - 60 * M]]);
    expect(windows('rate(foo[5m] offset -10m)')).toEqual([['__name__=foo', S - 5 * M + 1 + 10 * M, E + 10 * M]]);
  });

  it('pins @ timestamps, start() and end()', () => {
    expect(windows('foo @ 5000')).toEqual([['__name__=foo', 5_000_000 - 5 * M + 1, 5_000_000]]);
    expect(windows('rate(foo[10m] @ 5000 offset 1m)')).toEqual([
      ['__name__=foo', 5_000_000 - 10 * M + 1 - M, 5_000_000 - M],
    ]);
    expect(windows('foo @ start()')).toEqual([['__name__=foo', S - 5 * M + 1, S]]);
    expect(windows('foo @ end()')).toEqual([['__name__=foo', E - 5 * M + 1, E]]);
  });

  it('widens by subquery ranges and offsets, reset by an @ on a subquery', () => {
    expect(windows('max_over_time(rate(foo[5m])[1h:1m])')).toEqual([['__name__=foo', S - 60 * M - 5 * M + 1, E]]);
    expect(windows('max_over_time((foo offset 10m)[1h:1m] offset 30m)')).toEqual([
      ['__name__=foo', S - 30 * M - 60 * M - 5 * M + 1 - 10 * M, E - 30 * M - 10 * M],
    ]);
    expect(windows('max_over_time(foo[1h:1m] @ 5000)')).toEqual([
      ['__name__=foo', 5_000_000 - 60 * M - 5 * M + 1, 5_000_000],
    ]);
    // Nested subqueries add up; the inner @ discards what the outer one added.
    expect(windows('max_over_time(max_over_time(foo[10m:1m])[1h:5m])')).toEqual([
      ['__name__=foo', S - 60 * M - 10 * M - 5 * M + 1, E],
    ]);
    expect(windows('max_over_time(max_over_time(foo[10m:1m] @ 100)[1h:5m] offset 1d)')).toEqual([
      ['__name__=foo', 100_000 - 10 * M - 5 * M + 1, 100_000],
    ]);
  });

  it('resolves duration expressions with the query step and range', () => {
    expect(windows('rate(foo[step()*2])')).toEqual([['__name__=foo', S - 20_000 + 1, E]]);
    expect(windows('foo offset (1m + 1m)')).toEqual([['__name__=foo', S - 5 * M + 1 - 2 * M, E - 2 * M]]);
    expect(windows('max_over_time(foo[1h:step()])')).toEqual([['__name__=foo', S - 60 * M - 5 * M + 1, E]]);
    expect(windows('foo offset range()')).toEqual([['__name__=foo', S - 5 * M + 1 - (E - S), E - (E - S)]]);
  });

  it('extends anchored and smoothed selectors by the lookback delta', () => {
    expect(windows('increase(foo[5m] anchored)')).toEqual([['__name__=foo', S - 10 * M + 1, E]]);
    expect(windows('rate(foo[5m] smoothed)')).toEqual([['__name__=foo', S - 10 * M + 1, E + 5 * M]]);
    expect(windows('foo smoothed')).toEqual([['__name__=foo', S - 5 * M + 1, E + 5 * M]]);
  });
});

describe('planSelectors merging', () => {
  it('merges windows of identical matcher sets, in any matcher order', () => {
    expect(windows('foo + foo offset 1h')).toEqual([['__name__=foo', S - 65 * M + 1, E]]);
    expect(windows('foo{a="1",b="2"} / on() foo{b="2",a="1"} @ 30000')).toEqual([
      ['a=1,b=2,__name__=foo', S - 5 * M + 1, 30_000_000],
    ]);
  });

  it('keeps distinct matcher sets apart', () => {
    expect(windows('foo{a="1"} / foo{a=~"1"} - bar')).toEqual([
      ['a=1,__name__=foo', S - 5 * M + 1, E],
      ['a=~1,__name__=foo', S - 5 * M + 1, E],
      ['__name__=bar', S - 5 * M + 1, E],
    ]);
  });

  it('keeps only the hints every merged occurrence agrees on', () => {
    const [r] = plan('rate(foo[5m]) / rate(foo[5m] offset 1d)');
    expect(r.hints).toEqual({ startMs: S - 5 * M + 1 - 1440 * M, endMs: E, stepMs: 10_000, func: 'rate', rangeMs: 5 * M });
    const [m] = plan('rate(foo[5m]) / max_over_time(foo[1h:])');
    expect(m.hints).toEqual({ startMs: S - 65 * M + 1, endMs: E, stepMs: 10_000 });
  });
});

describe('planSelectors hints', () => {
  it('names the enclosing function or aggregation, its grouping, range and step', () => {
    expect(plan('sum by (job) (rate(foo[5m]))')[0].hints).toEqual({
      startMs: S - 5 * M + 1,
      endMs: E,
      stepMs: 10_000,
      rangeMs: 5 * M,
      func: 'rate',
    });
    expect(plan('sum without (x) (foo)')[0].hints).toMatchObject({ func: 'sum', grouping: ['x'], by: false });
    expect(plan('sum by (job) (foo)')[0].hints).toMatchObject({ func: 'sum', grouping: ['job'], by: true });
    expect(plan('abs(foo + bar)')[0].hints).not.toHaveProperty('func');
    expect(plan('foo', instant)[0].hints).toEqual({ startMs: S - 5 * M + 1, endMs: S });
  });

  it('uses the subquery step, or the default subquery step when none is written', () => {
    expect(plan('max_over_time(foo[1h:30s])')[0].hints?.stepMs).toBe(30_000);
    expect(plan('max_over_time(foo[1h:])')[0].hints?.stepMs).toBe(60_000);
    expect(plan('max_over_time(foo[1h:])', { ...range, noStepSubqueryIntervalMs: 15_000 })[0].hints?.stepMs).toBe(15_000);
  });

  it('sees parentheses around an aggregation argument as Prometheus 2 did (no grouping), and as 3 does (grouping)', () => {
    const p2 = { ...range, compat: 'prometheus2' as const };
    expect(plan('sum by (job) ((foo))', p2)[0].hints).toEqual({ startMs: S - 5 * M, endMs: E, stepMs: 10_000, func: 'sum' });
    expect(plan('sum by (job) (foo)', p2)[0].hints).toMatchObject({ func: 'sum', grouping: ['job'], by: true });
    expect(plan('sum by (job) ((foo))')[0].hints).toMatchObject({ func: 'sum', grouping: ['job'], by: true });
  });

  it('encodes every hint field on the wire as Prometheus does (proto3 defaults for absent ones)', async () => {
    const { encodeReadRequest } = await import('../../../../electron/core/remote-read/request-encoder');
    const { decodeReadRequest } = await import('../../../../electron/core/remote-read-server/request-decoder');
    const sent = plan('count(foo offset 1m)', { ...instant, compat: 'prometheus2' });
    const [q] = decodeReadRequest(encodeReadRequest(sent)).queries;
    expect(q.hints).toEqual({ startMs: S - 6 * M, endMs: S - M, stepMs: 0, func: 'count', rangeMs: 0, grouping: [], by: true });
  });
});

describe('info()', () => {
  it('reads the info series named by the selector, not the selector on its own', () => {
    // The info call comes before its arguments in the walk, so its read is listed first.
    expect(windows('info(rate(http_total[5m]), {k8s_cluster_name="us-east"})')).toEqual([
      ['k8s_cluster_name=us-east,__name__=target_info', S - 5 * M + 1, E],
      ['__name__=http_total', S - 5 * M + 1, E],
    ]);
    expect(windows('info(foo, {__name__=~"build_info|target_info"})')).toEqual([
      ['__name__=~build_info|target_info', S - 5 * M + 1, E],
      ['__name__=foo', S - 5 * M + 1, E],
    ]);
    expect(windows('info(foo, {__name__!="build_info"})')).toEqual([
      ['__name__=~.+_info,__name__!=build_info', S - 5 * M + 1, E],
      ['__name__=foo', S - 5 * M + 1, E],
    ]);
  });

  it('reads info series at the @ and offset of the first argument', () => {
    expect(windows('info(foo @ 100 offset 1m)')).toEqual([
      ['__name__=target_info', 100_000 - 5 * M + 1 - M, 100_000 - M],
      ['__name__=foo', 100_000 - 5 * M + 1 - M, 100_000 - M],
    ]);
  });
});

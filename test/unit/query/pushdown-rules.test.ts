// The pushdown exactness rules (docs/pushdown.md): which queries' merged view may be built from per-node answers,
// and that the combine really equals rrx's own evaluation over the union-merged replicas — with a planted gap.
import { describe, expect, it } from 'vitest';
import { mergeNodes } from '@core/cluster/merge';
import { parse } from '@core/promql/parser';
import { evaluateOn, toEvaluatedResult } from '@core/query/evaluate';
import { PlannedStore } from '@core/query/planned-store';
import { planSelectors } from '@core/promql/planner';
import { combineNodeAnswers } from '@core/query/pushdown-combine';
import { pushdownVerdict } from '@core/query/pushdown-rules';
import { rangeFrame } from '@core/query/time-frame';
import type { RawSeries } from '@core/series/types';
import { counterValues, gaugeValues, nodeOf, rawSeries, scrapeTimes, withoutRange } from '../../helpers/series-fixtures';

describe('pushdownVerdict', () => {
  const exact = ['max_over_time(x[5m])', 'min_over_time(x[5m])', 'max by (job) (max_over_time(x[5m]))', 'min(min_over_time(x[1m] offset 5m))', 'max(present_over_time(x[5m]))', 'min without (instance) (present_over_time(x[1m]))', '(max by (a) (max by (a, b) (max_over_time(x[5m]))))'];
  const inexact = ['x', 'rate(x[5m])', 'sum(max_over_time(x[5m]))', 'max(min_over_time(x[5m]))', 'min(max_over_time(x[5m]))', 'avg_over_time(x[5m])', 'count_over_time(x[5m])', 'last_over_time(x[5m])', 'max(x)', 'max_over_time(x[5m]) + 1', 'max_over_time(rate(x[1m])[5m:1m])', 'topk(1, max_over_time(x[5m]))'];
  it.each(exact)('%s is exact under union', (q) => {
    expect(pushdownVerdict(parse(q), 'union').exact).toBe(true);
  });
  it.each(inexact)('%s is not exact, with a reason', (q) => {
    const v = pushdownVerdict(parse(q), 'union');
    expect(v.exact).toBe(false);
    if (!v.exact) expect(v.reason.length).toBeGreaterThan(10);
  });
  it('only the union merge can be pushed down', () => {
    for (const s of ['penalty', 'prefer-first', 'prefer-max'] as const) expect(pushdownVerdict(parse('max_over_time(x[5m])'), s).exact).toBe(false);
  });
});

describe('combining per-node answers equals evaluating the merged replicas', () => {
  const t0 = 1_700_000_000_000;
  const frame = rangeFrame(t0 + 600_000, t0 + 3_000_000, 30_000);
  function replica(offsetMs: number, gap?: [number, number]): RawSeries[] {
    const ts = scrapeTimes({ startMs: t0, endMs: t0 + 3_100_000, intervalMs: 15_000, phaseMs: offsetMs, jitterMs: 500, seed: offsetMs + 1 });
    const series = [
      rawSeries({ __name__: 'x', job: 'a', instance: '1' }, ts, gaugeValues(ts, (t) => Math.sin(t / 97_000 + offsetMs) * 10)),
      rawSeries({ __name__: 'x', job: 'a', instance: '2' }, ts, counterValues(ts)),
      rawSeries({ __name__: 'x', job: 'b', instance: '3' }, ts, gaugeValues(ts, (t) => (t % 7_000) / 100 + offsetMs / 1000)),
    ];
    return gap ? series.map((s) => withoutRange(s, gap[0], gap[1])) : series;
  }
  // Replica B misses 10 minutes, longer than every window, so some steps have an answer from A only.
  const nodes = [nodeOf(0, 'a', replica(0)), nodeOf(1, 'b', replica(4_000, [t0 + 1_200_000, t0 + 1_800_000]))];
  function evaluate(q: string, stores: 'merged' | number) {
    const ast = parse(q);
    const requests = planSelectors(ast, { startMs: frame.startMs, endMs: frame.endMs, stepMs: frame.stepMs });
    const data = requests.map(() => (stores === 'merged' ? [...mergeNodes(nodes, { strategy: 'union' }).series] : [...nodes[stores].series]));
    return toEvaluatedResult(evaluateOn(ast, q, new PlannedStore(requests, data), frame, { compat: 'prometheus3' }));
  }
  it.each(['max_over_time(x[2m])', 'min_over_time(x[1m])', 'max by (job) (max_over_time(x[2m]))', 'min(min_over_time(x[3m]))', 'max(present_over_time(x[1m]))'])('%s', (q) => {
    const v = pushdownVerdict(parse(q), 'union');
    if (!v.exact) throw new Error(v.reason);
    const combined = combineNodeAnswers([evaluate(q, 0), evaluate(q, 1)], frame, v.combine);
    const local = evaluate(q, 'merged');
    expect(combined.series.map((s) => s.labels)).toEqual(local.series.map((s) => s.labels));
    combined.series.forEach((s, i) => {
      expect(Array.from(s.timestamps)).toEqual(Array.from(local.series[i].timestamps));
      expect(Array.from(s.values)).toEqual(Array.from(local.series[i].values));
    });
  });
  it('a sum of per-node answers would not equal the merged sum (why sum is not pushed down)', () => {
    const q = 'sum(max_over_time(x[2m]))';
    const a = evaluate(q, 0);
    const local = evaluate(q, 'merged');
    expect(Array.from(a.series[0].values)).not.toEqual(Array.from(local.series[0].values));
  });
});

describe('HA groups in the local merge', () => {
  it('replicas are deduplicated within their group; the same labels in two groups stay two shards', async () => {
    const { mergeSnapshot } = await import('@core/query/run-cluster-query');
    const s = (v: number) => rawSeries({ __name__: 'up', job: 'node' }, Float64Array.from([1000, 2000]), Float64Array.from([v, v]));
    const nodes = [0, 1, 2, 3].map((index) => ({ index, name: `n${index}`, endpoint: { url: `http://n${index}/api/v1/read` } }));
    const snapshot = {
      requests: [{ matchers: [], startMs: 0, endMs: 3000 }],
      outcomes: nodes.map((node, i) => ({ node, host: `n${i}`, ok: true, results: [[s(i < 2 ? 1 : 2)]], warnings: [], bytes: 0, series: 1, samples: 2, readMs: 0, fromCache: false })),
      readAtMs: 0,
    };
    const base = { name: 't', strategy: 'penalty' as const, partialPolicy: 'partial' as const, timeoutMs: 1000, compat: 'prometheus3' as const };
    const grouped = mergeSnapshot({ ...base, nodes: nodes.map((n, i) => ({ ...n, group: i < 2 ? 'g1' : 'g2' })) }, snapshot, 'penalty')[0];
    expect(grouped.map((m) => [Array.from(m.values), m.sourceNodes])).toEqual([[[1, 1], [0, 1]], [[2, 2], [2, 3]]]);
    const oneGroup = mergeSnapshot({ ...base, nodes }, snapshot, 'penalty')[0];
    expect(oneGroup).toHaveLength(1);
    expect(oneGroup[0].sourceNodes).toEqual([0, 1, 2, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import { executeInstantQuery, executeRangeQuery, type QueryResult } from '@core/promql/engine/query';
import type { Compat } from '@core/promql/engine/options';
import { parse } from '@core/promql/parser';
import { planSelectors } from '@core/promql/planner';
import { PlannedStore } from '@core/query/planned-store';
import { StreamingEvaluation, BATCH_SERIES } from '@core/query/streaming/streaming-evaluation';
import { NotStreamableError } from '@core/query/streaming/not-streamable';
import { HeldBytes } from '@core/series/held-bytes';
import { compareLabels } from '@core/series/labels';
import { STALE_NAN, isStaleAt } from '@core/series/stale-marker';
import type { RawSeries } from '@core/series/types';
import { prng, scrapeTimes } from '../../helpers/series-fixtures';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

/** Counters with resets, gauges with NaN/±Inf and huge magnitudes, stale markers, gaps; more series than a batch. */
function generated(seed: number, count: number): RawSeries[] {
  const rnd = prng(seed);
  const out: RawSeries[] = [];
  for (let i = 0; i < count; i++) {
    const ts = scrapeTimes({ startMs: T0, endMs: T0 + HOUR, intervalMs: 15_000, phaseMs: Math.floor(rnd() * 15_000), jitterMs: 200, seed: seed + i, gaps: rnd() < 0.2 ? [[T0 + 20 * 60_000, T0 + 35 * 60_000]] : [] });
    const vs = new Float64Array(ts.length);
    let c = rnd() * 100;
    const kind = i % 4;
    for (let k = 0; k < ts.length; k++) {
      if (kind === 0) {
        c = rnd() < 0.01 ? rnd() * 3 : c + rnd() * 10;
        vs[k] = c;
      } else if (kind === 1) vs[k] = (rnd() - 0.5) * 1e6 + (rnd() < 0.02 ? 1e300 : 0);
      else if (kind === 2) vs[k] = rnd() < 0.01 ? NaN : rnd() < 0.01 ? -Infinity : rnd() * 0.1;
      else vs[k] = rnd() < 0.02 ? STALE_NAN : Math.round(rnd() * 50);
    }
    out.push({ labels: { __name__: 'm', instance: `host-${i % 37}`, job: `j${i % 3}`, shard: String(i) }, timestamps: ts, values: vs });
  }
  return out.sort((a, b) => compareLabels(a.labels, b.labels));
}

/** Exact bits of every value; NaNs by kind only (V8 may flip a NaN's sign bit in arithmetic; Prometheus prints "NaN"). */
function bits(a: Float64Array): (number | string)[] {
  return Array.from(a, (v, i) => (Number.isNaN(v) ? (isStaleAt(a, i) ? 'stale' : 'NaN') : new Uint32Array(Float64Array.of(v).buffer).join(':')));
}

function comparable(r: QueryResult): unknown {
  if (r.resultType === 'scalar' || r.resultType === 'string') return r;
  return { type: r.resultType, warnings: r.warnings, infos: r.infos, series: r.series.map((s) => ({ labels: s.labels, t: Array.from(s.timestamps), v: bits(s.values) })) };
}

const EXPRS = [
  'sum by (job) (rate(m[5m]))',
  'sum(rate(m[5m]))',
  'avg(m)',
  'avg by (instance) (m * 2)',
  'max_over_time(m[10m])',
  'min without (shard) (m)',
  'max by (job) (m)',
  'count by (job) (m > 10)',
  'group by (instance) (m)',
  'stddev by (job) (m)',
  'stdvar(irate(m[2m]))',
  'sum without (shard, instance) (increase(m[5m]))',
  '-m / 3',
  'abs(m) + 1',
  'label_replace(rate(m[5m]), "host", "$1", "instance", "(.*)")',
  'avg(avg_over_time(m[7m] offset 3m))',
];

describe('StreamingEvaluation', () => {
  const series = generated(5, BATCH_SERIES * 2 + 37);
  for (const compat of ['prometheus2', 'prometheus3'] as Compat[])
    for (const expr of EXPRS)
      it(`${expr} (${compat}) is bit-identical to the engine over the whole store, range and instant`, () => {
        const ast = parse(expr, { prometheus2Functions: compat === 'prometheus2' });
        for (const frame of [
          { startMs: T0 + 10 * 60_000, endMs: T0 + HOUR, stepMs: 60_000 },
          { startMs: T0 + 31 * 60_000 + 7, endMs: T0 + 31 * 60_000 + 7, stepMs: 0 },
        ]) {
          const requests = planSelectors(ast, { ...frame, compat });
          expect(requests).toHaveLength(1);
          const store = new PlannedStore(requests, [series]);
          const opts = { ast, expr, store, compat };
          const want = frame.stepMs > 0 ? executeRangeQuery({ ...opts, ...frame }) : executeInstantQuery({ ...opts, timeMs: frame.startMs });
          const held = new HeldBytes();
          const streaming = new StreamingEvaluation(ast, expr, frame, { compat }, held);
          for (const s of store.select(requests[0].matchers, requests[0].startMs, requests[0].endMs)) streaming.add(s);
          const got = streaming.finish();
          expect(comparable(got)).toEqual(comparable(want));
          expect(held.held).toBe(0);
          expect(streaming.stats.batches).toBeGreaterThan(1);
          // Only a batch (256 of 549 series) is ever held, never the whole read.
          expect(held.peak).toBeLessThan(held.total * 0.6);
        }
      });

  it('refuses queries that need every series at once, naming why', () => {
    const frame = { startMs: T0, endMs: T0 + HOUR, stepMs: 60_000 };
    for (const [expr, why] of [
      ['topk(3, m)', /topk/],
      ['m / on(instance) group_left m', /two selectors/],
      ['sort(m)', /sort/],
      ['quantile(0.5, m)', /quantile/],
      ['sum(sum_over_time(m[5m:1m]))', /subquer/],
      ['m and m', /and/],
      ['rate(m[5m]) + vector(1)', /two selectors|vector/],
      ['sum(sum(m))', /root/],
    ] as const) {
      const ast = parse(expr);
      expect(() => new StreamingEvaluation(ast, expr, frame, { compat: 'prometheus3' }), expr).toThrow(NotStreamableError);
      expect(() => new StreamingEvaluation(ast, expr, frame, { compat: 'prometheus3' }), expr).toThrow(why);
    }
  });
});

// The backtest over a synthetic store: the alert state machine's intervals (for, keep_firing_for), recording
// rules feeding later rules and later evaluations, ALERTS readable by rules, and stale markers for vanished series.
import { describe, expect, it } from 'vitest';
import { backtestStore } from '@core/rules/backtest';
import { parseRuleFile } from '@core/rules/rule-file';
import { MemorySeriesStore } from '@core/series/memory-store';
import { isStaleAt } from '@core/series/stale-marker';
import type { RawSeries } from '@core/series/types';

const S = 1000;
const M = 60 * S;

/** x{instance="a"} every 15 s over [0, 30m]: 0, then 1 on [5m, 15m), then 0. */
function flipping(onFrom = 5 * M, onTo = 15 * M, instance = 'a'): RawSeries {
  const ts: number[] = [];
  const vs: number[] = [];
  for (let t = 0; t <= 30 * M; t += 15 * S) {
    ts.push(t);
    vs.push(t >= onFrom && t < onTo ? 1 : 0);
  }
  return { labels: { __name__: 'x', instance }, timestamps: Float64Array.from(ts), values: Float64Array.from(vs) };
}

function run(yaml: string, series: RawSeries[], endMs = 30 * M) {
  const file = parseRuleFile(yaml, 'rules.yml');
  return backtestStore(file.groups, new MemorySeriesStore(series), { startMs: 0, endMs, globalIntervalMs: M, compat: 'prometheus2' });
}

describe('backtest of one store', () => {
  it('pending for `for`, then firing until the expression is empty', () => {
    const r = run(
      `groups:
  - name: g
    rules:
      - alert: XHigh
        expr: x > 0
        for: 2m
        labels: { severity: page }
`,
      [flipping()],
    );
    expect(r.errors).toEqual([]);
    const [rule] = r.alerts;
    expect(rule.instances).toHaveLength(1);
    expect(rule.instances[0].labels).toEqual({ alertname: 'XHigh', instance: 'a', severity: 'page' });
    expect(rule.instances[0].intervals).toEqual([
      { state: 'pending', startMs: 5 * M, endMs: 7 * M },
      { state: 'firing', startMs: 7 * M, endMs: 15 * M },
    ]);
  });

  it('keep_firing_for holds a resolved alert firing; `for: 0` fires at once', () => {
    const r = run(
      `groups:
  - name: g
    rules:
      - alert: Held
        expr: x > 0
        keep_firing_for: 3m
`,
      [flipping()],
    );
    expect(r.alerts[0].instances[0].intervals).toEqual([{ state: 'firing', startMs: 5 * M, endMs: 18 * M }]);
  });

  it('a recording rule feeds a later rule of its group at the same evaluation, and ALERTS feed a later group', () => {
    const r = run(
      `groups:
  - name: rec
    rules:
      - record: instance:x:double
        expr: x * 2
      - alert: DoubleHigh
        expr: instance:x:double > 1
        for: 1m
  - name: meta
    rules:
      - record: alerts:firing:count
        expr: count(ALERTS{alertstate="firing"})
`,
      [flipping()],
    );
    expect(r.errors).toEqual([]);
    expect(r.alerts[0].instances[0].intervals).toEqual([
      { state: 'pending', startMs: 5 * M, endMs: 6 * M },
      { state: 'firing', startMs: 6 * M, endMs: 15 * M },
    ]);
    const dbl = r.recorded.find((x) => x.name === 'instance:x:double')!;
    expect(dbl.series).toHaveLength(1);
    expect(dbl.series[0].labels).toEqual({ __name__: 'instance:x:double', instance: 'a' });
    expect(Array.from(dbl.series[0].values.subarray(4, 7))).toEqual([0, 2, 2]);
    const count = r.recorded.find((x) => x.name === 'alerts:firing:count')!.series[0];
    // Firing from 6m to 15m; the stale marker at 15m ends ALERTS at once, so the count stops at 14m.
    const firstAt = count.timestamps[0];
    expect(firstAt).toBe(6 * M);
    const live = Array.from(count.timestamps).filter((_, i) => !isStaleAt(count.values, i));
    expect(live.at(-1)).toBe(14 * M);
  });

  it('a recorded series that stops being returned gets a stale marker at the next evaluation', () => {
    const r = run(
      `groups:
  - name: g
    rules:
      - record: x:on
        expr: x == 1
`,
      [flipping()],
    );
    const s = r.recorded[0].series[0];
    const i = Array.from(s.timestamps).indexOf(15 * M);
    expect(i).toBeGreaterThan(0);
    expect(isStaleAt(s.values, i)).toBe(true);
    expect(s.timestamps.length).toBe(i + 1);
  });

  it('a rule reading its own ALERTS runs interleaved and sees the previous evaluation', () => {
    const r = run(
      `groups:
  - name: g
    rules:
      - alert: Self
        expr: x > 0 unless on() ALERTS{alertname="Self"}
`,
      [flipping()],
    );
    // Fires at 5m; at 6m the expression is empty (its own ALERTS hides it) → resolved; at 7m it fires again.
    const iv = r.alerts[0].instances[0].intervals;
    expect(iv.slice(0, 2)).toEqual([
      { state: 'firing', startMs: 5 * M, endMs: 6 * M },
      { state: 'firing', startMs: 7 * M, endMs: 8 * M },
    ]);
  });

  it('the group limit fails the evaluation, with Prometheus wording', () => {
    const r = run(
      `groups:
  - name: g
    limit: 1
    rules:
      - alert: Many
        expr: x > 0
`,
      [flipping(), flipping(5 * M, 15 * M, 'b')],
    );
    expect(r.errors[0].message).toBe('exceeded limit of 1 with 2 alerts');
    expect(r.errors[0].count).toBe(10);
  });

  it('label templates make alert identity; annotations expand with $value', () => {
    const r = run(
      `groups:
  - name: g
    rules:
      - alert: T
        expr: x * 1500 > 0
        labels:
          who: '{{ $labels.instance | toUpper }}'
        annotations:
          summary: 'x is {{ humanize $value }} on {{ $labels.instance }}'
`,
      [flipping()],
    );
    const inst = r.alerts[0].instances[0];
    expect(inst.labels.who).toBe('A');
    expect(inst.annotations.summary).toBe('x is 1.5k on a');
  });

  it('query_offset: each evaluation reads the data of `offset` earlier and writes its samples there', () => {
    const r = run(
      `groups:
  - name: g
    query_offset: 1m
    rules:
      - record: x:copy
        expr: x
      - alert: Late
        expr: x > 0
`,
      [flipping()],
    );
    expect(r.alerts[0].instances[0].intervals).toEqual([{ state: 'firing', startMs: 6 * M, endMs: 16 * M }]);
    const copy = r.recorded[0].series[0];
    expect(copy.timestamps[0]).toBe(0); // the evaluation at 1m (reading x at 0) writes at 0
    expect(copy.values[5]).toBe(1); // written at 5m from the evaluation at 6m, which read x at 5m
  });
});

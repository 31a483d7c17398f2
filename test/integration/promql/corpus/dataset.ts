// The differential corpus's data: series of known shapes over a 30-minute window, generated from a seed —
// counters with planted resets, gauges (negative, fractional, nearly equal), a classic histogram (`le` buckets,
// _sum, _count), series that stop and start (with and without stale markers), tiny and huge values. Scrape times
// are unaligned and jittered like real scrapes. Pure: the caller pushes them with remote_write.
import { STALE_NAN } from '@core/series/stale-marker';
import type { Labels, RawSeries } from '@core/series/types';
import { prng } from '../../../helpers/series-fixtures';

export const WINDOW_MS = 30 * 60_000;

export interface Dataset {
  /** First nominal scrape (a whole minute) and the end of the data. */
  startMs: number;
  endMs: number;
  series: RawSeries[];
}

interface Timeline {
  intervalMs: number;
  phaseMs: number;
  jitterMs: number;
}

function times(rnd: () => number, startMs: number, t: Timeline, from = 0, to = WINDOW_MS): number[] {
  const out: number[] = [];
  for (let n = startMs + t.phaseMs; n < startMs + WINDOW_MS; n += t.intervalMs) {
    if (n - startMs < from || n - startMs >= to) continue;
    out.push(n + Math.round((rnd() * 2 - 1) * t.jitterMs));
  }
  return out;
}

function build(labels: Labels, ts: readonly number[], value: (t: number, i: number) => number): RawSeries {
  const timestamps = Float64Array.from(ts);
  const values = new Float64Array(ts.length);
  for (let i = 0; i < ts.length; i++) values[i] = value(ts[i], i);
  return { labels, timestamps, values };
}

/** Append a stale marker at `atMs` (written into the typed array so its NaN payload survives). */
function withStale(s: RawSeries, atMs: number): RawSeries {
  const timestamps = new Float64Array(s.timestamps.length + 1);
  const values = new Float64Array(s.values.length + 1);
  timestamps.set(s.timestamps);
  values.set(s.values);
  timestamps[s.timestamps.length] = atMs;
  values[s.values.length] = STALE_NAN;
  return { labels: s.labels, timestamps, values };
}

function concat(a: RawSeries, b: RawSeries): RawSeries {
  const timestamps = new Float64Array(a.timestamps.length + b.timestamps.length);
  const values = new Float64Array(a.values.length + b.values.length);
  timestamps.set(a.timestamps);
  timestamps.set(b.timestamps, a.timestamps.length);
  values.set(a.values);
  values.set(b.values, a.values.length);
  return { labels: a.labels, timestamps, values };
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function generateDataset(seed: number, startMs: number): Dataset {
  const rnd = prng(seed);
  const series: RawSeries[] = [];
  const job = 'corpus';
  const services = ['api', 'web', 'db'];
  const timeline = (intervalMs: number): Timeline => ({ intervalMs, phaseMs: Math.floor(rnd() * intervalMs), jitterMs: 40 });

  // Counters: fractional increments, some with planted resets.
  for (const svc of services) {
    for (const inst of ['0', '1']) {
      const ts = times(rnd, startMs, timeline(15_000));
      const resets = new Set<number>();
      if (rnd() < 0.6) resets.add(10 + Math.floor(rnd() * (ts.length - 20)));
      if (rnd() < 0.3) resets.add(10 + Math.floor(rnd() * (ts.length - 20)));
      const perScrape = 0.5 + rnd() * 30;
      let v = Math.floor(rnd() * 1000);
      series.push(build({ __name__: 'rrx_requests_total', job, svc, inst }, ts, (_t, i) => {
        if (resets.has(i)) v = round(rnd() * 3, 1);
        else if (i > 0) v = round(v + perScrape * (0.5 + rnd()), 3);
        return v;
      }));
    }
  }
  // Gauges: fractional, some negative, 10 s scrapes.
  for (const svc of services) {
    for (const inst of ['0', '1']) {
      const base = (rnd() - 0.3) * 100;
      const amp = rnd() * 20;
      series.push(build({ __name__: 'rrx_temperature', job, svc, inst }, times(rnd, startMs, timeline(10_000)), (t) =>
        round(base + amp * Math.sin(t / 97_000) + (rnd() - 0.5) * 3, 4)));
    }
  }
  // A classic histogram per service: cumulative buckets, _sum and _count on the same scrapes.
  const bounds = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];
  for (const svc of ['api', 'web']) {
    const ts = times(rnd, startMs, timeline(15_000));
    const counts = bounds.map(() => new Float64Array(ts.length));
    const sums = new Float64Array(ts.length);
    const acc = new Float64Array(bounds.length);
    let sum = 0;
    const resetAt = svc === 'web' ? Math.floor(ts.length * 0.6) : -1;
    for (let i = 0; i < ts.length; i++) {
      if (i === resetAt) {
        acc.fill(0);
        sum = 0;
      }
      const n = Math.floor(rnd() * 20);
      for (let k = 0; k < n; k++) {
        const x = -Math.log(1 - rnd()) * 0.3;
        sum += x;
        for (let b = 0; b < bounds.length; b++) if (b === bounds.length - 1 || x <= Number(bounds[b])) acc[b]++;
      }
      for (let b = 0; b < bounds.length; b++) counts[b][i] = acc[b];
      sums[i] = sum;
    }
    bounds.forEach((le, b) => series.push({ labels: { __name__: 'rrx_latency_seconds_bucket', job, svc, le }, timestamps: Float64Array.from(ts), values: counts[b] }));
    series.push({ labels: { __name__: 'rrx_latency_seconds_sum', job, svc }, timestamps: Float64Array.from(ts), values: sums });
    series.push({ labels: { __name__: 'rrx_latency_seconds_count', job, svc }, timestamps: Float64Array.from(ts), values: counts[bounds.length - 1].slice() });
  }
  // Series that stop and start: a stale marker then a return; a silent gap longer than the lookback; an end.
  const flaky = (inst: string) => ({ __name__: 'rrx_flaky', job, inst });
  const fv = () => round(rnd() * 50, 2);
  const tl = timeline(15_000);
  const a1 = build(flaky('0'), times(rnd, startMs, tl, 0, 10 * 60_000), fv);
  const a2 = build(flaky('0'), times(rnd, startMs, tl, 14 * 60_000), fv);
  series.push(concat(withStale(a1, a1.timestamps[a1.timestamps.length - 1] + 15_000), a2));
  series.push(concat(build(flaky('1'), times(rnd, startMs, tl, 0, 12 * 60_000), fv), build(flaky('1'), times(rnd, startMs, tl, 20 * 60_000), fv)));
  const c = build(flaky('2'), times(rnd, startMs, tl, 3 * 60_000, 25 * 60_000), fv);
  series.push(withStale(c, c.timestamps[c.timestamps.length - 1] + 15_000));
  // Tiny and huge values (number formatting), and two gauges one ulp apart (ordering by the last bit).
  for (const svc of ['api', 'web']) {
    series.push(build({ __name__: 'rrx_ratio', job, svc }, times(rnd, startMs, timeline(15_000)), () => (1 + rnd() * 9) * 10 ** -(6 + Math.floor(rnd() * 5))));
    series.push(build({ __name__: 'rrx_big', job, svc }, times(rnd, startMs, timeline(30_000)), () => (1 + rnd()) * 10 ** (18 + Math.floor(rnd() * 6))));
  }
  const eqTimes = times(rnd, startMs, timeline(15_000));
  const eqBase = eqTimes.map(() => 0.1 + rnd() * 0.7);
  series.push(build({ __name__: 'rrx_equal', job, inst: '0' }, eqTimes, (_t, i) => eqBase[i]));
  series.push(build({ __name__: 'rrx_equal', job, inst: '1' }, eqTimes, (_t, i) => eqBase[i] * (1 + 2 ** -52)));
  return { startMs, endMs: startMs + WINDOW_MS, series };
}

// Generated replica fixtures: scrape timelines with phase, seeded jitter and planted gaps; counters with planted
// resets; gauges; stale markers. Deterministic (seeded PRNG) so tests can assert exact samples. No I/O.
import type { NodeSeries } from '@core/cluster/merge';
import { STALE_NAN } from '@core/series/stale-marker';
import type { Labels, RawSeries } from '@core/series/types';

/** Small deterministic PRNG (mulberry32) returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ScrapeSpec {
  startMs: number;
  endMs: number;
  intervalMs: number;
  /** Offset of this replica's scrapes from startMs (Prometheus spreads targets over the interval). */
  phaseMs?: number;
  /** Each scrape is moved by an integer in [-jitterMs, jitterMs] (seeded). */
  jitterMs?: number;
  seed?: number;
  /** Planted outages: no scrape whose nominal time falls in [from, to). */
  gaps?: ReadonlyArray<readonly [number, number]>;
}

/** Scrape timestamps (unix ms, integers) of one replica for [startMs, endMs). */
export function scrapeTimes(spec: ScrapeSpec): Float64Array {
  const { startMs, endMs, intervalMs, phaseMs = 0, jitterMs = 0, seed = 1, gaps = [] } = spec;
  const rnd = prng(seed);
  const out: number[] = [];
  for (let nominal = startMs + phaseMs; nominal < endMs; nominal += intervalMs) {
    const j = jitterMs ? Math.round((rnd() * 2 - 1) * jitterMs) : 0;
    if (gaps.some(([from, to]) => nominal >= from && nominal < to)) continue;
    out.push(nominal + j);
  }
  return Float64Array.from(out);
}

export interface CounterSpec {
  startValue?: number;
  /** Increase per second. */
  perSecond?: number;
  /** Planted resets: the counter restarts from 0 at each of these times (unix ms). */
  resetsAt?: readonly number[];
  /** Counter's value is computed at this origin time; default the first timestamp. */
  originMs?: number;
}

/** Counter values at `ts`: linear growth, restarting from 0 after each planted reset. */
export function counterValues(ts: Float64Array, spec: CounterSpec = {}): Float64Array {
  const { startValue = 0, perSecond = 1, resetsAt = [], originMs = ts[0] ?? 0 } = spec;
  const v = new Float64Array(ts.length);
  for (let i = 0; i < ts.length; i++) {
    const lastReset = resetsAt.filter((r) => r <= ts[i]).reduce((a, b) => Math.max(a, b), -Infinity);
    v[i] = lastReset === -Infinity ? startValue + (perSecond * (ts[i] - originMs)) / 1000 : (perSecond * (ts[i] - lastReset)) / 1000;
  }
  return v;
}

/** Gauge values at `ts` from a function of time. */
export function gaugeValues(ts: Float64Array, fn: (tMs: number) => number): Float64Array {
  const v = new Float64Array(ts.length);
  for (let i = 0; i < ts.length; i++) v[i] = fn(ts[i]);
  return v;
}

export function rawSeries(labels: Labels, timestamps: Float64Array, values: Float64Array): RawSeries {
  return { labels, timestamps, values };
}

/** Shorthand for tests: series from plain number lists (use only for values without stale markers). */
export function seriesOf(labels: Labels, timestamps: readonly number[], values: readonly number[]): RawSeries {
  return { labels, timestamps: Float64Array.from(timestamps), values: Float64Array.from(values) };
}

/** Copy of `s` whose sample at index i is replaced by the stale marker (written straight into the typed array). */
export function withStaleAtIndex(s: RawSeries, i: number): RawSeries {
  const values = s.values.slice();
  values[i] = STALE_NAN;
  return { labels: s.labels, timestamps: s.timestamps, values };
}

/** Copy of `s` with a stale marker appended at tMs (must be after the last sample). */
export function withStaleAppended(s: RawSeries, tMs: number): RawSeries {
  const timestamps = new Float64Array(s.timestamps.length + 1);
  const values = new Float64Array(s.values.length + 1);
  timestamps.set(s.timestamps);
  values.set(s.values);
  timestamps[s.timestamps.length] = tMs;
  values[s.values.length] = STALE_NAN;
  return { labels: s.labels, timestamps, values };
}

/** Copy of `s` with the samples at the given timestamps' positions removed. */
export function withoutRange(s: RawSeries, fromMs: number, toMs: number): RawSeries {
  const keep: number[] = [];
  for (let i = 0; i < s.timestamps.length; i++) if (s.timestamps[i] < fromMs || s.timestamps[i] >= toMs) keep.push(i);
  const timestamps = new Float64Array(keep.length);
  const values = new Float64Array(keep.length);
  keep.forEach((src, k) => {
    timestamps[k] = s.timestamps[src];
    values[k] = s.values[src];
  });
  return { labels: s.labels, timestamps, values };
}

export function nodeOf(index: number, name: string, series: readonly RawSeries[]): NodeSeries {
  return { index, name, series };
}

export interface ReplicaFixtureSpec {
  /** One entry per node. */
  nodes: ReadonlyArray<{
    name: string;
    phaseMs?: number;
    jitterMs?: number;
    seed?: number;
    /** Node outage (all series). */
    gaps?: ReadonlyArray<readonly [number, number]>;
    /** Planted counter resets seen by this node only. */
    resetsAt?: readonly number[];
    /** Replica label value, added as `replica` when set. */
    replica?: string;
  }>;
  startMs: number;
  endMs: number;
  intervalMs: number;
  /** Series label sets (a counter when the name ends in _total). */
  series: readonly Labels[];
}

/**
 * A whole HA cluster: every node scrapes every series on its own phase/jitter, with its own outages and resets.
 * Counters grow 1/s from 1000 at startMs (so replicas agree on the value at any instant); gauges are a sine.
 */
export function replicaFixture(spec: ReplicaFixtureSpec): NodeSeries[] {
  return spec.nodes.map((n, idx) =>
    nodeOf(
      idx,
      n.name,
      spec.series.map((labels, si) => {
        const ts = scrapeTimes({
          startMs: spec.startMs,
          endMs: spec.endMs,
          intervalMs: spec.intervalMs,
          phaseMs: n.phaseMs,
          jitterMs: n.jitterMs,
          seed: (n.seed ?? idx + 1) * 1000 + si,
          gaps: n.gaps,
        });
        const counter = (labels.__name__ ?? '').endsWith('_total');
        const values = counter
          ? counterValues(ts, { startValue: 1000, originMs: spec.startMs, resetsAt: n.resetsAt })
          : gaugeValues(ts, (t) => 50 + 10 * Math.sin((t - spec.startMs) / 60_000));
        return rawSeries(n.replica ? { ...labels, replica: n.replica } : labels, ts, values);
      }),
    ),
  );
}

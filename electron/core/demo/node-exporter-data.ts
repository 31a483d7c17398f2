// Deterministic node_exporter-like data for one demo replica: the same smooth "truth" sampled at each replica's own
// scrape phase, so A and B differ slightly like a real HA pair. Typed arrays throughout; no randomness.
import type { Labels, RawSeries } from '@core/series/types';
import { DEMO_SCRAPE_INTERVAL_MS, demoAnomalies, type DemoAnomalies } from './anomalies';
import { labelsKey } from '@core/series/labels';

export type DemoReplica = 'A' | 'B';

/** Each replica scrapes at its own phase within the 15 s interval (Prometheus spreads targets by a hash). */
const PHASE_MS: Record<DemoReplica, number> = { A: 3_217, B: 7_846 };
const NODES = ['node-1:9100', 'node-2:9100'];
const CPU_MODES: [string, number][] = [
  ['idle', 0.72],
  ['user', 0.18],
  ['system', 0.07],
  ['iowait', 0.03],
];
const LE = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const HANDLERS = ['/api/v1/query', '/api/v1/query_range'];
const TAU = 2 * Math.PI;
const DAY = 86_400_000;

/** Integer hash → [0, 1), stable across runs. */
function hash01(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Smooth pseudo-noise in [-1, 1]: a few incommensurate sines, identical for both replicas at the same t. */
function wobble(t: number, seed: number): number {
  return (
    0.5 * Math.sin(TAU * (t / 1_380_000 + seed * 0.37)) +
    0.3 * Math.sin(TAU * (t / 317_000 + seed * 0.11)) +
    0.2 * Math.sin(TAU * (t / 97_000 + seed * 0.53))
  );
}

/** ∫ base·(1 + a·sin(2πt/P)) dt in seconds-units, for counters whose rate follows a daily curve. */
function counterIntegral(tMs: number, baseRate: number, amp: number, periodMs = DAY): number {
  const s = tMs / 1000;
  const p = periodMs / 1000;
  return baseRate * (s + (amp * p * (1 - Math.cos((TAU * s) / p))) / TAU);
}

interface SeriesDef {
  labels: Labels;
  value: (t: number) => number;
}

function seriesDefs(): SeriesDef[] {
  const defs: SeriesDef[] = [];
  const boot = 1_690_000_000_000; // counters count from a fixed "boot" so values look like real uptimes
  NODES.forEach((instance, n) => {
    defs.push({ labels: { __name__: 'up', instance, job: 'node' }, value: () => 1 });
    for (let cpu = 0; cpu < 2; cpu++) {
      for (const [mode, share] of CPU_MODES) {
        const amp = mode === 'idle' ? -0.1 : 0.35;
        defs.push({
          labels: { __name__: 'node_cpu_seconds_total', cpu: String(cpu), instance, job: 'node', mode },
          value: (t) => Math.round(counterIntegral(t - boot, share * (1 + 0.05 * n + 0.02 * cpu), amp) * 100) / 100,
        });
      }
    }
    for (const [device, rate] of [
      ['eth0', 180_000 * (1 + n)],
      ['lo', 12_000],
    ] as const) {
      defs.push({
        labels: { __name__: 'node_network_receive_bytes_total', device, instance, job: 'node' },
        value: (t) => Math.floor(counterIntegral(t - boot, rate, 0.6)),
      });
    }
    const total = 16 * 1024 ** 3 * (n + 1);
    defs.push({ labels: { __name__: 'node_memory_MemTotal_bytes', instance, job: 'node' }, value: () => total });
    defs.push({
      labels: { __name__: 'node_memory_MemAvailable_bytes', instance, job: 'node' },
      value: (t) => Math.round((total * (0.55 + 0.12 * Math.sin((TAU * t) / DAY) + 0.05 * wobble(t, n + 1))) / 4096) * 4096,
    });
    defs.push({
      labels: { __name__: 'node_load1', instance, job: 'node' },
      value: (t) => Math.max(0, Math.round((0.8 + 0.5 * Math.sin((TAU * t) / DAY) + 0.4 * wobble(t, n + 7)) * 100) / 100),
    });
  });
  const prom = { instance: 'localhost:9090', job: 'prometheus' };
  defs.push({ labels: { __name__: 'up', ...prom }, value: () => 1 });
  HANDLERS.forEach((handler, h) => {
    const count = (t: number) => Math.floor(counterIntegral(t - boot, 2 + h * 3, 0.5));
    // Latency distribution: a fixed cumulative share per bucket (roughly log-normal around 40 ms).
    const shares = LE.map((le) => 1 / (1 + Math.exp(-2.2 * (Math.log(le) - Math.log(0.04 * (1 + h))))));
    LE.forEach((le, i) => {
      defs.push({
        labels: { __name__: 'prometheus_http_request_duration_seconds_bucket', handler, ...prom, le: String(le) },
        value: (t) => Math.floor(count(t) * shares[i]),
      });
    });
    defs.push({
      labels: { __name__: 'prometheus_http_request_duration_seconds_bucket', handler, ...prom, le: '+Inf' },
      value: count,
    });
    defs.push({
      labels: { __name__: 'prometheus_http_request_duration_seconds_sum', handler, ...prom },
      value: (t) => Math.round(count(t) * 0.047 * (1 + h) * 1000) / 1000,
    });
    defs.push({ labels: { __name__: 'prometheus_http_request_duration_seconds_count', handler, ...prom }, value: count });
  });
  return defs;
}

const DEFS = seriesDefs();

/** Scrape timestamps of a replica in [fromMs, toMs]: its phase plus a few ms of deterministic jitter. */
export function scrapeTimes(replica: DemoReplica, fromMs: number, toMs: number): Float64Array {
  const phase = PHASE_MS[replica];
  const seed = replica === 'A' ? 1 : 2;
  const first = Math.ceil((fromMs - phase - 10) / DEMO_SCRAPE_INTERVAL_MS);
  const last = Math.floor((toMs - phase + 10) / DEMO_SCRAPE_INTERVAL_MS);
  const out: number[] = [];
  for (let k = first; k <= last; k++) {
    const t = k * DEMO_SCRAPE_INTERVAL_MS + phase + Math.floor(hash01(k, seed) * 9) - 4;
    if (t >= fromMs && t <= toMs) out.push(t);
  }
  return Float64Array.from(out);
}

/** The scrapes a replica made in [fromMs, toMs]: none inside its planted gap. */
export function replicaScrapeTimes(replica: DemoReplica, fromMs: number, toMs: number, anomalies: DemoAnomalies): Float64Array {
  const times = scrapeTimes(replica, fromMs, toMs);
  if (replica !== anomalies.gap.replica) return times;
  const { startMs, endMs } = anomalies.gap;
  return times.filter((t) => t < startMs || t >= endMs);
}

/** Every demo series of one replica over [fromMs, toMs], with B's planted gap and counter reset applied. */
export function generateReplicaSeries(
  replica: DemoReplica,
  fromMs: number,
  toMs: number,
  anomalies: DemoAnomalies = demoAnomalies(toMs),
): RawSeries[] {
  const times = replicaScrapeTimes(replica, fromMs, toMs, anomalies);
  const resetKey = labelsKey(anomalies.counterReset.labels);
  return DEFS.map((d) => {
    const values = new Float64Array(times.length);
    const reset = replica === anomalies.counterReset.replica && labelsKey(d.labels) === resetKey;
    // After the reset the counter starts again near zero: subtract its value just before the reset.
    const resetBase = reset ? d.value(anomalies.counterReset.atMs) - 4_096 : 0;
    for (let i = 0; i < times.length; i++) {
      const t = times[i];
      values[i] = reset && t >= anomalies.counterReset.atMs ? d.value(t) - resetBase : d.value(t);
    }
    return { labels: d.labels, timestamps: times, values };
  });
}

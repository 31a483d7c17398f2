// The bench's node_exporter-like data model: 100 series per host (counters, gauges, one classic histogram), each a
// deterministic function of time, so both replicas sample the same "truth" at their own scrape times. Pure.
import type { Labels } from '@core/series/types';
import { hash01 } from './timeline';

export type FamilyType = 'counter' | 'gauge' | 'histogram';

export interface SeriesDef {
  /** The sample name as written (`…_total`, `…_bucket`, …). */
  name: string;
  labels: Labels;
  value: (tMs: number) => number;
}

/** An OpenMetrics metric family: every series under one `# TYPE` line. */
export interface Family {
  name: string;
  type: FamilyType;
  series: SeriesDef[];
}

export const SERIES_PER_HOST = 100;
const TAU = 2 * Math.PI;
const DAY_S = 86_400;
const BOOT_MS = Date.UTC(2024, 11, 1); // counters count up from a fixed "boot", so values look like real uptimes
const CPU_MODES = ['idle', 'user', 'system', 'iowait', 'irq', 'softirq', 'steal', 'nice'];
const CPU_SHARE = [0.7, 0.16, 0.07, 0.03, 0.01, 0.015, 0.002, 0.013];
const LE = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
const HANDLERS = ['/api/v1/query', '/api/v1/query_range', '/metrics'];
const MOUNTS = [
  ['/', '/dev/sda1'],
  ['/var', '/dev/sda2'],
  ['/home', '/dev/sdb1'],
];

/** Counter following a daily rate curve: ∫ rate·(1 + amp·sin(2πt/day + φ)) dt, in the counter's units. */
function counter(rate: number, amp: number, seed: number, decimals = 0): (t: number) => number {
  const phase = seed * 2.39996;
  const scale = 10 ** decimals;
  return (t) => {
    const s = (t - BOOT_MS) / 1000;
    const v = rate * (s + (amp * DAY_S * (Math.cos(phase) - Math.cos((TAU * s) / DAY_S + phase))) / TAU);
    return Math.floor(v * scale) / scale;
  };
}

/** Gauge: a daily swing plus smooth wobble around `base`, rounded to `step`. */
function gauge(base: number, swing: number, seed: number, step: number): (t: number) => number {
  const phase = seed * 1.618;
  return (t) => {
    const s = t / 1000;
    const w = 0.6 * Math.sin(TAU * (s / 1_380 + phase)) + 0.4 * Math.sin(TAU * (s / 317 + phase * 0.7));
    const v = base * (1 + swing * (0.7 * Math.sin((TAU * s) / DAY_S + phase) + 0.3 * w));
    return Math.max(0, Math.round(v / step) * step);
  };
}

function hostFamilies(h: number): Family[] {
  const instance = `host-${String(h).padStart(4, '0')}:9100`;
  const base = { instance, job: 'node' };
  const r = (k: number): number => hash01(h, k);
  const memTotal = 2 ** (33 + (h % 3));
  const cpu: SeriesDef[] = [];
  for (let c = 0; c < 4; c++)
    CPU_MODES.forEach((mode, m) =>
      cpu.push({ name: 'node_cpu_seconds_total', labels: { ...base, cpu: String(c), mode }, value: counter(CPU_SHARE[m] * (0.8 + 0.4 * r(c * 8 + m)), mode === 'idle' ? -0.15 : 0.4, h + m, 2) }),
    );
  const net = (dir: string): SeriesDef[] =>
    ['eth0', 'eth1', 'lo'].map((device, d) => ({ name: `node_network_${dir}_bytes_total`, labels: { ...base, device }, value: counter((d === 2 ? 5e3 : 2e5) * (0.5 + r(40 + d)), 0.6, h + d) }));
  const disk = (metric: string, rate: number, decimals: number): SeriesDef[] =>
    ['sda', 'sdb'].map((device, d) => ({ name: metric, labels: { ...base, device }, value: counter(rate * (0.5 + r(50 + d)), 0.5, h + d, decimals) }));
  const fs = (metric: string, avail: boolean): SeriesDef[] =>
    MOUNTS.map(([mountpoint, device], i) => {
      const size = 2 ** (34 + i) * (1 + (h % 4));
      return { name: metric, labels: { ...base, device, fstype: 'ext4', mountpoint }, value: avail ? gauge(size * (0.3 + 0.4 * r(60 + i)), 0.05, h + i, 4096) : () => size };
    });
  const load = (m: string, swing: number): SeriesDef => ({ name: m, labels: base, value: gauge(1 + 2 * r(70), swing, h, 0.01) });
  const hist: SeriesDef[] = [];
  HANDLERS.forEach((handler, k) => {
    const count = counter(3 + 20 * r(80 + k), 0.5, h + k);
    const median = 0.02 * (1 + k) * (0.7 + 0.6 * r(90 + k));
    const shares = LE.map((le) => (le === '+Inf' ? 1 : 1 / (1 + Math.exp(-2.2 * (Math.log(Number(le)) - Math.log(median))))));
    const labels = { ...base, handler };
    LE.forEach((le, i) => hist.push({ name: 'http_request_duration_seconds_bucket', labels: { ...labels, le }, value: (t) => Math.floor(count(t) * shares[i]) }));
    hist.push({ name: 'http_request_duration_seconds_sum', labels, value: (t) => Math.round(count(t) * median * 1.3 * 1000) / 1000 });
    hist.push({ name: 'http_request_duration_seconds_count', labels, value: count });
  });
  return [
    { name: 'up', type: 'gauge', series: [{ name: 'up', labels: base, value: () => 1 }] },
    { name: 'node_cpu_seconds', type: 'counter', series: cpu },
    { name: 'node_network_receive_bytes', type: 'counter', series: net('receive') },
    { name: 'node_network_transmit_bytes', type: 'counter', series: net('transmit') },
    { name: 'node_disk_read_bytes', type: 'counter', series: disk('node_disk_read_bytes_total', 4e5, 0) },
    { name: 'node_disk_written_bytes', type: 'counter', series: disk('node_disk_written_bytes_total', 9e5, 0) },
    { name: 'node_disk_io_time_seconds', type: 'counter', series: disk('node_disk_io_time_seconds_total', 0.05, 3) },
    { name: 'node_memory_MemAvailable_bytes', type: 'gauge', series: [{ name: 'node_memory_MemAvailable_bytes', labels: base, value: gauge(memTotal * 0.5, 0.3, h, 4096) }] },
    { name: 'node_memory_MemTotal_bytes', type: 'gauge', series: [{ name: 'node_memory_MemTotal_bytes', labels: base, value: () => memTotal }] },
    { name: 'node_memory_Cached_bytes', type: 'gauge', series: [{ name: 'node_memory_Cached_bytes', labels: base, value: gauge(memTotal * 0.2, 0.2, h + 3, 4096) }] },
    { name: 'node_load1', type: 'gauge', series: [load('node_load1', 0.6)] },
    { name: 'node_load5', type: 'gauge', series: [load('node_load5', 0.4)] },
    { name: 'node_load15', type: 'gauge', series: [load('node_load15', 0.25)] },
    { name: 'node_filesystem_avail_bytes', type: 'gauge', series: fs('node_filesystem_avail_bytes', true) },
    { name: 'node_filesystem_size_bytes', type: 'gauge', series: fs('node_filesystem_size_bytes', false) },
    { name: 'node_context_switches', type: 'counter', series: [{ name: 'node_context_switches_total', labels: base, value: counter(2e3 * (0.5 + r(99)), 0.5, h) }] },
    { name: 'http_request_duration_seconds', type: 'histogram', series: hist },
  ];
}

export function hostsFor(seriesCount: number): number {
  return Math.max(1, Math.ceil(seriesCount / SERIES_PER_HOST));
}

/** All families for `hosts` hosts, each family's series grouped together (OpenMetrics requires it). */
export function benchFamilies(hosts: number): Family[] {
  const perHost = Array.from({ length: hosts }, (_, h) => hostFamilies(h));
  return perHost[0].map((f, i) => ({ name: f.name, type: f.type, series: perHost.flatMap((p) => p[i].series) }));
}

// `rrx read` with native histograms, one endpoint and a cluster of two in-repo servers: JSON keeps floats in
// `samples` and histograms in `histograms` (Prometheus's JSON form, with their nodes in cluster mode); CSV gives one
// row per count, sum and bucket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCommand } from '@core/cli/commands/read';
import type { CliIO } from '@core/cli/command';
import { histogramSeries, mulberry32 } from '@core/demo/histogram-data';
import { histogramToApiJson } from '@core/promql/engine/api-json';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import type { RawSeries } from '@core/series/types';

const T0 = 1_700_000_000_000;
const full = histogramSeries(mulberry32(17), { __name__: 'latency_seconds', job: 'api' }, { samples: 40, startMs: T0, stepMs: 15_000, floatRate: 0.1 });
const keep = (from: number, to: number) => (_: unknown, i: number) => i < from || i >= to;
const cut = (s: RawSeries, from: number, to: number): RawSeries => ({
  labels: s.labels,
  timestamps: s.timestamps.filter(keep(from, to)),
  values: s.values.filter(keep(from, to)),
  histograms: s.histograms!.filter(keep(from, to)),
});
let a: RemoteReadServer;
let b: RemoteReadServer;
beforeAll(async () => {
  a = await startRemoteReadServer({ series: [cut(full, 10, 20)] });
  b = await startRemoteReadServer({ series: [cut(full, 25, 30)] });
});
afterAll(async () => {
  await a.close();
  await b.close();
});

function io(): CliIO & { out: string; err: string } {
  const o = { out: '', err: '', stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t), env: {}, cwd: process.cwd(), signal: new AbortController().signal };
  return o;
}
const window = ['--start', String(T0 / 1000), '--end', String((T0 + 40 * 15_000) / 1000)];
const expected = (s: RawSeries) => ({
  samples: Array.from(s.timestamps).flatMap((t, i) => (s.histograms![i] ? [] : [[t, s.values[i]]])),
  histograms: Array.from(s.timestamps).flatMap((t, i) => (s.histograms![i] ? [[t, histogramToApiJson(s.histograms![i]!)]] : [])),
});

describe('rrx read with native histograms', () => {
  it.each(['chunks', 'samples'])('one endpoint, JSON (%s)', async (rt) => {
    const o = io();
    expect(await readCommand.run(['--endpoint', a.url, '--match', 'latency_seconds', ...window, '--response-type', rt], o)).toBe(0);
    const s = JSON.parse(o.out).series[0];
    const want = expected(cut(full, 10, 20));
    expect(want.histograms.length).toBeGreaterThan(20);
    expect(s.histograms).toEqual(want.histograms);
    expect(s.samples).toEqual(want.samples);
  });

  it('a cluster: merged histograms with the node each came from', async () => {
    const o = io();
    expect(await readCommand.run(['--endpoint', a.url, '--endpoint', b.url, '--dedup', 'prefer-first', '--match', 'latency_seconds', ...window], o)).toBe(0);
    const s = JSON.parse(o.out).series[0];
    expect(s.histograms).toEqual(expected(full).histograms);
    // a lacks samples 10..19: those histograms came from b (node 1), every other one from a (node 0).
    const fromB = new Set(Array.from(full.timestamps.subarray(10, 20)));
    const hts = (s.histograms as [number, unknown][]).map(([t]) => t);
    expect(s.histogram_nodes).toEqual(hts.map((t) => (fromB.has(t) ? 1 : 0)));
  });

  it('CSV: count, sum and one row per bucket; floats keep one row', async () => {
    const o = io();
    expect(await readCommand.run(['--endpoint', a.url, '--match', 'latency_seconds', ...window, '--format', 'csv'], o)).toBe(0);
    const lines = o.out.trim().split('\n');
    expect(lines[0]).toBe('series,timestamp_ms,value,histogram_part,bucket_lower,bucket_upper,bucket_rule');
    const first = full.histograms!.findIndex(Boolean);
    const h = full.histograms![first]!;
    const rows = lines.filter((l) => l.includes(`,${full.timestamps[first]},`));
    expect(rows[0].endsWith(`,${h.count},count,,,`)).toBe(true);
    expect(rows[1].endsWith(`,sum,,,`)).toBe(true);
    expect(rows.length - 2).toBe((histogramToApiJson(h).buckets ?? []).length);
  });
});

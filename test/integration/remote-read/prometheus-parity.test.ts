// remote_read (both response types, via the client and via `rrx read`) returns exactly what Prometheus 2.42's own
// query API returns for the same raw range selector: same series, timestamps and values, bit for bit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { remoteRead } from '@core/remote-read/client';
import type { ResponseType } from '@core/remote-read/endpoint-config';
import { parseSelector } from '@core/remote-read/selector';
import { labelsKey } from '@core/series/labels';
import { isStaleAt } from '@core/series/stale-marker';
import type { RawSeries } from '@core/series/types';
import { readCommand } from '@core/cli/commands/read';

let prom: PrometheusServer;
let endMs: number;
const RANGE_S = 20;

beforeAll(async () => {
  prom = await startPrometheus();
  // Let it scrape itself ~12 times, then fix a window that ends in the past (no sample may still arrive inside it).
  await new Promise((r) => setTimeout(r, 13_000));
  endMs = Math.floor((Date.now() - 2_000) / 1000) * 1000;
});
afterAll(() => prom?.stop());

const SELECTORS = [
  'up',
  'prometheus_tsdb_head_series',
  '{__name__=~"prometheus_http_requests_total|go_gc_duration_seconds"}',
  'process_cpu_seconds_total{job="prometheus"}',
];

interface ApiSeries {
  labels: Record<string, string>;
  timestamps: number[];
  values: number[];
}

async function apiRange(selector: string, atMs: number): Promise<ApiSeries[]> {
  const q = `${selector}[${RANGE_S}s]`;
  const url = `${prom.baseUrl}/api/v1/query?query=${encodeURIComponent(q)}&time=${atMs / 1000}`;
  const body = (await (await fetch(url)).json()) as {
    status: string;
    data: { resultType: string; result: { metric: Record<string, string>; values: [number, string][] }[] };
  };
  expect(body.status).toBe('success');
  return body.data.result.map((r) => ({
    labels: r.metric,
    timestamps: r.values.map(([t]) => Math.round(t * 1000)),
    values: r.values.map(([, v]) => Number(v)),
  }));
}

/** Our series with stale markers removed (the query API drops them from range selectors; remote_read keeps them). */
function withoutStale(s: RawSeries): ApiSeries {
  const ts: number[] = [];
  const vs: number[] = [];
  for (let i = 0; i < s.timestamps.length; i++) {
    if (isStaleAt(s.values, i)) continue;
    ts.push(s.timestamps[i]);
    vs.push(s.values[i]);
  }
  return { labels: { ...s.labels }, timestamps: ts, values: vs };
}

function byKey(list: ApiSeries[]): Map<string, ApiSeries> {
  return new Map(list.filter((s) => s.timestamps.length).map((s) => [labelsKey(s.labels), s]));
}

describe.each<ResponseType>(['STREAMED_XOR_CHUNKS', 'SAMPLES'])('Prometheus 2.42 parity over %s', (type) => {
  it('returns exactly the series and samples of the query API, several queries in one request', async () => {
    const startMs = endMs - RANGE_S * 1000;
    const queries = SELECTORS.map((s) => ({ matchers: parseSelector(s), startMs, endMs }));
    const res = await remoteRead({ url: prom.readUrl, acceptedResponseTypes: [type] }, queries);
    expect(res.responseType).toBe(type);
    for (let i = 0; i < SELECTORS.length; i++) {
      const want = byKey(await apiRange(SELECTORS[i], endMs));
      const got = byKey(res.results[i].map(withoutStale));
      expect(want.size).toBeGreaterThan(0);
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [k, w] of want) {
        const g = got.get(k)!;
        expect(g.timestamps).toEqual(w.timestamps);
        expect(g.values).toEqual(w.values);
      }
    }
    // The window covers the first seconds of the server's life: several 1 s scrapes of `up`, not all of them.
    expect(res.results[0][0].timestamps.length).toBeGreaterThanOrEqual(3);
  });
});

describe('rrx read against Prometheus 2.42', () => {
  it.each(['chunks', 'samples'])('prints what the query API returns (%s)', async (rt) => {
    let out = '';
    const code = await readCommand.run(
      [
        '--endpoint', prom.readUrl,
        '--match', 'up',
        '--match', 'prometheus_tsdb_head_series',
        '--start', String((endMs - RANGE_S * 1000) / 1000),
        '--end', new Date(endMs).toISOString(),
        '--response-type', rt,
      ],
      { stdout: (t) => void (out += t), stderr: () => {}, env: {}, cwd: process.cwd(), signal: new AbortController().signal },
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { endpoint: string; series: { labels: Record<string, string>; samples: [number, number][] }[] };
    expect(parsed.endpoint).toBe(prom.readUrl);
    const want = [...(await apiRange('up', endMs)), ...(await apiRange('prometheus_tsdb_head_series', endMs))];
    expect(parsed.series.map((s) => labelsKey(s.labels)).sort()).toEqual(want.map((s) => labelsKey(s.labels)).sort());
    for (const w of want) {
      const g = parsed.series.find((s) => labelsKey(s.labels) === labelsKey(w.labels))!;
      expect(g.samples.map(([t]) => t)).toEqual(w.timestamps);
      expect(g.samples.map(([, v]) => v)).toEqual(w.values);
    }
  });
});

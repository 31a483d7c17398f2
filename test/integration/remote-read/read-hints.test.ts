// Read hints as Prometheus sends them: a real Prometheus 2.42 (as the seed's 9090) reads from a loopback remote_read
// server this test controls, which records every ReadRequest; `rrx query --compat prometheus2` reads from the same
// server. For each query, every selector's matchers and ReadHints (start/end, step, func, range, grouping, by) must
// be the same from both. The window (start/end_timestamp_ms) is not compared: Prometheus's querier sends one window
// for the whole statement, rrx one per selector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import type { SelectorRequest } from '@core/series/types';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { rrx } from '../../helpers/run-cli';

let capture: RemoteReadServer;
let prom: PrometheusServer;
const seen: { ua: string; query: SelectorRequest }[] = [];

beforeAll(async () => {
  capture = await startRemoteReadServer({
    series: [],
    supportedResponseTypes: ['SAMPLES'],
    onRequest: (r) => {
      for (const query of r.queries) seen.push({ ua: String(r.headers['user-agent'] ?? ''), query });
    },
  });
  // No scrapes: the 9090 stores nothing and answers from remote_read only; read_recent so no window is skipped.
  prom = await startPrometheus({
    configYaml: `global:\n  evaluation_interval: 1m\nremote_read:\n  - url: ${capture.url}\n    read_recent: true\n`,
  });
}, 90_000);

afterAll(async () => {
  await prom?.stop();
  await capture?.close();
});

/** One selector's matchers (sorted: Prometheus puts __name__ last) and hints, as comparable text. */
function described(q: SelectorRequest): string {
  const ms = q.matchers.map((m) => `${m.name}${m.type}${JSON.stringify(m.value)}`).sort();
  return `${ms.join(',')} ${JSON.stringify(q.hints ?? null)}`;
}

async function capturedFor(send: () => Promise<void>, fromPrometheus: boolean): Promise<string[]> {
  seen.length = 0;
  await send();
  return seen.filter((s) => s.ua.startsWith('Prometheus/') === fromPrometheus).map((s) => described(s.query)).sort();
}

const END_S = Math.floor(Date.now() / 60_000) * 60 - 600;
const START_S = END_S - 3600;

const EXPRESSIONS = [
  'up',
  'rate(http_requests_total{job="api"}[5m])',
  'sum by (instance, job) (rate(req_total[2m]))',
  'sum by (job) (up_by)',
  'sum without (cpu) (node_cpu_seconds_total)',
  'count(cnt)',
  'topk(3, tk)',
  'quantile(0.9, qt)',
  'count_values("v", cv)',
  'max_over_time(rate(sq_total[1m])[10m:30s])',
  'avg_over_time(sq_gauge[10m:])',
  'off_metric offset 5m',
  `at_metric @ ${END_S - 1800}`,
  'rate(at_range[5m] @ end())',
  'num_a / num_b',
  'abs(abs_m) * 2',
  'label_replace(lr, "a", "$1", "b", "(.*)")',
  'histogram_quantile(0.9, sum by (le) (rate(lat_bucket[5m])))',
  '-neg',
  'sum by (job) ((paren))',
  'absent(ab{x="y"})',
  'scalar(sc) + 1',
  'sum(rate(inner[5m] offset 1m)) by (mode)',
  'deriv(dv[10m])[30m:2m]',
];

describe('read hints, rrx against Prometheus 2.42', () => {
  it.each(EXPRESSIONS.filter((e) => !e.endsWith(':2m]')))('range query %s', async (expr) => {
    const fromProm = await capturedFor(async () => {
      const url = `${prom.baseUrl}/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${START_S}&end=${END_S}&step=60`;
      const body = (await (await fetch(url)).json()) as { status: string; error?: string };
      expect(body.status, body.error).toBe('success');
    }, true);
    const fromRrx = await capturedFor(async () => {
      const r = await rrx(['query', '--endpoint', capture.url, '--compat', 'prometheus2', '--expr', expr, '--start', String(START_S), '--end', String(END_S), '--step', '60s', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
    }, false);
    expect(fromProm.length).toBeGreaterThan(0);
    expect(fromRrx).toEqual(fromProm);
  });

  it.each(EXPRESSIONS)('instant query %s', async (expr) => {
    const fromProm = await capturedFor(async () => {
      const url = `${prom.baseUrl}/api/v1/query?query=${encodeURIComponent(expr)}&time=${END_S}`;
      const body = (await (await fetch(url)).json()) as { status: string; error?: string };
      expect(body.status, body.error).toBe('success');
    }, true);
    const fromRrx = await capturedFor(async () => {
      const r = await rrx(['query', '--endpoint', capture.url, '--compat', 'prometheus2', '--expr', expr, '--time', String(END_S), '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
    }, false);
    expect(fromProm.length).toBeGreaterThan(0);
    expect(fromRrx).toEqual(fromProm);
  });
});

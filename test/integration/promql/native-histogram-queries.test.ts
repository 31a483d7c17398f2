// Query-level native histogram answers, rrx vs Prometheus 2.42 (--enable-feature=native-histograms) scraping our
// protobuf target: `rrx serve-api` (--compat prometheus2, one node: that Prometheus over remote_read) and `rrx query
// --format json` must answer histogram_quantile / histogram_count / histogram_sum / sum(rate) / rate and the raw
// selector exactly as that Prometheus's own /api/v1/query_range and /api/v1/query do (Prometheus's answers here are
// deterministic: one series, no ties).
//
// This file depends on the PromQL engine evaluating native histograms (issue 15 item 3, another branch): on a
// branch without that work these comparisons fail, by design — the raw-sample parity lives in
// test/integration/remote-read/native-histograms.test.ts and passes on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { startQueryApiServer, type QueryApiServer } from '@core/serve-api';
import { startNativeHistogramTarget, type NativeHistogramTarget } from '../../helpers/native-histogram-target';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { rrx } from '../../helpers/run-cli';
import { api } from '../serve-api/api-client';

let prom: PrometheusServer;
let target: NativeHistogramTarget;
let server: QueryApiServer;
let endS: number;
const START_OFFSET_S = 20;

beforeAll(async () => {
  target = await startNativeHistogramTarget({ resetAfter: 12 });
  prom = await startPrometheus({
    configYaml: `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: nh\n    static_configs:\n      - targets: ['127.0.0.1:${target.port}']\n`,
    extraArgs: ['--enable-feature=native-histograms'],
  });
  const deadline = Date.now() + 60_000;
  while (target.scrapes() < 25 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
  await new Promise((r) => setTimeout(r, 1500));
  endS = Math.floor(Date.now() / 1000) - 1;
  const spec: ClusterSpec = {
    name: 'nh',
    nodes: [{ index: 0, name: 'prom', endpoint: { url: prom.readUrl } }],
    strategy: 'union',
    partialPolicy: 'partial',
    timeoutMs: 30_000,
    compat: 'prometheus2',
  };
  server = await startQueryApiServer({ spec, listen: '127.0.0.1:0' });
}, 90_000);
afterAll(async () => {
  await server?.close();
  await prom?.stop();
  await target?.close();
});

const RANGE_QUERIES = [
  'histogram_quantile(0.9, rate(latency_seconds[1m]))',
  'histogram_count(rate(latency_seconds[1m]))',
  'histogram_sum(rate(latency_seconds[1m]))',
  'sum(rate(latency_seconds[1m]))',
  'rate(latency_seconds[1m])',
  'latency_seconds',
  'histogram_quantile(0.5, queue_wait_seconds)',
];

describe('native histogram queries: rrx vs Prometheus 2.42', () => {
  it.each(RANGE_QUERIES)('query_range %s', async (query) => {
    const params = { query, start: String(endS - START_OFFSET_S), end: String(endS), step: '2' };
    const theirs = await api(prom.baseUrl, '/api/v1/query_range', params);
    expect(theirs.status).toBe(200);
    expect((theirs.body.data as { result: unknown[] }).result.length).toBeGreaterThan(0);
    const ours = await api(server.url, '/api/v1/query_range', params);
    expect(ours.body.status).toBe('success');
    expect(ours.body.data).toEqual(theirs.body.data);
  });

  it.each(['latency_seconds', 'latency_seconds[10s]', 'histogram_quantile(0.99, rate(latency_seconds[30s]))'])('instant query %s', async (query) => {
    const params = { query, time: String(endS) };
    const theirs = await api(prom.baseUrl, '/api/v1/query', params);
    const ours = await api(server.url, '/api/v1/query', params);
    expect(ours.body.data).toEqual(theirs.body.data);
  });

  it('rrx query --format json answers histogram_quantile as Prometheus does', async () => {
    const query = 'histogram_quantile(0.9, rate(latency_seconds[1m]))';
    const out = await rrx(['query', '--endpoint', prom.readUrl, '--compat', 'prometheus2', '--expr', query, '--start', String(endS - START_OFFSET_S), '--end', String(endS), '--step', '2s', '--format', 'json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const theirs = await api(prom.baseUrl, '/api/v1/query_range', { query, start: String(endS - START_OFFSET_S), end: String(endS), step: '2' });
    expect((JSON.parse(out.stdout) as { data: unknown }).data).toEqual(theirs.body.data);
  });
});

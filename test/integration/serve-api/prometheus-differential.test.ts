// rrx serve-api against Prometheus 2.42 itself: the seed's query node (remote_read to both collectors, merging
// them as Prometheus does) and rrx (union merge, --compat prometheus2) answer the same instant and range queries
// over the same fixed window in the past; series, labels and values match the collectors' own APIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { startQueryApiServer, type QueryApiServer } from '@core/serve-api';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { api, dataDiff, expectSameData } from './api-client';

// Queries whose answers do not depend on how ties between the replicas' samples are broken: the collectors have
// distinct host names, so their scrape timestamps never coincide and union interleaves them as Prometheus does.
const CORPUS = [
  'up',
  'count(up)',
  'sum by (job) (up)',
  'rate(prometheus_http_requests_total[30s])',
  'max_over_time(process_resident_memory_bytes[30s])',
  'histogram_quantile(0.9, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[30s])))',
  'up offset 10s',
  // Resident memory rather than open fds: equal fd counts would make topk's choice depend on series order.
  'topk(2, process_resident_memory_bytes)',
  'max_over_time(rate(prometheus_http_requests_total[10s])[30s:5s])',
  'process_open_fds / on(instance, job) up',
  'sum(up) / on() group_left() count(up)',
  'scalar(count(up))',
  '1 + 2',
];

// KNOWN PARSER WORDING DIFFERENCE (reported; the parser belongs to the PromQL helper): for an empty query our
// parser says "unknown position: parse error: …" (Prometheus 3's ParseErr.Error); 2.42 says "1:1: parse error: …".
// The case stays: type and status must match, and the message must differ only in that prefix.
const KNOWN_WORDING = new Map([['', ['unknown position:', '1:1:']]]);

describe('serve-api vs Prometheus 2.42 over the real test cluster', () => {
  let cluster: TestCluster;
  let server: QueryApiServer;
  let prom: string;
  let endS: number;
  beforeAll(async () => {
    cluster = await startCluster({ withQueryNode: true });
    await cluster.waitForData(15);
    const spec: ClusterSpec = {
      name: 'test',
      nodes: cluster.collectors.map((c, index) => ({ index, name: `collector-${'ab'[index]}`, endpoint: { url: c.readUrl } })),
      strategy: 'union',
      partialPolicy: 'partial',
      timeoutMs: 30_000,
      compat: 'prometheus2',
    };
    server = await startQueryApiServer({ spec, listen: '127.0.0.1:0' });
    prom = cluster.query!.baseUrl;
    // A fixed window in the past: every sample in it has been ingested by both collectors.
    endS = Math.floor(Date.now() / 1000) - 5;
  });
  afterAll(async () => {
    await server?.close();
    await cluster?.stop();
  });

  it('range queries: same series and values as Prometheus (GET and form POST)', async () => {
    const diffs: Record<string, string> = {};
    for (const [i, query] of CORPUS.entries()) {
      const params = { query, start: String(endS - 60), end: String(endS), step: '5' };
      const post = i % 2 === 1;
      const [ours, theirs] = await Promise.all([api(server.url, '/api/v1/query_range', params, { post }), api(prom, '/api/v1/query_range', params, { post })]);
      const d = dataDiff(ours, theirs);
      if (d) diffs[query] = d;
    }
    // Every query must agree. (The rate() cases differed until the engine's prometheus2 zero-point clamp order
    // was fixed in 0b977f6.)
    expect(diffs).toEqual({});
  });

  it('instant queries: same series and values as Prometheus, times as decimals and RFC 3339', async () => {
    const diffs: Record<string, string> = {};
    for (const [i, query] of CORPUS.entries()) {
      const time = i % 2 ? new Date(endS * 1000 - 250).toISOString() : (endS - 0.25).toFixed(3);
      const params = { query, time };
      const [ours, theirs] = await Promise.all([api(server.url, '/api/v1/query', params, { post: i % 3 === 0 }), api(prom, '/api/v1/query', params)]);
      const d = dataDiff(ours, theirs);
      if (d) diffs[query] = d;
    }
    // Every query must agree. (The rate() cases differed until the engine's prometheus2 zero-point clamp order
    // was fixed in 0b977f6.)
    expect(diffs).toEqual({});
  });

  it('a range-vector instant query and a string literal match too', async () => {
    for (const query of ['up[10s]', '"hello"']) {
      const params = { query, time: String(endS) };
      expectSameData(await api(server.url, '/api/v1/query', params), await api(prom, '/api/v1/query', params), query);
    }
  });

  it('bad input gets the same error type and status as from Prometheus', async () => {
    const cases: Record<string, string>[] = [
      { query: 'sum(', time: String(endS) },
      { query: 'up', time: 'yesterday' },
      { query: 'up', start: String(endS - 60), end: String(endS), step: '0' },
      { query: 'up', start: String(endS), end: String(endS - 60), step: '5' },
      { query: 'up[5m]', start: String(endS - 60), end: String(endS), step: '5' },
      { query: 'up', start: String(endS - 60), end: String(endS), step: 'soon' },
      { query: 'up', start: '0', end: String(endS), step: '1' },
      { query: '', time: String(endS) },
      { query: 'up', time: String(endS), timeout: 'soon' },
      { query: 'up', end: String(endS), step: '5' },
      { query: 'rate(up[1m]', start: String(endS - 60), end: String(endS), step: '5' },
    ];
    for (const params of cases) {
      const path = params.step !== undefined ? '/api/v1/query_range' : '/api/v1/query';
      const [ours, theirs] = await Promise.all([api(server.url, path, params), api(prom, path, params)]);
      expect(ours.status, JSON.stringify(params)).toBe(theirs.status);
      expect(ours.body.errorType, JSON.stringify(params)).toBe(theirs.body.errorType);
      const known = KNOWN_WORDING.get(params.query);
      if (known) {
        expect(ours.body.error, 'parser fixed? drop it from KNOWN_WORDING').not.toBe(theirs.body.error);
        expect(ours.body.error!.replace(known[0], known[1]), JSON.stringify(params)).toBe(theirs.body.error);
      } else expect(ours.body.error, JSON.stringify(params)).toBe(theirs.body.error);
    }
  });

  async function union(path: string, params: Record<string, string | string[]>): Promise<unknown[]> {
    const answers = await Promise.all(cluster.collectors.map((c) => api(c.baseUrl, path, params)));
    const all = new Map<string, unknown>();
    for (const a of answers) {
      expect(a.status).toBe(200);
      for (const x of a.body.data as unknown[]) all.set(JSON.stringify(x), x);
    }
    return [...all.values()];
  }

  const keyed = (xs: unknown[]): string[] => xs.map((x) => JSON.stringify(typeof x === 'object' ? Object.entries(x as object).sort() : x)).sort();

  it('labels, label values and series agree with the collectors’ own APIs over the same window', async () => {
    const window = { start: String(endS - 60), end: String(endS) };
    const cases: [string, Record<string, string | string[]>][] = [
      ['/api/v1/labels', window],
      ['/api/v1/labels', { ...window, 'match[]': 'up' }],
      ['/api/v1/label/__name__/values', window],
      ['/api/v1/label/job/values', window],
      ['/api/v1/label/instance/values', { ...window, 'match[]': ['up{job="prometheus"}', 'process_open_fds'] }],
      ['/api/v1/series', { ...window, 'match[]': ['up', '{__name__=~"prometheus_tsdb_head_.*"}'] }],
    ];
    for (const [path, params] of cases) {
      const ours = await api(server.url, path, params, { post: path !== '/api/v1/label/job/values' && path.includes('label/') === false });
      expect(ours.status, `${path} ${JSON.stringify(ours.body).slice(0, 300)}`).toBe(200);
      expect(ours.body.warnings, path).toBeUndefined();
      const data = ours.body.data as unknown[];
      expect(keyed(data), `${path} ${JSON.stringify(params)}`).toEqual(keyed(await union(path, params)));
      expect(data.length).toBeGreaterThan(0);
      if (!path.endsWith('series')) expect(data).toEqual([...(data as string[])].sort());
    }
  });

  it('node= answers from one node and dedup= switches the strategy', async () => {
    const params = { query: 'count(up)', time: String(endS) };
    const extras: Record<string, string>[] = [{ node: 'collector-b' }, { node: cluster.collectors[0].readUrl }, { dedup: 'penalty' }, { dedup: 'prefer-first' }];
    for (const extra of extras) {
      const r = await api(server.url, '/api/v1/query', { ...params, ...extra });
      expect(r.status, JSON.stringify(extra)).toBe(200);
      expect((r.body.data as { result: { value: [number, string] }[] }).result[0].value[1]).toBe('3');
    }
    const bad = await api(server.url, '/api/v1/query', { ...params, node: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('invalid parameter "node"');
  });

  it('a stopped collector gives a partial answer whose warning names it', async () => {
    const [, b] = cluster.collectors;
    await b.stopProcess();
    try {
      const r = await api(server.url, '/api/v1/query', { query: 'count(up)' });
      expect(r.status).toBe(200);
      expect(r.body.warnings?.join(' ')).toContain(`collector-b (127.0.0.1:${b.port})`);
      const labels = await api(server.url, '/api/v1/labels', { start: String(endS - 60), end: String(endS) });
      expect(labels.status).toBe(200);
      expect(labels.body.warnings?.join(' ')).toContain('collector-b');
    } finally {
      await b.start();
    }
  });
});

// The answer modes against real Prometheus 2.42 (the seed topology): each collector's own HTTP API is its engine
// node, the query Prometheus (the seed's 9090) is the delegate. Collector B is stopped for ~15 s first, so the
// replicas differ by a real gap. Windows are in the past and fixed, so every engine answers deterministically.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuery } from '@core/query/answer-modes';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { rangeFrame } from '@core/query/time-frame';
import { startQueryApiServer } from '@core/serve-api';
import { createQueryHandlers } from '@core/api/query-handlers';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { rrx } from '../../helpers/run-cli';
import { api, dataDiff, type ApiAnswer } from '../serve-api/api-client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Queries docs/pushdown.md calls exact under the union merge; each reads series both replicas hold with different
// samples (they scrape themselves, each other and node_exporter at different offsets).
const EXACT = [
  'max_over_time(process_resident_memory_bytes[5s])',
  'min by (instance) (min_over_time(prometheus_tsdb_head_series[3s]))',
  'max by (job) (max_over_time(up[2s]))',
  'max(present_over_time(node_cpu_seconds_total{mode="idle"}[4s]))',
  'max by (cpu) (max_over_time(node_cpu_seconds_total{mode="idle"}[5s]))',
];

describe('answer modes over real Prometheus collectors with a planted gap', () => {
  let cluster: TestCluster;
  let startS = 0;
  let endS = 0;
  let gapFromS = 0;
  let gapToS = 0;
  let flags: string[];
  beforeAll(async () => {
    cluster = await startCluster({ withQueryNode: true });
    await cluster.waitForData(5);
    startS = Math.floor(Date.now() / 1000) - 4;
    const b = cluster.collectors[1];
    gapFromS = Date.now() / 1000;
    await b.stopProcess();
    await sleep(15_000);
    await b.start();
    gapToS = Date.now() / 1000;
    // A restarted Prometheus scrapes again only after its discovery's first update (about 5 s after ready).
    await sleep(11_000);
    endS = Math.floor(Date.now() / 1000) - 2;
    const [a, bb] = cluster.collectors;
    flags = ['--endpoint', a.readUrl, '--endpoint', bb.readUrl, '--query-api', a.baseUrl, '--query-api', bb.baseUrl, '--compat', 'prometheus2'];
  }, 120_000);
  afterAll(async () => cluster?.stop());

  const range = () => ['--start', String(startS), '--end', String(endS), '--step', '1s'];
  const asAnswer = (stdout: string): ApiAnswer => ({ status: 200, body: JSON.parse(stdout) as ApiAnswer['body'] });

  it('B really has the gap: its own API has no sample of up{job="node"} for over 10 s', async () => {
    const r = await api(cluster.collectors[1].baseUrl, '/api/v1/query', { query: `up{job="node"}[${endS - startS}s]`, time: String(endS) });
    const values = (r.body.data as { result: { values: [number, string][] }[] }).result[0].values;
    const longest = Math.max(...values.slice(1).map(([t], i) => t - values[i][0]));
    expect(longest, JSON.stringify({ values, startS, endS, gapFromS, gapToS })).toBeGreaterThan(10);
    expect(values.at(-1)![0], 'B scrapes again before the window ends').toBeGreaterThan(gapToS);
    expect(gapToS - gapFromS).toBeGreaterThan(14);
  });

  it('pushdown per-node answers equal each collector\'s own /api/v1/query_range', async () => {
    const [a, b] = cluster.collectors;
    const spec: ClusterSpec = {
      name: 'test',
      nodes: [a, b].map((c, index) => ({ index, name: `collector-${'ab'[index]}`, endpoint: { url: c.readUrl }, queryApi: { url: c.baseUrl } })),
      strategy: 'union',
      partialPolicy: 'partial',
      timeoutMs: 30_000,
      compat: 'prometheus2',
    };
    for (const expr of [...EXACT, 'rate(prometheus_http_requests_total[5s])']) {
      const answer = await answerQuery(spec, { expr, frame: rangeFrame(startS * 1000, endS * 1000, 1000) }, { mode: 'pushdown', perNode: true });
      for (const [i, c] of [a, b].entries()) {
        const own = await api(c.baseUrl, '/api/v1/query_range', { query: expr, start: String(startS), end: String(endS), step: '1' });
        const mine = answer.perNode![i]!;
        const result = (own.body.data as { result: { metric: Record<string, string>; values: [number, string][] }[] }).result;
        expect(mine.series.length, expr).toBe(result.length);
        expect(result.length, expr).toBeGreaterThan(0);
        for (const s of result) {
          const hit = mine.series.find((m) => JSON.stringify(Object.entries(m.labels).sort()) === JSON.stringify(Object.entries(s.metric).sort()));
          expect(hit, `${expr} ${JSON.stringify(s.metric)}`).toBeDefined();
          expect(Array.from(hit!.timestamps), expr).toEqual(s.values.map(([t]) => t * 1000));
          expect(Array.from(hit!.values), expr).toEqual(s.values.map(([, v]) => Number(v)));
        }
      }
    }
  });

  it('local and pushdown merged answers agree exactly on every query the rules call exact', async () => {
    for (const expr of EXACT) {
      const local = await rrx(['query', ...flags, '--mode', 'local', '--expr', expr, ...range()]);
      const pushed = await rrx(['query', ...flags, '--mode', 'pushdown', '--expr', expr, ...range()]);
      expect(local.code, local.stderr).toBe(0);
      expect(pushed.code, pushed.stderr).toBe(0);
      expect(pushed.stderr, expr).toContain('mode pushdown: pushdown: each node evaluated the query');
      expect(local.stderr, expr).toContain('mode local');
      const l = asAnswer(local.stdout);
      expect((l.body.data as { result: unknown[] }).result.length, expr).toBeGreaterThan(0);
      expect(dataDiff(asAnswer(pushed.stdout), l), expr).toBeUndefined();
      // max and min pick raw samples: the answers are equal to the last digit, not merely close.
      expect(asAnswer(pushed.stdout).body.data, expr).toEqual(l.body.data);
    }
  });

  it('a query the rules do not call exact is merged locally under pushdown, and says why', async () => {
    const expr = 'sum(rate(prometheus_http_requests_total[5s]))';
    const pushed = await rrx(['query', ...flags, '--mode', 'pushdown', '--expr', expr, ...range()]);
    const local = await rrx(['query', ...flags, '--mode', 'local', '--expr', expr, ...range()]);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stderr).toMatch(/mode local: pushdown: .*merged view evaluated locally because .*aggregation sum/);
    expect(dataDiff(asAnswer(pushed.stdout), asAnswer(local.stdout))).toBeUndefined();
  });

  it('delegate answers equal the 9090\'s own', async () => {
    const q = cluster.query!;
    for (const expr of ['count(up)', 'sum by (job) (rate(prometheus_http_requests_total[5s]))', EXACT[0]]) {
      const run = await rrx(['query', ...flags.slice(0, 4), '--query-api', q.baseUrl, '--compat', 'prometheus2', '--mode', 'delegate', '--expr', expr, ...range()]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(`answered by the engine 127.0.0.1:${q.port}`);
      const own = await api(q.baseUrl, '/api/v1/query_range', { query: expr, start: String(startS), end: String(endS), step: '1' });
      expect(dataDiff(asAnswer(run.stdout), own), expr).toBeUndefined();
    }
  });

  it('auto pushes down above the memory budget and says so; within it, answers locally', async () => {
    const expr = EXACT[1];
    // The estimate assumes a 15 s scrape interval (docs/pushdown.md), so this window is a few hundred bytes.
    const over = await rrx(['query', ...flags, '--max-memory', '64B', '--expr', expr, ...range()]);
    expect(over.code, over.stderr).toBe(0);
    expect(over.stderr).toMatch(/mode pushdown: auto chose pushdown: \d+ series, about \d+ samples \(\d+ B\) against a budget of 64 B/);
    const within = await rrx(['query', ...flags, '--expr', expr, ...range()]);
    expect(within.stderr).toMatch(/mode local: auto chose local: \d+ series/);
    expect(dataDiff(asAnswer(over.stdout), asAnswer(within.stdout))).toBeUndefined();
    // Not exact and over budget: the 9090 takes it.
    const delegated = await rrx(['query', ...flags.slice(0, 4), '--query-api', cluster.query!.baseUrl, '--compat', 'prometheus2', '--max-memory', '64B', '--expr', 'count(up)', ...range()]);
    expect(delegated.stderr).toMatch(/mode delegate: auto chose delegate/);
  });

  it('serve-api takes mode=… per request and says how each answer was made in an info entry', async () => {
    const [a, b] = cluster.collectors;
    const q = cluster.query!;
    const spec: ClusterSpec = {
      name: 'test',
      nodes: [a, b].map((c, index) => ({ index, name: `collector-${'ab'[index]}`, endpoint: { url: c.readUrl }, queryApi: { url: c.baseUrl } })),
      strategy: 'union',
      partialPolicy: 'partial',
      timeoutMs: 30_000,
      compat: 'prometheus2',
      engines: [{ name: 'seed-9090', queryApi: { url: q.baseUrl } }],
    };
    const server = await startQueryApiServer({ spec, listen: '127.0.0.1:0' });
    try {
      const params = { query: EXACT[0], start: String(startS), end: String(endS), step: '1' };
      const local = await api(server.url, '/api/v1/query_range', { ...params, mode: 'local' });
      const pushed = await api(server.url, '/api/v1/query_range', { ...params, mode: 'pushdown' }, { post: true });
      // serve-api streams where the query allows, and the info says which path answered.
      expect(local.body.infos).toHaveLength(1);
      expect(local.body.infos?.[0]).toMatch(/^rrx answered in local mode: local: remote_read from every node, evaluated by rrx; streamed \(at most [\d.]+ MiB of raw samples held, of [\d.]+ MiB read\)$/);
      expect(pushed.body.infos?.[0]).toMatch(/^rrx answered in pushdown mode: pushdown: .* max of the per-node answers/);
      expect(pushed.body.data).toEqual(local.body.data);
      const delegated = await api(server.url, '/api/v1/query_range', { ...params, query: 'count(up)', mode: 'delegate' });
      const own = await api(q.baseUrl, '/api/v1/query_range', { ...params, query: 'count(up)' });
      expect(delegated.body.data).toEqual(own.body.data);
      expect(delegated.body.infos?.[0]).toBe('rrx answered in delegate mode: delegate: the whole query was answered by the engine seed-9090');
      const auto = await api(server.url, '/api/v1/query_range', params);
      expect(auto.body.infos?.[0]).toMatch(/^rrx answered in local mode: auto chose local: /);
      const bad = await api(server.url, '/api/v1/query_range', { ...params, mode: 'fast' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('invalid parameter "mode": must be one of local, pushdown, delegate, auto');
    } finally {
      await server.close();
    }
  });

  it('the app\'s query.run answers in the chosen mode and says so on the result', async () => {
    const [a, b] = cluster.collectors;
    const spec = (): ClusterSpec => ({
      name: 'test',
      nodes: [a, b].map((c, index) => ({ index, name: `collector-${'ab'[index]}`, endpoint: { url: c.readUrl }, queryApi: { url: c.baseUrl } })),
      strategy: 'union',
      partialPolicy: 'partial',
      timeoutMs: 30_000,
      compat: 'prometheus2',
      engines: [{ name: 'seed-9090', queryApi: { url: cluster.query!.baseUrl } }],
    });
    const handlers = createQueryHandlers({ emit: () => undefined, clusterFor: async () => spec() });
    const request = { profileId: 'p', expr: EXACT[2], kind: 'range' as const, startMs: startS * 1000, endMs: endS * 1000, stepMs: 1000, perNode: true };
    const local = await handlers['query.run']({ request: { ...request, queryId: 'q1', mode: 'local' } });
    const pushed = await handlers['query.run']({ request: { ...request, queryId: 'q2', mode: 'pushdown' } });
    const delegated = await handlers['query.run']({ request: { ...request, queryId: 'q3', mode: 'delegate' } });
    expect(local.answer).toMatchObject({ requested: 'local', mode: 'local' });
    expect(pushed.answer).toMatchObject({ requested: 'pushdown', mode: 'pushdown' });
    expect(delegated.answer).toMatchObject({ requested: 'delegate', mode: 'delegate', engine: 'seed-9090' });
    const plain = (r: typeof local) => r.merged.series.map((x) => ({ labels: x.labels, t: Array.from(x.timestamps), v: Array.from(x.values) }));
    expect(plain(pushed)).toEqual(plain(local));
    expect(pushed.perNode).toHaveLength(2);
    // A pushdown answer has no raw data to re-merge; the error says what to do.
    await expect(handlers['query.remerge']({ queryId: 'q2', strategy: 'penalty' })).rejects.toThrow(/run it again in local mode/);
  });

  it('rrx compare takes the 9090 as one more column: B\'s gap shows in its answer, the engine agrees with rrx merged', async () => {
    const q = cluster.query!;
    const run = await rrx(['compare', ...flags.slice(0, 4), '--query-api', q.baseUrl, '--compat', 'prometheus2', '--expr', 'max_over_time(up{job="node"}[2s])', ...range(), '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { answers: { columns: { name: string; kind: string; ok: boolean; series: number }[]; findings: { kind: string; node: string; duration: number }[] } };
    const [a, b] = cluster.collectors;
    expect(out.answers.columns.map((c) => [c.name, c.kind, c.ok, c.series])).toEqual([
      ['rrx merged (union)', 'merged', true, 1],
      [`127.0.0.1:${a.port} (rrx)`, 'node', true, 1],
      [`127.0.0.1:${b.port} (rrx)`, 'node', true, 1],
      [`127.0.0.1:${q.port}`, 'engine', true, 1],
    ]);
    const gaps = out.answers.findings.filter((f) => f.kind === 'gap');
    expect(gaps.map((g) => g.node)).toEqual([`127.0.0.1:${b.port} (rrx)`]);
    expect(gaps[0].duration).toBeGreaterThan(8);
    expect(out.answers.findings.filter((f) => f.node === `127.0.0.1:${q.port}`)).toEqual([]);
    const table = await rrx(['compare', ...flags.slice(0, 4), '--query-api', q.baseUrl, '--compat', 'prometheus2', '--expr', 'max_over_time(up{job="node"}[2s])', ...range(), '--format', 'table']);
    expect(table.stdout).toContain('ANSWER');
    expect(table.stdout).toMatch(new RegExp(`gap +127\\.0\\.0\\.1:${b.port} \\(rrx\\)`));
  });

  it('bad mode usage is exit 2 with a clear sentence', async () => {
    const bad = await rrx(['query', ...flags, '--mode', 'fast', '--expr', 'up']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--mode must be one of local, pushdown, delegate, auto');
    const noEngine = await rrx(['query', ...flags.slice(0, 4), '--mode', 'delegate', '--expr', 'up']);
    expect(noEngine.code).toBe(1);
    expect(noEngine.stderr).toContain('delegate needs an engine node');
    const unpaired = await rrx(['query', ...flags.slice(0, 4), '--query-api', cluster.collectors[0].baseUrl, '--mode', 'pushdown', '--expr', 'up']);
    expect(unpaired.code).toBe(1);
    expect(unpaired.stderr).toContain('pushdown needs every node\'s query API');
  });
});

// The Compare view's engine column (query.run with findings) against real Prometheus 2.42: two collectors without
// their own query API, the seed's 9090 as the profile's engine. The 9090 interleaves both replicas' samples, so
// count_over_time counts about twice what each replica holds; under the penalty merge rrx counts one replica's.
// The engine column must carry exactly the 9090's own answer, and the answer comparison must list that divergence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { createQueryHandlers } from '@core/api/query-handlers';
import type { QueryResultView } from '@shared/api/query-types';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { api } from '../serve-api/api-client';

const EXPR = 'count_over_time(up{job="node"}[5s])';

describe('engines in the Compare view (query.run with findings)', () => {
  let cluster: TestCluster;
  let startS = 0;
  let endS = 0;
  beforeAll(async () => {
    cluster = await startCluster({ withQueryNode: true });
    await cluster.waitForData(5);
    await new Promise((r) => setTimeout(r, 12_000));
    // A window in the past, so every answer is final and the 9090 answers the same when asked again.
    endS = Math.floor(Date.now() / 1000) - 2;
    startS = endS - 8;
  }, 120_000);
  afterAll(async () => cluster?.stop());

  const spec = (): ClusterSpec => ({
    name: 'test',
    nodes: cluster.collectors.map((c, index) => ({ index, name: `collector-${'ab'[index]}`, endpoint: { url: c.readUrl } })),
    strategy: 'penalty',
    partialPolicy: 'partial',
    timeoutMs: 30_000,
    compat: 'prometheus2',
    engines: [{ name: 'seed-9090', queryApi: { url: cluster.query!.baseUrl } }],
  });
  const plain = (r: { series: { labels: Record<string, string>; timestamps: Float64Array; values: Float64Array }[] } | null) =>
    r?.series.map((x) => ({ labels: x.labels, values: Array.from(x.timestamps, (t, i) => [t / 1000, x.values[i]]) }));

  it('the engine column is the 9090\'s own answer and its interleaving is listed as a divergence', async () => {
    const handlers = createQueryHandlers({ emit: () => undefined, clusterFor: async () => spec() });
    const request = { queryId: 'c1', profileId: 'p', expr: EXPR, kind: 'range' as const, startMs: startS * 1000, endMs: endS * 1000, stepMs: 1000, findings: true, mode: 'local' as const };
    const view: QueryResultView = await handlers['query.run']({ request });
    expect(view.engines?.map((e) => [e.name, e.kind, e.host, !!e.result])).toEqual([['seed-9090', 'engine', `127.0.0.1:${cluster.query!.port}`, true]]);

    const own = await api(cluster.query!.baseUrl, '/api/v1/query_range', { query: EXPR, start: String(startS), end: String(endS), step: '1' });
    const ownSeries = (own.body.data as { result: { metric: Record<string, string>; values: [number, string][] }[] }).result;
    expect(plain(view.engines![0].result)).toEqual(ownSeries.map((s) => ({ labels: s.metric, values: s.values.map(([t, v]) => [t, Number(v)]) })));

    const cmp = view.answerComparison!;
    expect(cmp.columns.map((c) => [c.name, c.kind, c.ok])).toEqual([
      ['rrx merged (penalty)', 'merged', true],
      ['collector-a (rrx)', 'node', true],
      ['collector-b (rrx)', 'node', true],
      ['seed-9090', 'engine', true],
    ]);
    // Each replica holds one sample a second, so rrx counts about 5 in a 5 s window; the 9090 counts both replicas'.
    const mergedMax = Math.max(...view.merged.series[0].values);
    const engineMin = Math.min(...view.engines![0].result!.series[0].values);
    expect(mergedMax).toBeLessThanOrEqual(6);
    expect(engineMin).toBeGreaterThanOrEqual(8);
    const divergent = cmp.findings.filter((f) => f.kind === 'divergence' && f.node === 'seed-9090');
    expect(divergent.length, JSON.stringify(cmp.findings)).toBeGreaterThan(0);
    // The rrx per-node answers agree with the merged one: the divergence is the engine's alone.
    expect(cmp.findings.filter((f) => f.kind === 'divergence' && f.node.endsWith('(rrx)'))).toEqual([]);

    // A re-merge compares the cached engine answer again, under the new strategy.
    const union = await handlers['query.remerge']({ queryId: 'c1', strategy: 'union' });
    expect(union.answerComparison!.columns[0].name).toBe('rrx merged (union)');
    expect(plain(union.engines![0].result)).toEqual(plain(view.engines![0].result));
  }, 90_000);

  it('an engine that does not answer is a column with its error, not a failed query', async () => {
    const handlers = createQueryHandlers({ emit: () => undefined, clusterFor: async () => ({ ...spec(), engines: [{ name: 'gone', queryApi: { url: 'http://127.0.0.1:1' } }] }) });
    const view = await handlers['query.run']({ request: { queryId: 'c2', profileId: 'p', expr: 'up{job="node"}', kind: 'range', startMs: startS * 1000, endMs: endS * 1000, stepMs: 1000, findings: true, mode: 'local' } });
    expect(view.merged.series.length).toBe(1);
    expect(view.engines).toEqual([{ name: 'gone', kind: 'engine', host: '127.0.0.1:1', result: null, error: 'The query API of 127.0.0.1:1 failed: connection refused.' }]);
    expect(view.answerComparison!.columns.at(-1)).toMatchObject({ name: 'gone', ok: false });
  }, 60_000);

  it('a panel\'s delegate choice goes with the request: the named engine answers, an unknown one is named', async () => {
    const handlers = createQueryHandlers({ emit: () => undefined, clusterFor: async () => spec() });
    const request = { profileId: 'p', expr: 'count(up)', kind: 'range' as const, startMs: startS * 1000, endMs: endS * 1000, stepMs: 1000, mode: 'delegate' as const };
    const view = await handlers['query.run']({ request: { ...request, queryId: 'd1', delegateTo: 'seed-9090' } });
    expect(view.answer).toMatchObject({ mode: 'delegate', engine: 'seed-9090' });
    await expect(handlers['query.run']({ request: { ...request, queryId: 'd2', delegateTo: 'nope' } })).rejects.toThrow('the delegate "nope" is none of the cluster\'s query APIs (seed-9090)');
  }, 60_000);

  it('without findings (the Graph view) no engine is asked', async () => {
    const handlers = createQueryHandlers({ emit: () => undefined, clusterFor: async () => spec() });
    const view = await handlers['query.run']({ request: { queryId: 'c3', profileId: 'p', expr: EXPR, kind: 'range', startMs: startS * 1000, endMs: endS * 1000, stepMs: 1000, mode: 'local' } });
    expect(view.engines).toBeUndefined();
    expect(view.answerComparison).toBeUndefined();
  }, 60_000);
});

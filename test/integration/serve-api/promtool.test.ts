// promtool's own `query` subcommands (instant, range, series, labels) against a real `rrx serve-api` process over
// the real test cluster, and against the seed's query Prometheus reading the same two collectors: the JSON promtool
// prints must be the same. promtool sends Prometheus's min and max time when series/labels get no --start/--end,
// which rrx must read as "up to now".
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { freePort } from '../../helpers/free-port';
import type { PeerProcess } from '../../helpers/peer-process';
import { PROMTOOL_BIN } from '../../helpers/prometheus';
import { bundleRrx, startRrxServeApi, type RrxBundle } from '../../helpers/rrx-bundle';

const run = promisify(execFile);

async function promtool(args: string[]): Promise<unknown> {
  const { stdout } = await run(PROMTOOL_BIN, ['query', '-o', 'json', ...args], { timeout: 30_000 });
  return JSON.parse(stdout) as unknown;
}

describe('promtool query against rrx serve-api and Prometheus 2.42', () => {
  let cluster: TestCluster;
  let bundle: RrxBundle;
  let rrx: PeerProcess;
  let rrxUrl: string;
  let promUrl: string;
  let endS: number;
  beforeAll(async () => {
    [cluster, bundle] = await Promise.all([startCluster({ withQueryNode: true }), bundleRrx()]);
    await cluster.waitForData(10);
    const port = await freePort();
    const endpoints = cluster.collectors.flatMap((c) => ['--endpoint', c.readUrl]);
    rrx = await startRrxServeApi(bundle, [...endpoints, '--compat', 'prometheus2', '--dedup', 'union', '--listen', `127.0.0.1:${port}`]);
    rrxUrl = `http://127.0.0.1:${port}`;
    promUrl = cluster.query!.baseUrl;
    endS = Math.floor(Date.now() / 1000) - 5;
  }, 180_000);
  afterAll(async () => {
    await rrx?.stop();
    bundle?.remove();
    await cluster?.stop();
  });

  const both = async (args: (url: string) => string[]) => Promise.all([promtool(args(rrxUrl)), promtool(args(promUrl))]);

  it('query instant: the same vector', async () => {
    for (const expr of ['count(up)', 'sum by (job) (up)', 'up']) {
      const [ours, theirs] = await both((u) => ['instant', `--time=${endS}`, u, expr]);
      expect(ours, expr).toEqual(theirs);
      expect((ours as unknown[]).length, expr).toBeGreaterThan(0);
    }
  });

  it('query range: the same matrix', async () => {
    for (const expr of ['count(up)', 'sum by (job) (up)']) {
      const [ours, theirs] = await both((u) => ['range', `--start=${endS - 30}`, `--end=${endS}`, '--step=5s', u, expr]);
      expect(ours, expr).toEqual(theirs);
      expect((ours as unknown[]).length, expr).toBeGreaterThan(0);
    }
  });

  it('query series --match=up with promtool\'s default window: every up series', async () => {
    const [ours, theirs] = await both((u) => ['series', '--match=up', u]);
    expect(ours).toEqual(theirs);
    expect((ours as Record<string, string>[]).map((s) => s.job).sort()).toEqual(['node', 'prometheus', 'prometheus']);
  });

  // The query node answers label values from remote_read storage with nothing (2.42's remote querier has no label
  // index), so labels are compared with a collector, whose own TSDB holds the same series.
  it('query labels URL job with promtool\'s default window: every job, as a collector answers', async () => {
    const collector = cluster.collectors[0].baseUrl;
    const [ours, theirs] = await Promise.all([promtool(['labels', rrxUrl, 'job']), promtool(['labels', collector, 'job'])]);
    expect(ours).toEqual(theirs);
    expect(ours).toEqual(['node', 'prometheus']);
  });
});

// `rrx compare` on the real seed: a collector stopped for about 20 s and started again shows as one gap on that
// node, as long as the real outage (within two scrape intervals), covered by the other node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { rrx } from '../../helpers/run-cli';

interface CompareJson {
  nodes: { node: string; seriesCount: number; sampleCount: number; coveragePct: number; stale: boolean }[];
  findings: { kind: string; node: string; start: number; end: number; duration: number; coveredBy: string[]; labels: Record<string, string> }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rrx compare on the real test cluster', () => {
  let cluster: TestCluster;
  let outageS = 0;
  let windowStart = 0;
  beforeAll(async () => {
    cluster = await startCluster();
    await cluster.waitForData(5);
    windowStart = Date.now() / 1000 - 4;
    const b = cluster.collectors[1];
    // Down for at least outageS; the data gap is longer (Prometheus starts scraping a few seconds after ready).
    const stoppedAt = Date.now();
    await b.stopProcess();
    await sleep(20_000);
    await b.start();
    const readyAt = Date.now();
    outageS = (readyAt - stoppedAt) / 1000;
    await sleep(6_000);
  }, 120_000);
  afterAll(async () => cluster?.stop());

  it('reports one gap on the stopped node, covered by the other', async () => {
    const [a, b] = cluster.collectors;
    const nameB = `127.0.0.1:${b.port}`;
    const nameA = `127.0.0.1:${a.port}`;
    const run = await rrx([
      'compare', '--endpoint', a.readUrl, '--endpoint', b.readUrl,
      '--expr', 'up{job="node"}', '--start', String(windowStart), '--end', String(Date.now() / 1000 - 1), '--format', 'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as CompareJson;
    const gaps = out.findings.filter((f) => f.kind === 'gap');
    expect(gaps).toHaveLength(1);
    const gap = gaps[0];
    expect(gap.node).toBe(nameB);
    expect(gap.coveredBy).toEqual([nameA]);
    // The real outage, from B's own HTTP API: the longest spacing between its raw samples of the series.
    const raw = await fetch(`${b.baseUrl}/api/v1/query?query=${encodeURIComponent('up{job="node"}[2m]')}`);
    const values = ((await raw.json()) as { data: { result: { values: [number, string][] }[] } }).data.result[0].values;
    const realOutageS = Math.max(...values.slice(1).map(([t], i) => t - values[i][0]));
    expect(realOutageS).toBeGreaterThanOrEqual(outageS - 1);
    expect(Math.abs(gap.duration - realOutageS), JSON.stringify({ gap, realOutageS })).toBeLessThanOrEqual(2 * cluster.scrapeIntervalS);
    expect(out.nodes.map((n) => n.node)).toEqual([nameA, nameB]);
    expect(out.nodes[1].coveragePct).toBeLessThan(out.nodes[0].coveragePct);

    const failing = await rrx([
      'compare', '--endpoint', a.readUrl, '--endpoint', b.readUrl, '--expr', 'up{job="node"}',
      '--start', String(windowStart), '--end', String(Date.now() / 1000 - 1), '--fail-on', 'gap,divergence',
    ]);
    expect(failing.code).toBe(1);
  });
});

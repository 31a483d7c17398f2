// The cluster issue against the real seed topology: merged answers equal each node's, a dead node becomes a warning
// that names it (or fails the query in strict mode), and a collector stopped mid-test gives a partial result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/free-port';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { rrx } from '../../helpers/run-cli';

interface ApiJson {
  status: string;
  data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
  warnings?: string[];
  errorType?: string;
  error?: string;
}

describe('merged queries over the real test cluster', () => {
  let cluster: TestCluster;
  let a: string;
  let b: string;
  beforeAll(async () => {
    cluster = await startCluster();
    await cluster.waitForData(3);
    [a, b] = cluster.collectors.map((c) => c.readUrl);
  });
  afterAll(async () => cluster?.stop());

  async function countUp(...extra: string[]): Promise<{ run: Awaited<ReturnType<typeof rrx>>; json: ApiJson }> {
    const run = await rrx(['query', '--expr', 'count(up)', '--format', 'json', ...extra]);
    return { run, json: JSON.parse(run.stdout) as ApiJson };
  }

  it('count(up) over both nodes is 3, the same as each node alone', async () => {
    const merged = await countUp('--endpoint', a, '--endpoint', b);
    expect(merged.run.code).toBe(0);
    expect(merged.json.data!.result[0].value[1]).toBe('3');
    expect(merged.json.warnings).toBeUndefined();
    for (const node of [a, b]) {
      const alone = await countUp('--endpoint', node);
      expect(alone.json.data!.result[0].value[1]).toBe('3');
    }
    const oneNode = await countUp('--endpoint', a, '--endpoint', b, '--node', b);
    expect(oneNode.json.data!.result[0].value[1]).toBe('3');
  });

  it('a third endpoint on a closed port: still 3, with a warning naming it; --strict fails', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/api/v1/read`;
    const host = new URL(closed).host;
    const partial = await countUp('--endpoint', a, '--endpoint', b, '--endpoint', closed);
    expect(partial.run.code).toBe(0);
    expect(partial.json.data!.result[0].value[1]).toBe('3');
    expect(partial.json.warnings).toHaveLength(1);
    expect(partial.json.warnings![0]).toContain(host);
    expect(partial.run.stderr).toContain(host);

    const strict = await countUp('--endpoint', a, '--endpoint', b, '--endpoint', closed, '--strict');
    expect(strict.run.code).toBe(1);
    expect(strict.json.status).toBe('error');
    expect(strict.json.error).toContain(host);
  });

  it('every strategy gives the same count over healthy replicas', async () => {
    for (const dedup of ['union', 'penalty', 'prefer-first', 'prefer-max']) {
      const r = await countUp('--endpoint', a, '--endpoint', b, '--dedup', dedup);
      expect(r.json.data!.result[0].value[1], dedup).toBe('3');
    }
  });

  it('stopping one collector mid-test gives a partial result naming it', async () => {
    const [, collectorB] = cluster.collectors;
    await collectorB.stopProcess();
    try {
      const r = await countUp('--endpoint', a, '--endpoint', b);
      expect(r.run.code).toBe(0);
      // B's own target is now down, so A sees up=0 for it, but the series count stays 3.
      expect(r.json.data!.result[0].value[1]).toBe('3');
      expect(r.json.warnings?.join(' ')).toContain(`127.0.0.1:${collectorB.port}`);
    } finally {
      await collectorB.start();
    }
  });
});

// The test cluster helper itself, against the real binaries: both collectors scrape node_exporter and each other,
// the query node reads both by remote_read, and stop() leaves no process behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from '../../helpers/cluster';

async function instant(baseUrl: string, q: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const r = await fetch(`${baseUrl}/api/v1/query?query=${encodeURIComponent(q)}`);
  const body = (await r.json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  expect(body.status).toBe('success');
  return body.data.result;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('test cluster (real Prometheus + node_exporter)', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster({ withQueryNode: true, replicaLabel: 'replica' });
    await cluster.waitForData(3);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('each collector scrapes node_exporter and both collectors', async () => {
    for (const c of cluster.collectors) {
      const up = await instant(c.baseUrl, 'up');
      expect(up.map((s) => s.metric.instance).sort()).toEqual(
        [cluster.nodeExporter.target, `127.0.0.1:${cluster.collectors[0].port}`, `127.0.0.1:${cluster.collectors[1].port}`].sort(),
      );
      expect(up.every((s) => s.value[1] === '1')).toBe(true);
    }
  });

  it('the query node answers from both collectors by remote_read', async () => {
    const q = cluster.query!;
    const res = await instant(q.baseUrl, 'count by (replica) (up)');
    expect(Object.fromEntries(res.map((s) => [s.metric.replica, s.value[1]]))).toEqual({ a: '3', b: '3' });
  });

  it('stops every process it started, by PID', async () => {
    const pids = [cluster.nodeExporter.pid, ...cluster.collectors.map((c) => c.pid()), cluster.query!.pid()];
    expect(pids.every(alive)).toBe(true);
    await cluster.stop();
    expect(pids.some(alive)).toBe(false);
  });
});

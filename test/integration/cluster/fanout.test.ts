// Fan-out over real sockets to in-repo remote_read servers: one call cancels everything fast and closes every
// socket; the raw-read cache answers repeats (and re-merges) without a request; progress is reported per node.
import { afterEach, describe, expect, it } from 'vitest';
import { fanOut } from '@core/cluster/fanout/fan-out';
import { RawReadCache } from '@core/cluster/fanout/raw-read-cache';
import type { NodeProgress } from '@core/cluster/fanout/types';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import type { RawSeries } from '@core/series/types';

function series(name: string, fromMs: number, n: number, stepMs = 15_000): RawSeries {
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = fromMs + i * stepMs;
    values[i] = i;
  }
  return { labels: { __name__: name, job: 'node' }, timestamps, values };
}

const servers: RemoteReadServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const T0 = Date.UTC(2026, 0, 1);
const request = { matchers: [{ type: '=' as const, name: '__name__', value: 'up' }], startMs: T0, endMs: T0 + 3_600_000 };

describe('cluster fan-out', () => {
  it('a cancelled fan-out against a slow node returns within 200 ms and leaves no open socket', async () => {
    const fast = await startRemoteReadServer({ series: [series('up', T0, 240)] });
    const slow = await startRemoteReadServer({ series: [series('up', T0, 240)], fault: { kind: 'slow', delayMs: 5_000 } });
    const hang = await startRemoteReadServer({ series: [series('up', T0, 240)], fault: { kind: 'hang' } });
    servers.push(fast, slow, hang);
    const nodes = [fast, slow, hang].map((s, index) => ({ index, name: `n${index}`, endpoint: { url: s.url } }));
    const ac = new AbortController();
    const pending = fanOut(nodes, [request], { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 300));
    const t = performance.now();
    ac.abort();
    const outcomes = await pending;
    expect(performance.now() - t).toBeLessThan(200);
    expect(outcomes[0].ok).toBe(true);
    expect(outcomes[1].ok).toBe(false);
    expect(outcomes[1].errorKind).toBe('cancelled');
    expect(outcomes[2].errorKind).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 50));
    expect(slow.openConnections()).toBe(0);
    expect(hang.openConnections()).toBe(0);
  });

  it('a per-node timeout fails only that node, with a timeout reason', async () => {
    const ok = await startRemoteReadServer({ series: [series('up', T0, 10)] });
    const hang = await startRemoteReadServer({ series: [series('up', T0, 10)], fault: { kind: 'hang' } });
    servers.push(ok, hang);
    const t = performance.now();
    const outcomes = await fanOut(
      [ok, hang].map((s, index) => ({ index, name: `n${index}`, endpoint: { url: s.url } })),
      [request],
      { timeoutMs: 300 },
    );
    expect(performance.now() - t).toBeLessThan(2_000);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(outcomes[1].errorKind).toBe('timeout');
  });

  it('reports progress per node and serves repeats from the cache without a request', async () => {
    const srv = await startRemoteReadServer({ series: [series('up', T0, 240), series('other', T0, 240)] });
    servers.push(srv);
    const cache = new RawReadCache(64 * 1024 * 1024, () => T0 + 7_200_000);
    const nodes = [{ index: 0, name: 'a', endpoint: { url: srv.url } }];
    const progress: NodeProgress[] = [];
    const first = await fanOut(nodes, [request], { cache, onProgress: (p) => progress.push(p) });
    expect(first[0].samples).toBe(240);
    expect(progress[0].state).toBe('pending');
    expect(progress.at(-1)).toMatchObject({ node: 0, state: 'done', series: 1, samples: 240 });
    expect(srv.requestCount()).toBe(1);
    const narrower = { ...request, startMs: T0 + 600_000, endMs: T0 + 1_200_000 };
    const second = await fanOut(nodes, [narrower], { cache });
    expect(srv.requestCount()).toBe(1);
    expect(second[0].fromCache).toBe(true);
    expect(second[0].samples).toBe(41);
    await fanOut(nodes, [request], { cache, noCache: true });
    expect(srv.requestCount()).toBe(2);
  });

  it('batches every selector of a query into one request per node', async () => {
    const srv = await startRemoteReadServer({ series: [series('up', T0, 10), series('other', T0, 10)] });
    servers.push(srv);
    const other = { ...request, matchers: [{ type: '=' as const, name: '__name__', value: 'other' }] };
    const [o] = await fanOut([{ index: 0, name: 'a', endpoint: { url: srv.url } }], [request, other]);
    expect(srv.requestCount()).toBe(1);
    expect(srv.lastRequest()!.queries).toHaveLength(2);
    expect(o.results.map((r) => r.map((s) => s.labels.__name__))).toEqual([['up'], ['other']]);
  });

  it('a read larger than the raw-read cache is not kept, and the outcome says so', async () => {
    const server = await startRemoteReadServer({ series: [series('up', T0, 240)] });
    servers.push(server);
    const nodes = [{ index: 0, name: 'n0', endpoint: { url: server.url } }];
    const tiny = new RawReadCache(1024);
    const [o] = await fanOut(nodes, [request], { cache: tiny });
    expect(o.ok).toBe(true);
    expect(o.cacheNotice).toMatch(/a read larger than the raw-read cache \(0 MiB\) was not kept; re-running or re-merging reads it again/);
    expect(tiny.usedBytes).toBe(0);
    const [again] = await fanOut(nodes, [request], { cache: tiny });
    expect(again.fromCache).toBe(false);
    const roomy = new RawReadCache();
    const [kept] = await fanOut(nodes, [request], { cache: roomy });
    expect(kept.cacheNotice).toBeUndefined();
    expect((await fanOut(nodes, [request], { cache: roomy }))[0].fromCache).toBe(true);
  });
});

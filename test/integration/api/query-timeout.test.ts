// The app's query.run honours the profile's query timeout (the setting in the profile editor), over a real
// remote_read server on loopback. (query.cancel mid-evaluation: test/integration/bridge/hostile-queries.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueryHandlers } from '@core/api/query-handlers';
import { QueryTimeoutError } from '@core/promql/engine/errors';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';

let node: RemoteReadServer;

beforeAll(async () => {
  const now = Date.now();
  node = await startRemoteReadServer({
    series: () => [{ labels: { __name__: 'up', instance: 'a' }, timestamps: Float64Array.from([now - 30_000, now - 15_000, now]), values: Float64Array.from([1, 1, 1]) }],
  });
});

afterAll(async () => {
  await node?.close();
});

const spec = (queryTimeoutMs?: number): ClusterSpec => ({
  name: 't',
  nodes: [{ index: 0, name: 'a', endpoint: { url: node.url } }],
  strategy: 'union',
  partialPolicy: 'partial',
  timeoutMs: 10_000,
  compat: 'prometheus3',
  ...(queryTimeoutMs !== undefined ? { queryTimeoutMs } : {}),
});

const HEAVY = 'sum_over_time(sum_over_time(vector(1)[1m:1ms])[1h:1ms])';

describe('query.run limits in the app', () => {
  it('the profile’s query timeout ends a heavy query with the timeout error', async () => {
    const h = createQueryHandlers({ emit: () => undefined, clusterFor: async () => spec(1000) });
    const t0 = Date.now();
    const err = await h['query.run']({ request: { queryId: 'q1', profileId: 'p', expr: HEAVY, kind: 'instant' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryTimeoutError);
    expect((err as Error).message).toBe('query timed out in expression evaluation');
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});

// Reliability: a hostile node behind `serve-api` does not hold the server. While a query reads a large snappy body
// (inflated and decoded in slices), /-/healthy and other queries keep answering, and the request's `timeout` holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import { startQueryApiServer, type QueryApiServer } from '@core/serve-api';

const MiB = 1024 * 1024;
let bomb: RemoteReadServer;
let good: RemoteReadServer;
let bombApi: QueryApiServer;
let goodApi: QueryApiServer;

beforeAll(async () => {
  bomb = await startRemoteReadServer({ series: [], supportedResponseTypes: ['SAMPLES'] });
  const end = Date.now();
  const timestamps = Float64Array.from({ length: 60 }, (_, i) => end - (59 - i) * 15_000);
  good = await startRemoteReadServer({ series: [{ labels: { __name__: 'up', job: 'node' }, timestamps, values: new Float64Array(60).fill(1) }] });
  const spec = (url: string) => ({
    name: 't',
    nodes: [{ index: 0, name: 'n', endpoint: { url } }],
    strategy: 'union' as const,
    partialPolicy: 'strict' as const,
    timeoutMs: 60_000,
    compat: 'prometheus3' as const,
    // Raised past the bombs below, so that they are inflated and walked rather than refused on their header.
    readLimits: { maxDecompressedBytes: 1100 * MiB },
  });
  bombApi = await startQueryApiServer({ listen: '127.0.0.1:0', spec: spec(bomb.url) });
  goodApi = await startQueryApiServer({ listen: '127.0.0.1:0', spec: spec(good.url) });
  // Warm both servers up (first-request compilation is not what is measured here).
  await fetch(`${goodApi.url}/api/v1/query?query=up`).then((r) => r.json());
  await fetch(`${bombApi.url}/-/healthy`).then((r) => r.text());
});
afterAll(async () => {
  await Promise.all([bombApi.close(), goodApi.close()]);
  await Promise.all([bomb.close(), good.close()]);
});

/** Runs the bombed query while probing health and another query of the same process every 50 ms. */
async function whileProbing(timeout: string): Promise<{ status: number; errorType?: string; ms: number; answered: number; slowestMs: number }> {
  const started = performance.now();
  let done = false;
  const slow = fetch(`${bombApi.url}/api/v1/query?query=up&timeout=${timeout}`)
    .then(async (r) => ({ status: r.status, body: (await r.json()) as { errorType?: string }, ms: performance.now() - started }))
    .finally(() => (done = true));
  let slowestMs = 0;
  let answered = 0;
  for (let i = 0; i < 400 && !done; i++) {
    const t = performance.now();
    const [h, q] = await Promise.all([fetch(`${bombApi.url}/-/healthy`), fetch(`${goodApi.url}/api/v1/query?query=up`)]);
    expect(h.status).toBe(200);
    expect(q.status).toBe(200);
    slowestMs = Math.max(slowestMs, performance.now() - t);
    answered++;
    await new Promise((r) => setTimeout(r, 50));
  }
  const r = await slow;
  return { status: r.status, errorType: r.body.errorType, ms: r.ms, answered, slowestMs };
}

// Bounds generous enough for a loaded 2-core CI machine; decoding these bodies in one go holds the loop for seconds.
describe('serve-api in front of a snappy bomb', () => {
  it('a 300 MiB body is walked in slices: health and other queries answer all along', async () => {
    bomb.setFault({ kind: 'snappy-bomb', bytes: 300 * MiB });
    const r = await whileProbing('60s');
    expect(r.status).toBe(200);
    expect(r.answered).toBeGreaterThanOrEqual(3);
    expect(r.slowestMs).toBeLessThan(2000);
  });

  it('the request timeout (2s) holds against 47 MB inflating to 1 GB', async () => {
    bomb.setFault({ kind: 'snappy-bomb', bytes: 1_000_000_000 });
    const r = await whileProbing('2s');
    expect(r.status).toBe(503);
    expect(r.errorType).toBe('timeout');
    expect(r.ms).toBeLessThan(2000 + 2500);
    expect(r.slowestMs).toBeLessThan(2000);
  });
});

// A read reports where its time went (the bench's per-query profile): until the response headers, and decoding —
// for both answer types, each within the read's total.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteRead } from '@core/remote-read/client';
import type { ResponseType } from '@core/remote-read/endpoint-config';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import { closeConnectionPools } from '@core/remote-read/transport/connection-pool';
import { T0, makeSeries } from './fixtures';

let server: RemoteReadServer;
beforeAll(async () => {
  server = await startRemoteReadServer({ series: makeSeries(50, 20_000) });
});
afterAll(() => {
  closeConnectionPools();
  server.close();
});

describe.each<ResponseType>(['SAMPLES', 'STREAMED_XOR_CHUNKS'])('read timing over %s', (type) => {
  it('headersMs and decodeMs are measured and fit in the read', async () => {
    const query = [{ matchers: [{ type: '=~' as const, name: '__name__', value: '.+' }], startMs: T0, endMs: T0 + 1e10 }];
    const r = await remoteRead({ url: server.url, acceptedResponseTypes: [type] }, query);
    expect(r.responseType).toBe(type);
    expect(r.stats.samples).toBeGreaterThanOrEqual(50 * 20_000);
    expect(r.stats.decodeMs).toBeGreaterThan(0);
    expect(r.stats.headersMs).toBeGreaterThanOrEqual(0);
    expect(r.stats.headersMs! + r.stats.decodeMs!).toBeLessThanOrEqual(r.stats.durationMs + 1);
  });
});

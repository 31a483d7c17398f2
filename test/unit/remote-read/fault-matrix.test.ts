// Every fault mode of the in-repo server gives its typed error within the timeout; nothing hangs and the server
// sees its sockets closed afterwards (the client destroyed them, so memory and descriptors are released).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteRead } from '@core/remote-read/client';
import type { ResponseType } from '@core/remote-read/endpoint-config';
import type { RemoteReadErrorKind } from '@core/remote-read/errors';
import { RemoteReadError } from '@core/remote-read/errors';
import type { ServerFault } from '@core/remote-read-server/faults';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import { T0, makeSeries } from './fixtures';

let server: RemoteReadServer;
beforeAll(async () => {
  server = await startRemoteReadServer({ series: makeSeries(4, 3000), maxBytesInFrame: 2000 });
});
afterAll(() => server.close());

const query = [{ matchers: [{ type: '=~' as const, name: '__name__', value: '.+' }], startMs: T0, endMs: T0 + 1e9 }];
// Generous enough that a loaded 2-core CI machine never turns a reset or a bad frame into a timeout.
const TIMEOUT_MS = 1500;

async function expectFault(type: ResponseType, fault: ServerFault, kind: RemoteReadErrorKind, signal?: AbortSignal) {
  server.setFault(fault);
  const started = Date.now();
  const err = await remoteRead({ url: server.url, acceptedResponseTypes: [type], remoteTimeoutMs: TIMEOUT_MS }, query, { signal }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RemoteReadError);
  expect((err as RemoteReadError).kind).toBe(kind);
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
  expect((err as RemoteReadError).toUserMessage()).toMatch(/^Remote read .*127\.0\.0\.1:\d+.*\.$/);
  // The client destroyed its socket: the server side closes too.
  for (let i = 0; i < 50 && server.openConnections() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(server.openConnections()).toBe(0);
  return err as RemoteReadError;
}

describe.each<ResponseType>(['SAMPLES', 'STREAMED_XOR_CHUNKS'])('fault matrix over %s', (type) => {
  it('slow → timeout', () => expectFault(type, { kind: 'slow', delayMs: 5000 }, 'timeout'));
  it('hang → timeout', () => expectFault(type, { kind: 'hang' }, 'timeout'));
  it('reset mid-stream → connect', () => expectFault(type, { kind: 'reset-mid-stream' }, 'connect'));
  it('HTTP 503 → http-status', async () => {
    const e = await expectFault(type, { kind: 'http-status', status: 503 }, 'http-status');
    expect(e.status).toBe(503);
    expect(e.detail).toContain('injected fault');
  });
  it('wrong content type → content-type', () => expectFault(type, { kind: 'wrong-content-type' }, 'content-type'));
  it('cancel mid-stream → cancelled', () => expectFault(type, { kind: 'slow', delayMs: 150 }, 'cancelled', AbortSignal.timeout(200)));
});

describe('streamed-only faults', () => {
  it('bad CRC → crc', () => expectFault('STREAMED_XOR_CHUNKS', { kind: 'bad-crc' }, 'crc'));
  it('truncated frame → decode', () => expectFault('STREAMED_XOR_CHUNKS', { kind: 'truncated-frame' }, 'decode'));
  it('oversized frame → frame-too-large', () =>
    expectFault('STREAMED_XOR_CHUNKS', { kind: 'oversized-frame' }, 'frame-too-large'));
  it('frame over a configured limit → frame-too-large', async () => {
    server.setFault({ kind: 'none' });
    await expect(
      remoteRead({ url: server.url, acceptedResponseTypes: ['STREAMED_XOR_CHUNKS'] }, query, { limits: { maxFrameBytes: 100 } }),
    ).rejects.toMatchObject({ kind: 'frame-too-large' });
  });
  it('byte limit → limit', async () => {
    server.setFault({ kind: 'none' });
    await expect(remoteRead({ url: server.url }, query, { limits: { maxBytes: 5000 } })).rejects.toMatchObject({ kind: 'limit' });
  });
});

describe('connection and auth failures', () => {
  it('refused connection → connect', async () => {
    await expect(remoteRead({ url: 'http://127.0.0.1:1/api/v1/read' }, query)).rejects.toMatchObject({ kind: 'connect' });
  });
  it('wrong credentials → auth', async () => {
    const secured = await startRemoteReadServer({ series: makeSeries(1, 10), auth: { bearer: 'right-token' } });
    try {
      await expect(
        remoteRead({ url: secured.url, authorization: { credentials: 'wrong-token' } }, query),
      ).rejects.toMatchObject({ kind: 'auth', status: 401 });
      const ok = await remoteRead({ url: secured.url, authorization: { credentials: 'right-token' } }, query);
      expect(ok.results[0]).toHaveLength(2);
    } finally {
      await secured.close();
    }
  });
});

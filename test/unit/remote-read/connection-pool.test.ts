// The keep-alive pool's stale-socket rule, against a loopback server that resets a kept connection when it is used
// again (what a restarted node looks like when its close has not reached the client yet): an idempotent read is
// sent once more on a fresh connection; anything else gets the error.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exchange, type ExchangeOptions } from '@core/remote-read/transport/http-exchange';
import { closeConnectionPools, idleSocketCount } from '@core/remote-read/transport/connection-pool';

let server: net.Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  server = net.createServer((socket) => {
    connections++;
    let requests = 0;
    let buf = '';
    socket.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      while (buf.includes('\r\n\r\n')) {
        buf = buf.slice(buf.indexOf('\r\n\r\n') + 4);
        // The second request on a connection finds it gone, as after a restart.
        if (++requests > 1) return void socket.resetAndDestroy();
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as net.AddressInfo).port;
});
afterEach(() => closeConnectionPools());
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function opts(retryStale: boolean): ExchangeOptions {
  return { tls: {}, proxyFor: () => null, http2: true, followRedirects: true, signal: AbortSignal.timeout(10_000), pool: true, retryStale };
}

async function get(retryStale: boolean): Promise<string> {
  const res = await exchange({ url: new URL(`http://127.0.0.1:${port}/x`), method: 'GET', headers: {} }, opts(retryStale));
  let text = '';
  for await (const chunk of res.body) text += Buffer.from(chunk).toString();
  res.release();
  return text;
}

async function parked(): Promise<void> {
  for (let i = 0; i < 50 && idleSocketCount() === 0; i++) await new Promise((r) => setTimeout(r, 10));
}

describe('connection pool: stale keep-alive sockets', () => {
  it('an idempotent request on a stale pooled socket is sent again on a fresh connection', async () => {
    connections = 0;
    expect(await get(true)).toBe('ok');
    await parked();
    expect(idleSocketCount()).toBe(1);
    expect(await get(true)).toBe('ok');
    expect(connections).toBe(2);
  });

  it('a request not marked idempotent is not repeated: it fails with a connection error', async () => {
    connections = 0;
    expect(await get(false)).toBe('ok');
    await parked();
    await expect(get(false)).rejects.toMatchObject({ kind: 'connect' });
    expect(connections).toBe(1);
  });

  it('a failed exchange leaves nothing in the pool', async () => {
    const res = await exchange({ url: new URL(`http://127.0.0.1:${port}/x`), method: 'GET', headers: {} }, opts(true));
    res.close(); // the caller gave up before reading the body
    await new Promise((r) => setTimeout(r, 50));
    expect(idleSocketCount()).toBe(0);
  });
});

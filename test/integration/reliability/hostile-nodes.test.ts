// Reliability: hostile remote_read nodes end every read cleanly — within its time bound, with a typed error naming
// the node (and the limit, when one was hit), with the client's sockets closed and its memory bounded. Real sockets
// against the in-repo server's fault modes; the snappy bomb also against the real rrx CLI process, watched in /proc.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteRead } from '@core/remote-read/client';
import type { ResponseType } from '@core/remote-read/endpoint-config';
import { RemoteReadError, type RemoteReadErrorKind } from '@core/remote-read/errors';
import type { ServerFault } from '@core/remote-read-server/faults';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import { T0, makeSeries } from '../../unit/remote-read/fixtures';
import { spawnRrx, type RrxProcess } from '../../helpers/rrx-process';

const MiB = 1024 * 1024;
const query = [{ matchers: [{ type: '=~' as const, name: '__name__', value: '.+' }], startMs: T0, endMs: T0 + 1e9 }];

let node: RemoteReadServer;
beforeAll(async () => {
  node = await startRemoteReadServer({ series: makeSeries(4, 2000), maxBytesInFrame: 2000 });
});
afterAll(() => node.close());

/** Longest gap between ticks of a 10 ms interval while `work` runs: how long the event loop was held. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T | unknown; stallMs: number }> {
  let last = performance.now();
  let stall = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 10);
  try {
    const result = await work().then(
      (r) => r,
      (e: unknown) => e,
    );
    return { result, stallMs: Math.max(stall, performance.now() - last) };
  } finally {
    clearInterval(tick);
  }
}

async function hostile(type: ResponseType, fault: ServerFault, kind: RemoteReadErrorKind, timeoutMs: number, limits = {}): Promise<RemoteReadError> {
  node.setFault(fault);
  const started = Date.now();
  const { result, stallMs } = await longestStall(() =>
    remoteRead({ url: node.url, acceptedResponseTypes: [type], remoteTimeoutMs: timeoutMs }, query, { limits }),
  );
  const took = Date.now() - started;
  node.setFault({ kind: 'none' });
  expect(result).toBeInstanceOf(RemoteReadError);
  const e = result as RemoteReadError;
  expect(e.kind).toBe(kind);
  expect(took).toBeLessThan(timeoutMs + 1500);
  // The event loop kept turning: no decode held it for long (generous for a loaded 2-core machine).
  expect(stallMs).toBeLessThan(1000);
  expect(e.toUserMessage()).toContain(`127.0.0.1:${node.port}`);
  for (let i = 0; i < 100 && node.openConnections() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(node.openConnections()).toBe(0);
  return e;
}

describe('hostile remote_read nodes', () => {
  it('a node that never answers: timeout at the deadline', () => hostile('STREAMED_XOR_CHUNKS', { kind: 'hang' }, 'timeout', 1000));
  it('slowloris (one byte every 50 ms, forever): the deadline holds', async () => {
    const e = await hostile('SAMPLES', { kind: 'slowloris', intervalMs: 50 }, 'timeout', 1000);
    expect(e.detail).toContain('1000 ms');
  });
  it('a frame header claiming 2 GB: refused on the header, naming the limit', async () => {
    const e = await hostile('STREAMED_XOR_CHUNKS', { kind: 'oversized-frame', bytes: 2_000_000_000 }, 'frame-too-large', 5000);
    expect(e.detail).toContain('read-max-frame-bytes limit of 50000000 bytes');
  });
  it('a bad CRC: crc error', () => hostile('STREAMED_XOR_CHUNKS', { kind: 'bad-crc' }, 'crc', 5000));
  it('truncated data: decode error', () => hostile('STREAMED_XOR_CHUNKS', { kind: 'truncated-frame' }, 'decode', 5000));
  it('a 503 with a 64 MiB body: the status and a short excerpt, without reading the rest', async () => {
    const e = await hostile('SAMPLES', { kind: 'http-status', status: 503, bodyBytes: 64 * MiB }, 'http-status', 5000);
    expect(e.status).toBe(503);
    expect(e.detail.length).toBeLessThan(600);
  });
  it('a snappy bomb (47 MB inflating to 1 GB) stops at the decompressed-bytes limit on its header', async () => {
    const before = process.memoryUsage().rss;
    const e = await hostile('SAMPLES', { kind: 'snappy-bomb', bytes: 1_000_000_000 }, 'limit', 5000);
    expect(e.detail).toMatch(/decompressed response of 1000000000 bytes exceeds the read-max-decompressed-bytes limit of 536870912 bytes/);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * MiB);
  });
  it('a snappy bomb under the limit (400 MiB) is inflated in slices and stopped by the deadline', async () => {
    const e = await hostile('SAMPLES', { kind: 'snappy-bomb', bytes: 400 * MiB }, 'timeout', 300);
    expect(e.detail).toContain('300 ms');
  });
  it('a large body under its limit decodes in slices: the event loop is never held', async () => {
    // 200 MiB of empty fields: valid, so the whole body is inflated and walked — a slice at a time.
    const started = Date.now();
    node.setFault({ kind: 'snappy-bomb', bytes: 200 * MiB });
    const { result, stallMs } = await longestStall(() => remoteRead({ url: node.url, acceptedResponseTypes: ['SAMPLES'], remoteTimeoutMs: 60_000 }, query));
    node.setFault({ kind: 'none' });
    expect(result).toMatchObject({ responseType: 'SAMPLES', results: [[]] });
    expect(stallMs).toBeLessThan(1000);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe('the snappy bomb against the rrx CLI process', () => {
  const args = (extra: string[]) => ['read', '--endpoint', node.url, '--match', '{__name__=~".+"}', '--start', String(T0 / 1000), '--end', String(T0 / 1000 + 1e6), '--response-type', 'samples', ...extra];

  /** ms from the node receiving the read to the rrx process having exited (Node's start-up is not counted). */
  async function readDuration(p: RrxProcess): Promise<{ code: number | null; readMs: number }> {
    const before = node.requestCount();
    let askedAt = 0;
    const watch = setInterval(() => {
      if (!askedAt && node.requestCount() > before) askedAt = performance.now();
    }, 5);
    const r = await p.done;
    clearInterval(watch);
    expect(askedAt).toBeGreaterThan(0);
    return { code: r.code, readMs: performance.now() - askedAt };
  }

  it('47 MB → 1 GB: `rrx read --timeout 2s` fails fast naming the limit, and its memory stays small', async () => {
    node.setFault({ kind: 'snappy-bomb', bytes: 1_000_000_000 });
    const p = await spawnRrx(args(['--timeout', '2s']), { killAfterMs: 30_000 });
    const r = await readDuration(p);
    node.setFault({ kind: 'none' });
    expect(r.code).toBe(1);
    expect(r.readMs).toBeLessThan(2000);
    expect(p.stderr()).toMatch(/exceeds the read-max-decompressed-bytes limit of 536870912 bytes/);
    console.log(`rrx read, bomb over the limit: peak RSS ${Math.round(p.peakRss() / MiB)} MiB, read ${Math.round(r.readMs)} ms`);
    expect(p.peakRss()).toBeLessThan(160 * MiB);
  });

  it('with the limit raised past the bomb, `--timeout 2s` still holds and memory stays under the limit', async () => {
    node.setFault({ kind: 'snappy-bomb', bytes: 1_000_000_000 });
    const p = await spawnRrx(args(['--timeout', '2s', '--read-max-decompressed-bytes', '1GB']), { killAfterMs: 30_000 });
    const r = await readDuration(p);
    node.setFault({ kind: 'none' });
    expect(r.code).toBe(1);
    expect(p.stderr()).toMatch(/timed out .*no complete response within 2000 ms/);
    expect(r.readMs).toBeLessThan(2000 + 1500); // the deadline, then printing the error and exiting
    console.log(`rrx read, bomb under a raised limit: peak RSS ${Math.round(p.peakRss() / MiB)} MiB, read ${Math.round(r.readMs)} ms`);
    expect(p.peakRss()).toBeLessThan(1_000_000_000 + 250 * MiB);
  });
});

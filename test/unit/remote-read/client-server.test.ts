import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteRead } from '@core/remote-read/client';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import { MemorySeriesStore } from '@core/series/memory-store';
import type { ResponseType } from '@core/remote-read/endpoint-config';
import { isStaleAt } from '@core/series/stale-marker';
import { T0, makeSeries, wordsOf } from './fixtures';

const data = makeSeries(3, 2000);
const store = new MemorySeriesStore(data);
let server: RemoteReadServer;

beforeAll(async () => {
  // Small frames so series are split across frames and the client has to join them.
  server = await startRemoteReadServer({ series: data, maxBytesInFrame: 400 });
});
afterAll(() => server.close());

const queries = [
  { matchers: [{ type: '=' as const, name: '__name__', value: 'test_metric' }], startMs: T0 + 60_000, endMs: T0 + 20_000_000 },
  { matchers: [{ type: '=~' as const, name: '__name__', value: 'up|nothing' }], startMs: T0, endMs: T0 + 45_000 },
  { matchers: [{ type: '=' as const, name: '__name__', value: 'absent' }], startMs: T0, endMs: T0 + 45_000 },
];

describe.each<ResponseType>(['SAMPLES', 'STREAMED_XOR_CHUNKS'])('remote read %s against the in-repo server', (type) => {
  it('returns exactly the stored samples per query, stale markers bit-exact', async () => {
    const progress: number[] = [];
    const res = await remoteRead(
      { url: server.url, acceptedResponseTypes: [type] },
      queries,
      { onProgress: (p) => progress.push(p.samples), progressIntervalMs: 0 },
    );
    expect(res.responseType).toBe(type);
    expect(res.results).toHaveLength(3);
    queries.forEach((q, i) => {
      const want = store.select(q.matchers, q.startMs, q.endMs);
      const got = res.results[i];
      expect(got.map((s) => s.labels)).toEqual(want.map((s) => s.labels));
      got.forEach((s, k) => {
        expect(Array.from(s.timestamps)).toEqual(Array.from(want[k].timestamps));
        expect(wordsOf(s.values)).toEqual(wordsOf(want[k].values));
      });
    });
    const first = res.results[0][0];
    const staleIdx = first.timestamps.indexOf(data[0].timestamps[7]);
    expect(staleIdx).toBeGreaterThanOrEqual(0);
    expect(isStaleAt(first.values, staleIdx)).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    expect(res.warnings).toEqual([]);
  });

  it('sends the remote_read protocol headers', async () => {
    await remoteRead({ url: server.url, acceptedResponseTypes: [type] }, queries.slice(0, 1));
    const h = server.lastRequest()!.headers;
    expect(h['content-type']).toBe('application/x-protobuf');
    expect(h['content-encoding']).toBe('snappy');
    expect(h['x-prometheus-remote-read-version']).toBe('0.1.0');
    expect(h['user-agent']).toMatch(/^rrx\/\d/);
    expect(server.lastRequest()!.accepted).toEqual([type]);
  });
});

describe('remote read client behaviour', () => {
  it('accepts STREAMED_XOR_CHUNKS then SAMPLES by default', async () => {
    const res = await remoteRead({ url: server.url }, queries.slice(1, 2));
    expect(server.lastRequest()!.accepted).toEqual(['STREAMED_XOR_CHUNKS', 'SAMPLES']);
    expect(res.responseType).toBe('STREAMED_XOR_CHUNKS');
  });

  it('falls back to SAMPLES against a samples-only server', async () => {
    const old = await startRemoteReadServer({ series: data, supportedResponseTypes: ['SAMPLES'] });
    try {
      const res = await remoteRead({ url: old.url }, queries.slice(1, 2));
      expect(res.responseType).toBe('SAMPLES');
      expect(res.results[0]).toHaveLength(1);
    } finally {
      await old.close();
    }
  });

  it('skips queries lacking required_matchers', async () => {
    const res = await remoteRead({ url: server.url, requiredMatchers: { job: 'node' } }, [
      queries[1],
      { ...queries[1], matchers: [...queries[1].matchers, { type: '=', name: 'job', value: 'node' }] },
    ]);
    expect(res.results[0]).toEqual([]);
    expect(res.results[1]).toHaveLength(1);
    expect(server.lastRequest()!.queries).toHaveLength(1);
  });

  it('turns chunks of an unknown encoding into a warning naming the series', async () => {
    const h = await startRemoteReadServer({ series: data, fault: { kind: 'unknown-chunk-encoding' } });
    try {
      const res = await remoteRead({ url: h.url, acceptedResponseTypes: ['STREAMED_XOR_CHUNKS'] }, queries.slice(1, 2));
      expect(res.results[0]).toEqual([]);
      expect(res.warnings).toHaveLength(1);
      expect(res.warnings[0]).toMatchObject({ kind: 'unsupported-chunk-encoding', encoding: 'encoding 7' });
      expect(res.warnings[0].series.__name__).toBe('up');
    } finally {
      await h.close();
    }
  });

  it('enforces the sample limit', async () => {
    for (const type of ['SAMPLES', 'STREAMED_XOR_CHUNKS'] as const) {
      await expect(
        remoteRead({ url: server.url, acceptedResponseTypes: [type] }, queries.slice(0, 1), { limits: { maxSamples: 100 } }),
      ).rejects.toMatchObject({ name: 'RemoteReadError', kind: 'limit' });
    }
  });
});

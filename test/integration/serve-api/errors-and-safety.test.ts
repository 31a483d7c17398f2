// serve-api's error shapes, limits and access rules over real sockets, against in-repo remote_read servers: bad
// queries, timeouts, dead nodes (partial warning / strict error), max samples, the concurrency gate, the probe
// and fixed endpoints, the loopback/token rules of `rrx serve-api`, and no secret in any answer or log line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '@core/cli/main';
import type { ClusterNode } from '@core/cluster/fanout/types';
import type { EndpointConfig } from '@core/remote-read/endpoint-config';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { startRemoteReadServer, type RemoteReadServer, type RemoteReadServerOptions } from '@core/remote-read-server/server';
import { startQueryApiServer, type QueryApiServer, type QueryApiServerOptions } from '@core/serve-api';
import type { RawSeries } from '@core/series/types';
import { freePort } from '../../helpers/free-port';
import { api } from './api-client';

/** `up` for two instances every 15 s over the last hour (relative to each request). */
function upSeries(): RawSeries[] {
  const end = Math.floor(Date.now() / 15_000) * 15_000;
  return ['a', 'b'].map((instance) => {
    const n = 240;
    const timestamps = Float64Array.from({ length: n }, (_, i) => end - (n - 1 - i) * 15_000);
    return { labels: { __name__: 'up', job: 'node', instance }, timestamps, values: new Float64Array(n).fill(1) };
  });
}

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

async function node(opts: Partial<RemoteReadServerOptions> = {}): Promise<RemoteReadServer> {
  const s = await startRemoteReadServer({ series: upSeries, ...opts });
  closers.push(s);
  return s;
}

function spec(endpoints: EndpointConfig[], extra: Partial<ClusterSpec> = {}): ClusterSpec {
  const nodes: ClusterNode[] = endpoints.map((endpoint, index) => ({ index, name: `node-${index}`, endpoint }));
  return { name: 't', nodes, strategy: 'union', partialPolicy: 'partial', timeoutMs: 10_000, compat: 'prometheus3', ...extra };
}

async function serve(opts: QueryApiServerOptions): Promise<QueryApiServer> {
  const s = await startQueryApiServer({ listen: '127.0.0.1:0', ...opts });
  closers.push(s);
  return s;
}

const closedUrl = async (): Promise<string> => `http://127.0.0.1:${await freePort()}/api/v1/read`;

describe('serve-api errors, limits and access', () => {
  it('a bad query is bad_data 400 with the parser’s position; a good one succeeds', async () => {
    const n = await node();
    const s = await serve({ spec: spec([{ url: n.url }]) });
    const bad = await api(s.url, '/api/v1/query', { query: 'sum(up' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 'error', errorType: 'bad_data' });
    expect(bad.body.error).toMatch(/^invalid parameter "query": 1:\d+: parse error: /);
    const ok = await api(s.url, '/api/v1/query', { query: 'count(up)' });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ resultType: 'vector', result: [{ metric: {}, value: [expect.any(Number), '2'] }] });
    expect(n.requestCount()).toBe(1); // the bad query read nothing
  });

  it('the timeout parameter ends a query stuck on a hanging node with errorType timeout, 503', async () => {
    const ok = await node();
    const hang = await node({ fault: { kind: 'hang' } });
    const s = await serve({ spec: spec([{ url: ok.url }, { url: hang.url }]) });
    const t = performance.now();
    const r = await api(s.url, '/api/v1/query_range', { query: 'up', start: String(Date.now() / 1000 - 600), end: String(Date.now() / 1000), step: '15s', timeout: '300ms' });
    expect(performance.now() - t).toBeLessThan(3000);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'error', errorType: 'timeout' });
    expect(r.body.error).toContain('timed out');
  });

  it('a dead node: partial answer with a warning naming it; strict: unavailable 503 naming it', async () => {
    const ok = await node();
    const dead = await closedUrl();
    const host = new URL(dead).host;
    const partial = await serve({ spec: spec([{ url: ok.url }, { url: dead }]) });
    const r = await api(partial.url, '/api/v1/query', { query: 'count(up)' });
    expect(r.status).toBe(200);
    expect((r.body.data as { result: { value: [number, string] }[] }).result[0].value[1]).toBe('2');
    expect(r.body.warnings).toHaveLength(1);
    expect(r.body.warnings![0]).toContain(`node-1 (${host})`);

    const strict = await serve({ spec: spec([{ url: ok.url }, { url: dead }], { partialPolicy: 'strict' }) });
    const e = await api(strict.url, '/api/v1/query', { query: 'count(up)' });
    expect(e.status).toBe(503);
    expect(e.body).toMatchObject({ status: 'error', errorType: 'unavailable' });
    expect(e.body.error).toContain(host);
    const labels = await api(strict.url, '/api/v1/labels', {});
    expect(labels.status).toBe(503);
    expect(labels.body.error).toContain(host);
  });

  it('more samples than --max-samples: execution 422 with Prometheus’s sentence', async () => {
    const n = await node();
    const s = await serve({ spec: spec([{ url: n.url }]), maxSamples: 100 });
    const r = await api(s.url, '/api/v1/query', { query: 'up[1h]' });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory in query execution' });
    expect((await api(s.url, '/api/v1/query', { query: 'up' })).status).toBe(200);
  });

  it('the concurrency gate turns away what it cannot queue with unavailable 503', async () => {
    const slow = await node({ fault: { kind: 'slow', delayMs: 400 } });
    const s = await serve({ spec: spec([{ url: slow.url }]), gate: { maxConcurrent: 1, maxQueued: 0 } });
    const [a, b] = await Promise.all([api(s.url, '/api/v1/query', { query: 'up' }), api(s.url, '/api/v1/query', { query: 'count(up)' })]);
    expect([a.status, b.status].sort()).toEqual([200, 503]);
    const refused = a.status === 503 ? a : b;
    expect(refused.body).toMatchObject({ status: 'error', errorType: 'unavailable' });
  });

  it('stats, probes, build info, metadata, exemplars, unknown paths and wrong methods', async () => {
    const n = await node();
    const s = await serve({ spec: spec([{ url: n.url }], { compat: 'prometheus2' }) });
    const stats = await api(s.url, '/api/v1/query', { query: 'up', stats: 'all' });
    expect((stats.body.data as { stats: { timings: Record<string, number>; samples: Record<string, number> } }).stats.timings).toHaveProperty('execTotalTime');
    for (const [path, text] of [
      ['/-/ready', 'Prometheus Server is Ready.\n'],
      ['/-/healthy', 'Prometheus Server is Healthy.\n'],
    ]) {
      const res = await fetch(s.url + path);
      expect([res.status, await res.text()]).toEqual([200, text]);
    }
    expect((await api(s.url, '/api/v1/status/buildinfo')).body).toMatchObject({ status: 'success', data: { version: '2.42.0' } });
    expect((await api(s.url, '/api/v1/metadata')).body).toEqual({ status: 'success', data: {} });
    expect((await api(s.url, '/api/v1/query_exemplars', { query: 'up' })).body).toEqual({ status: 'success', data: [] });
    expect((await fetch(`${s.url}/api/v1/nope`)).status).toBe(404);
    expect((await fetch(`${s.url}/api/v1/metadata`, { method: 'POST' })).status).toBe(405);
    const series = await api(s.url, '/api/v1/series', {});
    expect([series.status, series.body.error]).toEqual([400, 'no match[] parameter provided']);
    const limited = await api(s.url, '/api/v1/query', { query: 'up', limit: '1' });
    expect((limited.body.data as { result: unknown[] }).result).toHaveLength(1);
    expect(limited.body.warnings).toEqual(['results truncated due to limit']);
    const values = await api(s.url, '/api/v1/label/instance/values', {});
    expect(values.body).toMatchObject({ status: 'success', data: ['a', 'b'] });
    expect(values.body.warnings?.[0]).toMatch(/limited to the 1h before its end/);
  });

  it('without a token, a Host header that is not a loopback name is refused (DNS rebinding)', async () => {
    const n = await node();
    const s = await serve({ spec: spec([{ url: n.url }]) });
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${s.url}/api/v1/status/buildinfo`, { headers: { host: 'attacker.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('secrets of the cluster never appear in answers or log lines', async () => {
    const password = 'S3cret-pw-4711';
    const wrong = 'Wr0ng-pw-0815';
    const guarded = await node({ auth: { basic: { username: 'rrx', password } } });
    const urlWithUserinfo = guarded.url.replace('http://', `http://rrx:${wrong}@`);
    const lines: string[] = [];
    const s = await serve({
      spec: spec([{ url: guarded.url, basicAuth: { username: 'rrx', password } }, { url: guarded.url.replace('/api/v1/read', '/other'), basicAuth: { username: 'rrx', password: wrong } }, { url: urlWithUserinfo }]),
      onRequest: (r) => lines.push(JSON.stringify(r)),
    });
    const bodies = [
      await api(s.url, '/api/v1/query', { query: 'up' }),
      await api(s.url, '/api/v1/labels', {}),
      await api(s.url, '/api/v1/series', { 'match[]': 'up' }),
      await api(s.url, '/api/v1/query', { query: 'up', node: 'node-2' }),
    ].map((r) => JSON.stringify(r.body));
    expect(bodies[0]).toContain('warnings');
    for (const text of [...bodies, ...lines]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(wrong);
    }
  });
});

describe('rrx serve-api', () => {
  async function start(args: string[]): Promise<{ stdout: () => string; stderr: () => string; done: Promise<number>; stop: () => void; url: () => Promise<string> }> {
    let out = '';
    let err = '';
    const ac = new AbortController();
    const done = runCli(['serve-api', ...args], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: process.env, cwd: process.cwd(), signal: ac.signal });
    const url = async (): Promise<string> => {
      for (let i = 0; i < 100 && !/listening on (\S+)/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      const m = /listening on (\S+)/.exec(out);
      if (!m) throw new Error(`no start-up line: ${out} ${err}`);
      return m[1];
    };
    return { stdout: () => out, stderr: () => err, done, stop: () => ac.abort(), url };
  }

  it('refuses a non-loopback --listen without --token-file (exit 2, one sentence)', async () => {
    const n = await node();
    const r = await start(['--endpoint', n.url, '--listen', '0.0.0.0:0']);
    expect(await r.done).toBe(2);
    expect(r.stderr()).toMatch(/^rrx serve-api: --listen 0\.0\.0\.0:0 is not a loopback address, so --token-file is required[^\n]*\n$/);
  });

  it('with --token-file on 0.0.0.0: 401 without the token, 200 with it; Ctrl+C stops it (exit 0)', async () => {
    const n = await node();
    const dir = mkdtempSync(join(tmpdir(), 'rrx-serve-api-'));
    const token = 'tok-' + 'x'.repeat(20);
    writeFileSync(join(dir, 'token'), `${token}\n`);
    const r = await start(['--endpoint', n.url, '--listen', '0.0.0.0:0', '--token-file', join(dir, 'token')]);
    const url = (await r.url()).replace('0.0.0.0', '127.0.0.1');
    expect(r.stdout()).toContain('bearer token required');
    expect(r.stdout()).not.toContain(token);
    try {
      expect((await api(url, '/api/v1/query', { query: 'up' })).status).toBe(401);
      expect((await api(url, '/api/v1/query', { query: 'up' }, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await fetch(`${url}/-/ready`)).status).toBe(401);
      const ok = await api(url, '/api/v1/query', { query: 'count(up)' }, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('success');
    } finally {
      r.stop();
    }
    expect(await r.done).toBe(0);
  });

  it('on loopback by default: prints the URL and serves without a token', async () => {
    const n = await node();
    const r = await start(['--endpoint', n.url, '--listen', '127.0.0.1:0', '--compat', 'prometheus2']);
    const url = await r.url();
    expect(r.stdout()).toMatch(/^rrx serve-api: listening on http:\/\/127\.0\.0\.1:\d+ \(no token required, loopback only\)/);
    try {
      expect((await api(url, '/api/v1/status/buildinfo')).body).toMatchObject({ data: { version: '2.42.0' } });
    } finally {
      r.stop();
    }
    expect(await r.done).toBe(0);
  });
});

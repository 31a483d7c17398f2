// Reliability of `rrx serve-api` as a real process (the built bundle, evaluating in worker threads) over a real
// Prometheus 2.42 node: queries that would wedge it end within their bound with the named error while
// /-/healthy keeps answering; a closed request frees its slot; SIGTERM stops it mid-query; web pages are refused
// while curl- and Grafana-like clients work; bad input gets Prometheus's own status and error.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE, buildNodeBundles } from '../../helpers/built-cli';
import { freePort } from '../../helpers/free-port';
import { spawnPeer, type PeerProcess } from '../../helpers/peer-process';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { api } from './api-client';

let prom: PrometheusServer;
let rrx: PeerProcess;
let base = '';

async function startServeApi(extra: string[] = []): Promise<{ peer: PeerProcess; url: string }> {
  const port = await freePort();
  const peer = await spawnPeer({
    command: process.execPath,
    args: [CLI_BUNDLE, 'serve-api', '--endpoint', prom.readUrl, '--listen', `127.0.0.1:${port}`, ...extra],
    readyLine: /listening on http/,
    label: 'rrx serve-api',
  });
  return { peer, url: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  buildNodeBundles();
  prom = await startPrometheus();
  // Some self-scrapes, so `up` has samples.
  await new Promise((r) => setTimeout(r, 2500));
  // One query slot: a query whose evaluation was not really stopped would keep it and starve the next one.
  ({ peer: rrx, url: base } = await startServeApi(['--max-concurrent', '1']));
}, 120_000);

afterAll(async () => {
  await rrx?.stop();
  await prom?.stop();
});

// Minutes of evaluation whatever the data (3.6 M steps, each summing a 60 000-point window), yet within every
// limit: the kind of query that must never hold the process.
const HEAVY = 'sum_over_time(sum_over_time(vector(1)[1m:1ms])[1h:1ms])';

async function healthy(): Promise<number> {
  const r = await fetch(`${base}/-/healthy`, { signal: AbortSignal.timeout(5000) });
  return r.status;
}

describe('serve-api under hostile queries (real process, real Prometheus)', () => {
  it('max_over_time(up[100y:1ms]) ends at once with the subquery-step limit error', async () => {
    const t0 = Date.now();
    const r = await api(base, '/api/v1/query', { query: 'max_over_time(up[100y:1ms])' });
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(r.status).toBe(422);
    expect(r.body.errorType).toBe('execution');
    expect(r.body.error).toMatch(/^exceeded maximum of 11,000,000 steps per subquery/);
    expect(await healthy()).toBe(200);
  });

  it('a heavy query ends at its timeout with Prometheus’s error while /-/healthy keeps answering', async () => {
    let finished = false;
    const heavy = api(base, '/api/v1/query', { query: HEAVY, timeout: '4s' }).finally(() => (finished = true));
    await new Promise((r) => setTimeout(r, 800));
    const probes: number[] = [];
    for (let i = 0; i < 5; i++) probes.push(await healthy());
    expect(finished).toBe(false); // the probes were answered while the query ran
    expect(probes).toEqual([200, 200, 200, 200, 200]);
    const t0 = Date.now();
    const r = await heavy;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' });
  });

  it('a client that hangs up stops its evaluation: the one query slot is free at once', async () => {
    const c = new AbortController();
    const gone = fetch(`${base}/api/v1/query?${new URLSearchParams({ query: HEAVY })}`, { signal: c.signal }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 800));
    c.abort();
    expect(await gone).toBe('aborted');
    const t0 = Date.now();
    const r = await api(base, '/api/v1/query', { query: 'count(up)' });
    expect(r.status).toBe(200);
    // Had the heavy evaluation kept running, this query would have waited in line and been turned away.
    expect(Date.now() - t0).toBeLessThan(8_000);
  });

  it('requests a web page sent are refused; curl-, Grafana- and same-origin requests work', async () => {
    const form = { query: 'count(up)' };
    const evil = await api(base, '/api/v1/query', form, { post: true, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' } });
    expect(evil.status).toBe(403);
    expect(evil.body.error).toContain('requests sent by web pages are refused');
    expect((await api(base, '/api/v1/query', form, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await api(base, '/api/v1/query', form, { post: true, headers: { origin: 'null' } })).status).toBe(403);
    expect((await api(base, '/api/v1/query', form, { headers: { origin: 'http://localhost:3000' } })).status).toBe(403);
    // curl / promtool: no browser headers at all.
    expect((await api(base, '/api/v1/query', form)).status).toBe(200);
    // Grafana's server-side datasource proxy: a form POST with its own user agent, no Origin.
    const grafana = await api(base, '/api/v1/query_range', { query: 'up', start: String(Date.now() / 1000 - 60), end: String(Date.now() / 1000), step: '15' }, { post: true, headers: { 'user-agent': 'Grafana/11.0.0', 'x-grafana-org-id': '1' } });
    expect(grafana.status).toBe(200);
    // The URL typed into the address bar, and a page served from this very address.
    expect((await api(base, '/api/v1/query', form, { headers: { 'sec-fetch-site': 'none' } })).status).toBe(200);
    expect((await api(base, '/api/v1/query', form, { headers: { origin: base, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });

  it('invalid UTF-8, too many points and deep nesting: the status and error real Prometheus gives', async () => {
    const raw = async (root: string, pathAndQuery: string): Promise<{ status: number; body: string }> => {
      const res = await fetch(root + pathAndQuery);
      return { status: res.status, body: await res.text() };
    };
    const cases = [
      '/api/v1/query?query=up%7Bjob%3D%22%FF%22%7D',
      '/api/v1/query?query=up%7Bjob%3D~%22a%FFb%22%7D',
      '/api/v1/query?query=up%FF',
      `/api/v1/query_range?query=up&start=0&end=${11_001 * 15}&step=15`,
    ];
    for (const c of cases) {
      const ours = await raw(base, c);
      const theirs = await raw(prom.baseUrl, c);
      expect({ c, status: ours.status, body: JSON.parse(ours.body) }).toEqual({ c, status: theirs.status, body: JSON.parse(theirs.body) });
    }
    const deep = await api(base, '/api/v1/query', { query: '('.repeat(5000) + 'up' + ')'.repeat(5000) }, { post: true });
    expect(deep.status).toBe(400);
    expect(deep.body.error).toMatch(/^invalid parameter "query": 1:\d+: parse error: expression nesting too deep/);
    const chain = await api(base, '/api/v1/query', { query: Array.from({ length: 5000 }, () => 'up').join(' or ') }, { post: true });
    expect(chain.status).toBe(400);
    expect(chain.body.error).toContain('parse error: expression nesting too deep');
    expect(await healthy()).toBe(200);
  });

  it('a 1 MB GET URL gets 414, not a reset connection', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${base}/api/v1/query?query=${'a'.repeat(1 << 20)}`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    });
    expect(status).toBe(414);
    expect(await healthy()).toBe(200);
  });

  it('SIGTERM stops the process within a few seconds while a heavy query runs', async () => {
    const { peer, url } = await startServeApi();
    const pending = fetch(`${url}/api/v1/query?${new URLSearchParams({ query: HEAVY })}`).then((r) => r.status, () => 'connection closed');
    await new Promise((r) => setTimeout(r, 800));
    const t0 = Date.now();
    process.kill(peer.pid, 'SIGTERM');
    const code = await Promise.race([peer.exited, new Promise((r) => setTimeout(() => r('still running'), 5000))]);
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect([503, 'connection closed']).toContain(await pending);
    await peer.stop(); // no-op when gone; kills it if the assertion above failed
  });
});


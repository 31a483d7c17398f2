// The streamed JSON answers of serve-api and `rrx query --format json` against Prometheus 2.42's own bytes: one real
// Prometheus is both the remote_read node and the reference, and the queries are ones whose values are
// deterministic (raw samples, exact scaling into exponent form), so the two bodies must be equal byte for byte —
// including a multi-megabyte answer that serve-api sends chunked, gzipped or not.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { startQueryApiServer, type QueryApiServer } from '@core/serve-api';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { rrx } from '../../helpers/run-cli';

let prom: PrometheusServer;
let server: QueryApiServer;
let endS: number;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** GET with a chosen Accept-Encoding, the body decompressed by hand (so the test sees what went over the wire). */
function get(base: string, path: string, params: Record<string, string>, gzip: boolean): Promise<RawAnswer> {
  const url = new URL(`${base}${path}?${new URLSearchParams(params)}`);
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: gzip ? { 'accept-encoding': 'gzip' } : {} }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => {
        const body = Buffer.concat(parts);
        const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  prom = await startPrometheus();
  await new Promise((r) => setTimeout(r, 14_000));
  endS = Math.floor(Date.now() / 1000) - 3;
  const spec: ClusterSpec = {
    name: 'one',
    nodes: [{ index: 0, name: 'prom', endpoint: { url: prom.readUrl } }],
    strategy: 'union',
    partialPolicy: 'partial',
    timeoutMs: 30_000,
    compat: 'prometheus2',
  };
  server = await startQueryApiServer({ spec, listen: '127.0.0.1:0' });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await prom?.stop();
});

// Raw gauges and counters (integers, decimals), and exact scalings into Go's exponent forms ("1e+22", "…e-09").
const QUERIES = ['up', 'prometheus_tsdb_head_series', 'process_resident_memory_bytes', 'process_cpu_seconds_total', 'up * 1e22', 'scrape_samples_scraped / 1e12'];

describe('streamed JSON is byte-identical to Prometheus 2.42', () => {
  it('range and instant answers of serve-api', async () => {
    for (const query of QUERIES) {
      const range = { query, start: String(endS - 10), end: String(endS), step: '1' };
      const [ours, theirs] = await Promise.all([get(server.url, '/api/v1/query_range', range, false), get(prom.baseUrl, '/api/v1/query_range', range, false)]);
      expect(theirs.status, query).toBe(200);
      expect(ours.text, query).toBe(theirs.text);
      // Sub-second times: Prometheus writes "….250" for points, a float for scalars.
      const instant = { query, time: (endS - 0.25).toFixed(3) };
      const [oi, ti] = await Promise.all([get(server.url, '/api/v1/query', instant, false), get(prom.baseUrl, '/api/v1/query', instant, false)]);
      expect(oi.text, query).toBe(ti.text);
    }
  });

  it('scalars, strings and range-vector answers at sub-second times', async () => {
    for (const query of ['scalar(up)', '"text"', 'up[5s]', '1.5e-7', 'vector(time())']) {
      for (const time of [(endS - 0.23).toFixed(3), (endS - 0.5).toFixed(3), String(endS)]) {
        const [ours, theirs] = await Promise.all([get(server.url, '/api/v1/query', { query, time }, false), get(prom.baseUrl, '/api/v1/query', { query, time }, false)]);
        expect(theirs.status, query).toBe(200);
        expect(ours.text, `${query} at ${time}`).toBe(theirs.text);
      }
    }
  });

  it('a multi-megabyte answer goes out chunked, plain and gzipped, with the same bytes', async () => {
    const params = { query: '{__name__=~"go_.*|process_.*|prometheus_tsdb_.*|prometheus_http_request.*"}', start: String(endS - 12), end: String(endS), step: '0.01' };
    const theirs = await get(prom.baseUrl, '/api/v1/query_range', params, false);
    expect(theirs.text.length).toBeGreaterThan(1 << 20);
    for (const gzip of [false, true]) {
      const ours = await get(server.url, '/api/v1/query_range', params, gzip);
      expect(ours.headers['transfer-encoding']).toBe('chunked');
      expect(ours.headers['content-length']).toBeUndefined();
      expect(ours.headers['content-encoding']).toBe(gzip ? 'gzip' : undefined);
      expect(ours.text === theirs.text, `${ours.text.length} vs ${theirs.text.length} characters`).toBe(true);
    }
  });

  it('`rrx query --format json` prints the same bytes and a newline', async () => {
    for (const query of [...QUERIES.slice(0, 3), 'up * 1e22']) {
      const params = { query, start: String(endS - 10), end: String(endS), step: '1' };
      const theirs = await get(prom.baseUrl, '/api/v1/query_range', params, false);
      const run = await rrx(['query', '--endpoint', prom.readUrl, '--compat', 'prometheus2', '--expr', query, '--start', params.start, '--end', params.end, '--step', '1s', '--format', 'json']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout, query).toBe(theirs.text + '\n');
    }
  });
});

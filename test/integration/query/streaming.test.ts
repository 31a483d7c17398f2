// Streaming evaluation against real Prometheus 2.42: two collectors hold the same generated series (B with a
// planted 5-minute gap), a third Prometheus reads both over remote_read (the seed's 9090). For the queries the issue
// names, the streamed answer (merged and evaluated while the frames arrive) must equal today's snapshot path and the
// 9090's own API digit for digit; over 1 200 series it must hold a small fraction of the raw bytes it read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPrometheusApiJson } from '@core/promql/engine/api-json';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { toEngineResult } from '@core/query/evaluate';
import { readAndEvaluate } from '@core/query/read-and-evaluate';
import { evaluateSnapshot, readForQuery } from '@core/query/run-cluster-query';
import type { RawSeries } from '@core/series/types';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { remoteWrite } from '../../helpers/remote-write';
import { rrx } from '../../helpers/run-cli';
import { spawnRrx } from '../../helpers/rrx-process';
import { prng } from '../../helpers/series-fixtures';

const SERIES = 1200;
const NO_SCRAPES = 'global:\n  scrape_interval: 15s\n';

function dataset(startMs: number, endMs: number, gap?: [number, number]): RawSeries[] {
  const out: RawSeries[] = [];
  for (let i = 0; i < SERIES; i++) {
    const rnd = prng(1000 + i);
    const ts: number[] = [];
    const vs: number[] = [];
    let c = Math.floor(rnd() * 1000);
    const phase = Math.floor(rnd() * 15) * 1000;
    for (let t = startMs + phase; t < endMs; t += 15_000) {
      c = rnd() < 0.005 ? 0 : c + Math.floor(rnd() * 50) + rnd(); // counter with rare resets, fractional steps
      if (gap && t >= gap[0] && t < gap[1]) continue;
      ts.push(t);
      vs.push(c);
    }
    out.push({ labels: { __name__: 'm', instance: `host-${i % 40}`, x: `x${i % 7}`, shard: String(i) }, timestamps: Float64Array.from(ts), values: Float64Array.from(vs) });
  }
  return out;
}

async function pushInChunks(p: PrometheusServer, series: RawSeries[]): Promise<void> {
  for (let i = 0; i < series.length; i += 200) await remoteWrite(p.baseUrl, series.slice(i, i + 200));
}

describe('streaming evaluation against two real Prometheus 2.42 collectors and the 9090', () => {
  let a: PrometheusServer;
  let b: PrometheusServer;
  let q: PrometheusServer;
  let startS: number;
  let spec: ClusterSpec;

  beforeAll(async () => {
    const opts = { configYaml: NO_SCRAPES, extraArgs: ['--web.enable-remote-write-receiver'] };
    [a, b] = await Promise.all([startPrometheus({ ...opts, label: 'collector A' }), startPrometheus({ ...opts, label: 'collector B' })]);
    const startMs = Math.floor((Date.now() - 45 * 60_000) / 60_000) * 60_000;
    const endMs = startMs + 40 * 60_000;
    await pushInChunks(a, dataset(startMs, endMs));
    await pushInChunks(b, dataset(startMs, endMs, [startMs + 15 * 60_000, startMs + 20 * 60_000]));
    const remote = [a, b].map((p) => `  - url: ${p.readUrl}\n    read_recent: true\n`).join('');
    q = await startPrometheus({ configYaml: `${NO_SCRAPES}remote_read:\n${remote}`, label: 'the 9090' });
    startS = startMs / 1000;
    spec = {
      name: 'streaming',
      nodes: [a, b].map((p, index) => ({ index, name: index ? 'b' : 'a', endpoint: { url: p.readUrl } })),
      strategy: 'union',
      partialPolicy: 'partial',
      timeoutMs: 60_000,
      compat: 'prometheus2',
    };
  }, 180_000);
  afterAll(async () => Promise.all([a?.stop(), b?.stop(), q?.stop()]));

  async function promApi(path: string, params: Record<string, string>): Promise<unknown> {
    const r = await fetch(`${q.baseUrl}${path}`, { method: 'POST', body: new URLSearchParams(params), signal: AbortSignal.timeout(60_000) });
    return r.json();
  }

  const QUERIES = ['sum by (x) (rate(m[5m]))', 'avg(m)', 'max_over_time(m[10m])'];

  for (const expr of QUERIES)
    it(`${expr}: streamed = today's snapshot path = the 9090, range and instant`, async () => {
      for (const frame of [
        { startMs: (startS + 600) * 1000, endMs: (startS + 2400) * 1000, stepMs: 60_000 },
        { startMs: (startS + 1137.5) * 1000, endMs: (startS + 1137.5) * 1000, stepMs: 0 },
      ]) {
        const input = { expr, frame };
        const streamed = await readAndEvaluate(spec, input);
        expect(streamed.result.evaluation?.path, expr).toBe('streaming');
        expect(streamed.snapshot).toBeUndefined();
        const { ast, snapshot } = await readForQuery(spec, input);
        const today = evaluateSnapshot(spec, ast, input, snapshot);
        const json = (r: typeof today) => toPrometheusApiJson(toEngineResult(r.merged, frame.endMs));
        expect(json(streamed.result)).toEqual(json(today));

        const range = frame.stepMs > 0;
        const prom = range
          ? await promApi('/api/v1/query_range', { query: expr, start: String(frame.startMs / 1000), end: String(frame.endMs / 1000), step: '60' })
          : await promApi('/api/v1/query', { query: expr, time: String(frame.startMs / 1000) });
        const cli = await rrx(
          ['query', '--endpoint', a.readUrl, '--endpoint', b.readUrl, '--compat', 'prometheus2', '--format', 'json', '--mode', 'local', '--expr', expr,
            ...(range ? ['--start', String(frame.startMs / 1000), '--end', String(frame.endMs / 1000), '--step', '60s'] : ['--time', String(frame.startMs / 1000)])],
        );
        expect(cli.code, cli.stderr).toBe(0);
        expect(cli.stderr).toContain('streamed');
        const sortResult = (x: unknown) => x; // both sides answer in label order already (matrix) or evaluation order (vector)
        expect(sortResult(JSON.parse(cli.stdout))).toEqual(sortResult(prom));
        expect((JSON.parse(cli.stdout) as { data: { result: unknown[] } }).data.result.length).toBeGreaterThan(0);
      }
    }, 120_000);

  it('sum(rate(m[5m])) over 1 200 series holds a small fraction of the raw bytes read', async () => {
    const input = { expr: 'sum(rate(m[5m]))', frame: { startMs: startS * 1000, endMs: (startS + 2400) * 1000, stepMs: 15_000 } };
    // A small backpressure bound, so neither node can run far ahead of the other on this small read.
    const { result } = await readAndEvaluate(spec, input, { aheadLimitBytes: 256 * 1024 });
    const e = result.evaluation!;
    expect(e.path).toBe('streaming');
    // Both nodes' raw samples went through (~1 200 series × 160 samples × 2 nodes × 16 bytes ≈ 6 MB) …
    expect(e.rawBytes!).toBeGreaterThan(5_000_000);
    // … but only a batch of series (≤ 256 K samples) and what one node streamed ahead was held at once.
    expect(e.peakHeldBytes!).toBeLessThan(e.rawBytes! / 3);
    const snapshotPath = await readAndEvaluate(spec, input, { noStreaming: true });
    expect(snapshotPath.result.evaluation).toMatchObject({ path: 'snapshot', reason: 'streaming is switched off' });
    expect(toPrometheusApiJson(toEngineResult(result.merged, 0))).toEqual(toPrometheusApiJson(toEngineResult(snapshotPath.result.merged, 0)));
  }, 120_000);

  it('a child rrx process streams through its evaluation worker: the same answer as the 9090', async () => {
    const expr = 'sum by (x) (rate(m[5m]))';
    const [start, end] = [String(startS + 600), String(startS + 2400)];
    const child = await spawnRrx(['query', '--endpoint', a.readUrl, '--endpoint', b.readUrl, '--compat', 'prometheus2', '--format', 'json', '--mode', 'local', '--expr', expr, '--start', start, '--end', end, '--step', '60s'], { killAfterMs: 60_000 });
    const done = await child.done;
    expect(done.code, child.stderr()).toBe(0);
    expect(child.stderr()).toContain('streamed');
    const prom = await promApi('/api/v1/query_range', { query: expr, start, end, step: '60' });
    expect(JSON.parse(child.stdout())).toEqual(prom);
  }, 120_000);

  it('a query that needs every series at once says why it took the snapshot path', async () => {
    const input = { expr: 'topk(3, rate(m[5m]))', frame: { startMs: (startS + 600) * 1000, endMs: (startS + 900) * 1000, stepMs: 60_000 } };
    const { result, snapshot } = await readAndEvaluate(spec, input);
    expect(result.evaluation).toMatchObject({ path: 'snapshot', reason: expect.stringContaining('topk') });
    expect(snapshot).toBeDefined();
  }, 60_000);
});

// The memory budget against a real Prometheus 2.42 holding 2 000 series × 40 min at 1 s (4.8 M samples): `rrx query`
// (its own process) under a small --max-memory stops early with exit 1 and the sentence naming the budget and the
// selector that pulled the most, its peak RSS (from /proc) well under the full read's; under a sufficient budget the
// same query answers exactly as Prometheus does; `rrx serve-api` answers a query over its own budget with 422
// `execution`, refuses queries that together cross its process budget with 503 `unavailable`, and stays up.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/free-port';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { remoteWrite } from '../../helpers/remote-write';
import { spawnRrx, type RrxProcess } from '../../helpers/rrx-process';
import type { RawSeries } from '@core/series/types';

const MiB = 1024 * 1024;
const SERIES = 2000;
const STEP_MS = 1000;
const MINUTES = 40;
const SAMPLES = (MINUTES * 60_000) / STEP_MS;
const NO_SCRAPES = 'global:\n  scrape_interval: 15s\n';
const EXPR = 'sum(rate(big_metric[1m])) / on() sum(small_metric)';

let prom: PrometheusServer;
let startS: number;
let endS: number;

function series(name: string, k: number, startMs: number): RawSeries {
  const ts = new Float64Array(SAMPLES);
  const vs = new Float64Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    ts[i] = startMs + i * STEP_MS;
    vs[i] = i * (1 + (k % 7)) + k;
  }
  return { labels: { __name__: name, instance: `host-${k}`, job: 'budget' }, timestamps: ts, values: vs };
}

beforeAll(async () => {
  prom = await startPrometheus({ configYaml: NO_SCRAPES, extraArgs: ['--web.enable-remote-write-receiver'], label: 'budget prometheus' });
  // In the recent past, so the head accepts it; written in batches to keep each request (and this process) small.
  const startMs = Math.floor((Date.now() - (MINUTES + 2) * 60_000) / 60_000) * 60_000;
  await remoteWrite(prom.baseUrl, [0, 1, 2].map((k) => series('small_metric', k, startMs)));
  for (let k = 0; k < SERIES; k += 100) {
    await remoteWrite(prom.baseUrl, Array.from({ length: 100 }, (_, j) => series('big_metric', k + j, startMs)));
  }
  startS = startMs / 1000 + 120;
  endS = startMs / 1000 + MINUTES * 60 - 1;
}, 240_000);

afterAll(async () => prom?.stop());

const range = (from = startS, to = endS) => ['--start', String(from), '--end', String(to), '--step', '60'];
const host = () => `127.0.0.1:${prom.port}`;

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; peak: number }> {
  const p = await spawnRrx(args, { killAfterMs: 110_000 });
  const r = await p.done;
  return { code: r.code, stdout: p.stdout(), stderr: p.stderr(), peak: p.peakRss() };
}

describe('the memory budget against real Prometheus 2.42', () => {
  it('rrx query: a small --max-memory stops early naming the selector; a sufficient one answers as Prometheus does', async () => {
    // What the process takes for a query that reads next to nothing: Node, the bundle, the eval worker.
    const idle = await run(['query', '--endpoint', prom.readUrl, '--expr', 'sum(small_metric)', ...range(), '--compat', 'prometheus2']);
    expect(idle.code, idle.stderr).toBe(0);

    const full = await run(['query', '--endpoint', prom.readUrl, '--expr', EXPR, ...range(), '--compat', 'prometheus2', '--max-memory', '2GiB']);
    expect(full.code, full.stderr).toBe(0);
    const want = await fetch(`${prom.baseUrl}/api/v1/query_range`, {
      method: 'POST',
      body: new URLSearchParams({ query: EXPR, start: String(startS), end: String(endS), step: '60' }),
      signal: AbortSignal.timeout(60_000),
    }).then((r) => r.json());
    expect(JSON.parse(full.stdout)).toEqual(want);

    const small = await run(['query', '--endpoint', prom.readUrl, '--expr', EXPR, ...range(), '--compat', 'prometheus2', '--max-memory', '16MiB']);
    expect(small.code).toBe(1);
    const m = /^rrx query: the query needs more than the memory budget of 16 MiB; `big_metric` alone pulled (\d+(?:\.\d)?) (k|M) samples from (\S+) before it stopped — narrow the range, raise --max-memory, or push the query down\n$/.exec(
      small.stderr,
    );
    expect(m, small.stderr).not.toBeNull();
    expect(m![3]).toBe(host());
    // Stopped at the budget (16 MiB ÷ 32 B a sample = 524 k samples), not after reading the 4.8 M there are.
    const pulled = Number(m![1]) * (m![2] === 'M' ? 1e6 : 1e3);
    expect(pulled).toBeGreaterThan(400_000);
    expect(pulled).toBeLessThan(1_000_000);
    expect(JSON.parse(small.stdout)).toMatchObject({ status: 'error', errorType: 'execution' });
    // Its memory stays near the idle process, well under what the full read took on top of it.
    console.log(`peak RSS: idle ${Math.round(idle.peak / MiB)} MiB, full read ${Math.round(full.peak / MiB)} MiB, 16 MiB budget ${Math.round(small.peak / MiB)} MiB`);
    expect(full.peak - idle.peak).toBeGreaterThan(100 * MiB);
    expect(small.peak - idle.peak).toBeLessThan((full.peak - idle.peak) / 3);
  });

  it('rrx read, compare, snapshot and rules backtest are bounded by --max-memory too', async () => {
    const sentence = /the query needs more than the memory budget of 8\.0 MiB; `big_metric` alone pulled \d+ k samples from 127\.0\.0\.1:\d+ before it stopped/;
    const read = await run(['read', '--endpoint', prom.readUrl, '--match', 'big_metric', '--start', String(startS), '--end', String(endS), '--max-memory', '8MiB']);
    expect(read.code).toBe(1);
    expect(read.stderr).toMatch(sentence);
    const compare = await run(['compare', '--endpoint', prom.readUrl, '--expr', 'big_metric', '--start', String(startS), '--end', String(endS), '--max-memory', '8MiB']);
    expect(compare.code).toBe(1);
    expect(compare.stderr).toMatch(sentence);
    const dir = mkdtempSync(join(tmpdir(), 'rrx-budget-'));
    try {
      const out = join(dir, 'x.rrxw');
      const snap = await run(['snapshot', '--endpoint', prom.readUrl, '--expr', 'big_metric', ...range(), '--out', out, '--max-memory', '8MiB']);
      expect(snap.code).toBe(1);
      expect(snap.stderr).toMatch(sentence);
      expect(existsSync(out)).toBe(false);
      const rules = join(dir, 'rules.yml');
      writeFileSync(rules, 'groups:\n  - name: g\n    rules:\n      - record: big:rate1m\n        expr: sum(rate(big_metric[1m]))\n');
      const bt = await run(['rules', 'backtest', '--endpoint', prom.readUrl, '--rules', rules, '--start', String(startS), '--end', String(endS), '--max-memory', '8MiB']);
      expect(bt.code).toBe(1);
      expect(bt.stderr).toMatch(sentence);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('serve-api', () => {
    let server: RrxProcess;
    let base: string;

    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      // One query may hold 100 MiB; all running at once 160 MiB (a half-range query holds ~80 MiB).
      server = await spawnRrx(
        ['serve-api', '--endpoint', prom.readUrl, '--listen', `127.0.0.1:${port}`, '--max-memory', '100MiB', '--max-memory-total', '160MiB', '--cache-size', '1MiB', '--compat', 'prometheus2'],
        { killAfterMs: 200_000 },
      );
      for (let i = 0; i < 150 && !server.stdout().includes('listening on'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(server.stdout()).toContain('listening on');
    });
    afterAll(() => server?.kill('SIGKILL'));

    async function queryRange(expr: string, from: number, to: number): Promise<{ status: number; body: { status: string; errorType?: string; error?: string } }> {
      const res = await fetch(`${base}/api/v1/query_range`, {
        method: 'POST',
        body: new URLSearchParams({ query: expr, start: String(from), end: String(to), step: '60' }),
        signal: AbortSignal.timeout(90_000),
      });
      return { status: res.status, body: (await res.json()) as { status: string; errorType?: string; error?: string } };
    }

    it('answers a query over its own budget with 422 execution, naming the selector', async () => {
      const r = await queryRange(EXPR, startS, endS);
      expect(r.status).toBe(422);
      expect(r.body.errorType).toBe('execution');
      expect(r.body.error).toMatch(/^the query needs more than the memory budget of 100 MiB; `big_metric` alone pulled \d+(\.\d)? M samples from /);
    });

    it('refuses queries that together cross the process budget with 503, answers the others, and stays up', async () => {
      const half = Math.floor((endS - startS) / 2);
      // Different windows of the same size: nothing is shared through the cache (1 MiB anyway).
      const answers = await Promise.all([0, 1, 2, 3].map((k) => queryRange(EXPR, startS + k * 30, startS + k * 30 + half)));
      const statuses = answers.map((a) => a.status).sort();
      console.log(`concurrent statuses: ${statuses.join(', ')}`);
      const refused = answers.filter((a) => a.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      for (const a of refused) {
        expect(a.body.errorType).toBe('unavailable');
        expect(a.body.error).toMatch(/^the queries running at once need more than the process memory budget of 160 MiB \(\d queries running held \d+ MiB\); `big_metric` alone pulled .* — retry when fewer queries run, narrow the range, raise --max-memory-total, or push the query down$/);
      }
      expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
      for (const a of answers) expect([200, 503]).toContain(a.status);
      // Still up, and with the others gone a refused query now fits.
      expect((await fetch(`${base}/-/healthy`)).status).toBe(200);
      const again = await queryRange(EXPR, startS + 30, startS + 30 + half);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('success');
    });
  });
});

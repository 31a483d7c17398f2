// Reliability: `rrx serve-api` (its own process) under 50 concurrent clients while one real Prometheus replica is
// killed with SIGKILL and restarted. Every request gets an answer (200, partial with a warning naming the dead node,
// or 503 from the concurrency gate — never a reset), health keeps answering, the process stays within its cache
// budget plus the documented margin (RSS from /proc), Node never warns about listeners, and afterwards the answers
// are exactly Prometheus's again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { freePort } from '../../helpers/free-port';
import { procMemory, spawnRrx, type RrxProcess } from '../../helpers/rrx-process';

const MiB = 1024 * 1024;
const CACHE = 32 * MiB;
/**
 * Documented margin over the cache budget: Node itself (~60-80 MiB) plus the working sets of the 4 queries running,
 * plus the isolate of each of their evaluation worker threads (~24 MiB each; evaluation runs off the main thread).
 */
const MARGIN = 192 * MiB + 4 * 24 * MiB;
const CLIENTS = 50;
const PER_CLIENT = 3;

let cluster: TestCluster;
let rrx: RrxProcess;
let base: string;

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.waitForData(5);
  const port = await freePort();
  const [a, b] = cluster.collectors;
  rrx = await spawnRrx(['serve-api', '--endpoint', a.readUrl, '--endpoint', b.readUrl, '--listen', `127.0.0.1:${port}`, '--cache-size', '32MiB', '--timeout', '5s'], {
    killAfterMs: 240_000,
  });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !rrx.stdout().includes('listening on'); i++) await new Promise((r) => setTimeout(r, 100));
  expect(rrx.stdout()).toContain('listening on');
}, 120_000);

afterAll(async () => {
  rrx?.kill('SIGKILL');
  await cluster?.stop();
});

const EXPRS = [
  'sum by (mode) (rate(node_cpu_seconds_total[30s]))',
  'rate(node_network_receive_bytes_total[30s])',
  'up',
  'count by (__name__) ({__name__=~"node_(cpu|memory|network|disk).+"})',
  'max_over_time(node_memory_MemAvailable_bytes[1m])',
];

interface Answer {
  status: number;
  warnings: string[];
  error?: string;
}

async function query(i: number): Promise<Answer> {
  const end = Math.floor(Date.now() / 1000);
  const span = 30 + (i % 7) * 15; // different windows: different cache entries
  const params = new URLSearchParams({ query: EXPRS[i % EXPRS.length], start: String(end - span), end: String(end), step: '1' });
  try {
    const res = await fetch(`${base}/api/v1/query_range?${params}`, { signal: AbortSignal.timeout(30_000) });
    const body = (await res.json()) as { warnings?: string[]; error?: string };
    return { status: res.status, warnings: body.warnings ?? [], error: body.error };
  } catch (e) {
    return { status: 0, warnings: [], error: String(e) };
  }
}

/** 50 clients at once, each PER_CLIENT requests in turn; health probed every 100 ms meanwhile. */
async function storm(round: number): Promise<{ answers: Answer[]; slowestHealthMs: number; healthFailures: number }> {
  let stop = false;
  let slowestHealthMs = 0;
  let healthFailures = 0;
  const health = (async () => {
    while (!stop) {
      const t = performance.now();
      const ok = await fetch(`${base}/-/healthy`, { signal: AbortSignal.timeout(5000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!ok) healthFailures++;
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const answers = (
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const mine: Answer[] = [];
        for (let k = 0; k < PER_CLIENT; k++) mine.push(await query(round * 1000 + c * PER_CLIENT + k));
        return mine;
      }),
    )
  ).flat();
  stop = true;
  await health;
  return { answers, slowestHealthMs, healthFailures };
}

function expectAnswered(r: Awaited<ReturnType<typeof storm>>): void {
  const statuses = new Map<number, number>();
  for (const a of r.answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  console.log(`statuses ${JSON.stringify([...statuses])}; slowest /-/healthy ${Math.round(r.slowestHealthMs)} ms; RSS now ${Math.round(procMemory(rrx.pid).rss / MiB)} MiB, peak ${Math.round(rrx.peakRss() / MiB)} MiB`);
  for (const a of r.answers) expect([200, 503], a.error).toContain(a.status);
  expect(statuses.get(200) ?? 0).toBeGreaterThan(CLIENTS);
  expect(r.healthFailures).toBe(0);
  expect(r.slowestHealthMs).toBeLessThan(3000);
}

describe('serve-api under 50 clients with a node killed and restarted', () => {
  it('answers everything, names the dead node, recovers, and stays within its memory budget', async () => {
    const [a] = cluster.collectors;
    const aHost = `127.0.0.1:${a.port}`;

    expectAnswered(await storm(1));

    // kill -9 replica A in the middle of a storm.
    const during = storm(2);
    await new Promise((r) => setTimeout(r, 300));
    process.kill(a.pid(), 'SIGKILL');
    await a.stopProcess();
    const withDeadNode = await during;
    expectAnswered(withDeadNode);
    const after = await storm(3);
    expectAnswered(after);
    const partial = after.answers.filter((x) => x.status === 200 && x.warnings.some((w) => w.includes(aHost)));
    expect(partial.length).toBeGreaterThan(0);

    await a.start();
    await cluster.waitForData(1);
    const recovered = await storm(4);
    expectAnswered(recovered);
    expect(recovered.answers.filter((x) => x.status === 200 && x.warnings.length === 0).length).toBeGreaterThan(0);

    // Memory: the cache budget plus the documented margin; and no listener pile-up warning from Node.
    expect(rrx.peakRss()).toBeLessThan(CACHE + MARGIN);
    expect(rrx.stderr()).not.toMatch(/MaxListenersExceededWarning/);

    // Nothing lost: the merged answer is Prometheus's own again (count of `up` series, exact).
    const t = Math.floor(Date.now() / 1000) - 5;
    const mine = (await (await fetch(`${base}/api/v1/query?query=count(up)&time=${t}`)).json()) as { data: { result: { value: [number, string] }[] }; warnings?: string[] };
    const theirs = (await (await fetch(`${a.baseUrl}/api/v1/query?query=count(up)&time=${t}`)).json()) as { data: { result: { value: [number, string] }[] } };
    expect(mine.warnings ?? []).toEqual([]);
    expect(mine.data.result[0].value).toEqual(theirs.data.result[0].value);

    // And it stops cleanly on SIGTERM.
    rrx.kill('SIGTERM');
    const done = await rrx.done;
    expect(done.code).toBe(0);
  }, 200_000);
});

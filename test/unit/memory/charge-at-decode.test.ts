// The memory budget charged where samples are decoded: every kept float sample costs BYTES_PER_SAMPLE, a native
// histogram its buckets on top, under both response types; crossing the budget fails the query with the typed
// error naming the selector that pulled the most, and the nodes' reads stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramSeries, mulberry32 } from '@core/demo/histogram-data';
import { histogramBytes, BYTES_PER_SAMPLE } from '@core/memory/sizes';
import { MemoryBudgetError, QueryMemoryBudget } from '@core/memory/budget';
import { readForQuery } from '@core/query/run-cluster-query';
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { ResponseType } from '@core/remote-read/endpoint-config';
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import type { RawSeries } from '@core/series/types';

const T0 = 1_700_000_000_000;
const STEP = 15_000;
const N = 2_000;

function gauge(name: string, instance: string, seed: number): RawSeries {
  const ts = new Float64Array(N);
  const vs = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    ts[i] = T0 + i * STEP;
    vs[i] = seed + Math.sin(i / 10);
  }
  return { labels: { __name__: name, instance }, timestamps: ts, values: vs };
}

const big = Array.from({ length: 20 }, (_, k) => gauge('big_metric', `host-${k}`, k));
const small = [gauge('small_metric', 'host-0', 1)];
const hist = histogramSeries(mulberry32(5), { __name__: 'latency_seconds', job: 'api' }, { samples: 200, startMs: T0, stepMs: STEP, floatRate: 0 });
let a: RemoteReadServer;
let b: RemoteReadServer;

beforeAll(async () => {
  a = await startRemoteReadServer({ series: [...big, ...small, hist] });
  b = await startRemoteReadServer({ series: [...big, ...small, hist] });
});
afterAll(async () => {
  await a.close();
  await b.close();
});

function spec(type: ResponseType, maxMemoryBytes?: number): ClusterSpec {
  return {
    name: 't',
    nodes: [a, b].map((s, index) => ({ index, name: index ? 'prom-b' : 'prom-a', endpoint: { url: s.url, acceptedResponseTypes: [type] } })),
    strategy: 'union',
    partialPolicy: 'partial',
    timeoutMs: 30_000,
    compat: 'prometheus3',
    maxMemoryBytes,
  };
}
const frame = { startMs: T0 + 10 * 60_000, endMs: T0 + (N - 1) * STEP, stepMs: 60_000 };

describe.each<ResponseType>(['STREAMED_XOR_CHUNKS', 'SAMPLES'])('charging at decode (%s)', (type) => {
  it('charges exactly the kept samples of each selector, histograms by their buckets', async () => {
    const memory = new QueryMemoryBudget({ limitBytes: 1024 ** 3 });
    const { snapshot } = await readForQuery(spec(type), { expr: 'big_metric + on() group_left small_metric', frame }, { memory });
    let samples = 0;
    for (const o of snapshot.outcomes) for (const list of o.results) for (const s of list) samples += s.timestamps.length;
    expect(samples).toBeGreaterThan(2 * 21 * 1000);
    expect(memory.heldBytes).toBe(samples * BYTES_PER_SAMPLE);
    const top = memory.topSelector()!;
    expect(top.selector).toBe('big_metric');
    expect(top.sources.map((s) => s.source).sort()).toEqual(['prom-a', 'prom-b']);

    const hm = new QueryMemoryBudget({ limitBytes: 1024 ** 3 });
    const h = await readForQuery(spec(type), { expr: 'latency_seconds', frame: { startMs: T0, endMs: T0 + 199 * STEP, stepMs: 60_000 } }, { memory: hm });
    const got = h.snapshot.outcomes[0].results[0][0];
    let bytes = 0;
    for (const x of got.histograms!) if (x) bytes += histogramBytes(x);
    expect(bytes).toBeGreaterThan(0);
    expect(hm.heldBytes).toBe(2 * (got.timestamps.length * BYTES_PER_SAMPLE + bytes));
  });

  it('fails with the typed error naming the selector that pulled the most, before reading everything', async () => {
    const full = 2 * 21 * N * BYTES_PER_SAMPLE;
    const limit = Math.floor(full / 8);
    const err = await readForQuery(spec(type, limit), { expr: 'big_metric + on() group_left small_metric', frame }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MemoryBudgetError);
    const e = err as MemoryBudgetError;
    expect(e.scope).toBe('query');
    expect(e.limitBytes).toBe(limit);
    expect(e.top?.selector).toBe('big_metric');
    expect(e.heldBytes).toBeGreaterThan(limit);
    // It stopped at the chunk (or SAMPLES series) that crossed: nowhere near the full read.
    expect(e.heldBytes).toBeLessThan(limit + full / 4);
    expect(e.message).toMatch(/^the query needs more than the memory budget of \d+(\.\d)? KiB; `big_metric` alone pulled \d+(\.\d)? k samples from prom-a( and prom-b)? before it stopped — narrow the range, raise --max-memory, or push the query down$/);
  });
});

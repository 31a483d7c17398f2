// Evaluation in a worker thread (the bundled eval-worker entry, as the CLI, bridge and app run it): the same
// answer as inline, typed errors across the boundary, no endpoint in the job, and a cancel that ends a query deep
// inside a loop while the main thread's timers keep firing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeOutcome } from '@core/cluster/fanout/types';
import { QueryCanceledError, QueryError, QueryTimeoutError } from '@core/promql/engine/errors';
import { planSelectors } from '@core/promql/planner';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { makeJob } from '@core/query/eval-worker/job';
import { closeIdleEvalWorkers, evaluateOffThread, useEvalWorkers } from '@core/query/eval-worker/off-thread';
import type { RawSnapshot } from '@core/query/raw-snapshot';
import { evaluateSnapshot, parseQuery, type ClusterQueryInput } from '@core/query/run-cluster-query';
import type { RawSeries } from '@core/series/types';

const root = new URL('../../../', import.meta.url).pathname;
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rrx-eval-worker-'));
  await build({
    absWorkingDir: root,
    entryPoints: ['electron/core/query/eval-worker/entry.ts'],
    outfile: join(dir, 'eval-worker.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    alias: { '@core': './electron/core', '@shared': './shared' },
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    logLevel: 'warning',
  });
  useEvalWorkers(join(dir, 'eval-worker.mjs'));
}, 60_000);

afterAll(async () => {
  await closeIdleEvalWorkers();
  rmSync(dir, { recursive: true, force: true });
});

const NOW = 1_700_000_000_000;
const series = (instance: string): RawSeries => ({
  labels: { __name__: 'up', instance },
  timestamps: Float64Array.from({ length: 240 }, (_, i) => NOW - (239 - i) * 15_000),
  values: Float64Array.from({ length: 240 }, (_, i) => (i % 7 === 0 ? 0 : 1)),
});

const spec: ClusterSpec = {
  name: 't',
  nodes: [
    { index: 0, name: 'a', endpoint: { url: 'http://user:hunter2@127.0.0.1:1/api/v1/read', authorization: { credentials: 'tok-secret' } } },
    { index: 1, name: 'b', endpoint: { url: 'http://127.0.0.1:2/api/v1/read' } },
  ],
  strategy: 'union',
  partialPolicy: 'partial',
  timeoutMs: 10_000,
  compat: 'prometheus3',
};

function snapshotFor(expr: string, input: ClusterQueryInput): RawSnapshot {
  const requests = planSelectors(parseQuery(expr), { startMs: input.frame.startMs, endMs: input.frame.endMs, stepMs: input.frame.stepMs });
  const outcomes: NodeOutcome[] = spec.nodes.map((node) => ({
    node,
    host: new URL(node.endpoint.url).host,
    ok: true,
    results: requests.map(() => [series(node.name === 'a' ? 'x' : 'y')]),
    warnings: [],
    bytes: 0,
    series: 1,
    samples: 240,
    readMs: 1,
    fromCache: false,
  }));
  return { requests, outcomes, readAtMs: NOW };
}

function setup(expr: string, frame = { startMs: NOW - 1800_000, endMs: NOW, stepMs: 60_000 }) {
  const input: ClusterQueryInput = { expr, frame };
  return { ast: parseQuery(expr), input, snapshot: snapshotFor(expr, input) };
}

describe('evaluation in a worker thread', () => {
  it('answers exactly what inline evaluation answers, per node too', async () => {
    const { ast, input, snapshot } = setup('sum by (instance) (avg_over_time(up[5m]))');
    const inline = evaluateSnapshot(spec, ast, input, snapshot, { perNode: true });
    const off = await evaluateOffThread(spec, ast, input, snapshot, { perNode: true });
    expect(off.merged.series.length).toBe(2);
    expect(off.merged).toEqual(inline.merged);
    expect(off.perNode).toEqual(inline.perNode);
  });

  it('the job a worker receives carries no endpoint, URL credential or token', () => {
    const { ast, input, snapshot } = setup('up');
    const text = JSON.stringify(makeJob(spec, ast, input, snapshot, {}));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('tok-secret');
    expect(text).not.toContain('127.0.0.1:1/api');
  });

  it('engine errors come back typed: the subquery-step limit, parse-time types kept', async () => {
    const { ast, input, snapshot } = setup('max_over_time(up[100y:1ms])', { startMs: NOW, endMs: NOW, stepMs: 0 });
    const err = await evaluateOffThread(spec, ast, input, snapshot).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).errorType).toBe('execution');
    expect((err as Error).message).toMatch(/^exceeded maximum of 11,000,000 steps per subquery/);
  });

  it('a cancel ends a long evaluation at once while the main thread keeps running', async () => {
    // ~10 M inner steps over two series: seconds of work in the worker.
    const { ast, input, snapshot } = setup('count_over_time(up[2h:1ms])', { startMs: NOW, endMs: NOW, stepMs: 0 });
    const c = new AbortController();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    setTimeout(() => c.abort(new Error('user')), 300);
    const t0 = Date.now();
    const err = await evaluateOffThread(spec, ast, input, snapshot, { signal: c.signal, maxSubquerySteps: 20_000_000 }).catch((e: unknown) => e);
    clearInterval(ticker);
    expect(err).toBeInstanceOf(QueryCanceledError);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(ticks).toBeGreaterThan(5); // the main thread was free while the worker ran
  });

  it('the timeout ends it with Prometheus’s timeout error', async () => {
    const { ast, input, snapshot } = setup('count_over_time(up[2h:1ms])', { startMs: NOW, endMs: NOW, stepMs: 0 });
    const err = await evaluateOffThread(spec, ast, input, snapshot, { timeoutMs: 200, maxSubquerySteps: 20_000_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryTimeoutError);
    expect((err as Error).message).toBe('query timed out in expression evaluation');
  });
});

// The four ways the corpus is answered, each timed end to end on the same data: rrx as a fresh CLI process, rrx
// in-process (read + merge + evaluate, no cache), the seed's 9090 over remote_read, and a collector from its own TSDB.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluateSnapshot, readForQuery } from '@core/query/run-cluster-query';
import { answerQuery } from '@core/query/answer-modes';
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { EvaluatedResult } from '@shared/api/query-types';
import type { BenchCluster } from '../cluster/bench-cluster';
import { CORPUS_STEP_MS, type CorpusQuery } from './corpus';
import { profileOf, type QueryProfile } from './profile';

export type Method = 'rrxCold' | 'rrxWarm' | 'rrxPushdown' | 'rrxDelegate' | 'seed9090' | 'local';

export interface RangeArgs {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** One timed answer: wall time and the shape of the result (to show every method answered the same thing). */
export interface Timed {
  ms: number;
  series: number;
  points: number;
  /** rrx pushdown: whether the merged view came from the nodes' answers ('pushdown') or was evaluated locally. */
  merged?: 'pushdown' | 'local';
  /** rrx warm: where the time went, stage by stage. */
  profile?: QueryProfile;
  /** rrx pushdown and delegate: the merged answer, for checking against the 9090's (outside the timing). */
  result?: EvaluatedResult;
}

export type Runner = (q: CorpusQuery, r: RangeArgs) => Promise<Timed>;

const RRX_BIN = fileURLToPath(new URL('../../bin/rrx.mjs', import.meta.url));

interface ApiMatrix {
  status: string;
  error?: string;
  data?: { result: { values?: unknown[] }[] };
}

function shapeOf(body: string, who: string): { series: number; points: number } {
  const j = JSON.parse(body) as ApiMatrix;
  if (j.status !== 'success' || !j.data) throw new Error(`${who}: ${j.error ?? 'query failed'}`);
  return { series: j.data.result.length, points: j.data.result.reduce((n, s) => n + (s.values?.length ?? 0), 0) };
}

/** Prometheus's /api/v1/query_range, timed until the whole body has arrived (JSON parsing is left out). */
export function httpRunner(baseUrl: string, who: string): Runner {
  return async (q, r) => {
    const body = new URLSearchParams({ query: q.expr, start: String(r.startMs / 1000), end: String(r.endMs / 1000), step: String(r.stepMs / 1000) });
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/v1/query_range`, { method: 'POST', body, signal: AbortSignal.timeout(300_000) });
    const text = await res.text();
    const ms = performance.now() - t0;
    return { ms, ...shapeOf(text, who) };
  };
}

/** `node bin/rrx.mjs query …` as a user runs it: process start, reads, merge, evaluation and JSON on stdout. */
export function coldRunner(cluster: BenchCluster): Runner {
  return (q, r) =>
    new Promise((resolve, reject) => {
      const args = [RRX_BIN, 'query', '--endpoint', cluster.a.readUrl, '--endpoint', cluster.b.readUrl, '--compat', 'prometheus2'];
      args.push('--expr', q.expr, '--start', String(r.startMs / 1000), '--end', String(r.endMs / 1000), '--step', `${r.stepMs / 1000}s`);
      const t0 = performance.now();
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let err = '';
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
      const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
      child.once('error', reject);
      child.once('exit', (code) => {
        const ms = performance.now() - t0;
        clearTimeout(timer);
        if (code !== 0) return reject(new Error(`rrx query exited ${code}: ${err}`));
        try {
          resolve({ ms, ...shapeOf(Buffer.concat(out).toString('utf8'), 'rrx') });
        } catch (e) {
          reject(e as Error);
        }
      });
    });
}

export function benchSpec(cluster: BenchCluster): ClusterSpec {
  return {
    name: 'bench',
    nodes: [cluster.a.readUrl, cluster.b.readUrl].map((url, index) => ({ index, name: `node-${'AB'[index]}`, endpoint: { url } })),
    strategy: 'union',
    partialPolicy: 'strict',
    timeoutMs: 300_000,
    // The peers are Prometheus 2.42: compare like with like.
    compat: 'prometheus2',
  };
}

/** readForQuery + evaluateSnapshot in this process: warm JIT and connections, no raw-read cache. */
export function warmRunner(cluster: BenchCluster): Runner {
  const spec = benchSpec(cluster);
  return async (q, r) => {
    const input = { expr: q.expr, frame: { startMs: r.startMs, endMs: r.endMs, stepMs: r.stepMs } };
    const t0 = performance.now();
    const { ast, snapshot } = await readForQuery(spec, input, { noCache: true });
    const res = evaluateSnapshot(spec, ast, input, snapshot);
    const ms = performance.now() - t0;
    // Outside the timed total (as before): encoding is profiled, not added.
    const profile = profileOf(snapshot, res, r.endMs);
    return { ms, series: res.merged.series.length, points: res.merged.series.reduce((n, s) => n + s.timestamps.length, 0), profile };
  };
}

/** --mode pushdown in this process: each collector's own engine answers; merged from their answers where exact. */
export function pushdownRunner(cluster: BenchCluster): Runner {
  const base = benchSpec(cluster);
  const spec: ClusterSpec = { ...base, nodes: base.nodes.map((n, i) => ({ ...n, queryApi: { url: [cluster.a, cluster.b][i].baseUrl } })) };
  return async (q, r) => {
    const input = { expr: q.expr, frame: { startMs: r.startMs, endMs: r.endMs, stepMs: r.stepMs } };
    const t0 = performance.now();
    // No raw-read cache is passed: every run is a first-time query (and Prometheus caches no query results).
    const res = await answerQuery(spec, input, { mode: 'pushdown' });
    const ms = performance.now() - t0;
    return { ms, series: res.merged.series.length, points: res.merged.series.reduce((n, s) => n + s.timestamps.length, 0), merged: res.mode === 'pushdown' ? 'pushdown' : 'local', result: res.merged };
  };
}

/** --mode delegate in this process: the whole query to the seed's 9090 (an engine-only node of the cluster). */
export function delegateRunner(cluster: BenchCluster): Runner {
  const spec: ClusterSpec = { ...benchSpec(cluster), engines: [{ name: 'seed-9090', queryApi: { url: cluster.seed.baseUrl } }] };
  return async (q, r) => {
    const input = { expr: q.expr, frame: { startMs: r.startMs, endMs: r.endMs, stepMs: r.stepMs } };
    const t0 = performance.now();
    const res = await answerQuery(spec, input, { mode: 'delegate' });
    const ms = performance.now() - t0;
    if (res.mode !== 'delegate') throw new Error(`asked delegate, answered ${res.mode}`);
    return { ms, series: res.merged.series.length, points: res.merged.series.reduce((n, s) => n + s.timestamps.length, 0), result: res.merged };
  };
}

export function corpusRange(startMs: number, endMs: number): RangeArgs {
  return { startMs, endMs, stepMs: CORPUS_STEP_MS };
}

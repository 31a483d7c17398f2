// The Prometheus JSON answer's encoding against its evaluation (issue 19 item 7): a matrix answer of about 16 MB,
// evaluated on in-memory bench data (merge + PromQL, as eval-bench.ts), then encoded as serve-api and `rrx query`
// write it — streamed chunks turned into UTF-8 buffers, as a socket write does — and, beside it, the object tree +
// JSON.stringify encoder it replaced. Also runnable alone: `npx tsx --tsconfig tsconfig.node.json
// bench/micro/json-encode-bench.ts [rounds]`.
import { toPrometheusApiJson } from '@core/promql/engine/api-json';
import { encodeApiJson } from '@core/promql/engine/api-json-stream';
import { planSelectors } from '@core/promql/planner';
import type { NodeOutcome } from '@core/cluster/fanout/types';
import { evaluateSnapshot, parseQuery } from '@core/query/run-cluster-query';
import { toEngineResult } from '@core/query/evaluate';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { MemorySeriesStore } from '@core/series/memory-store';
import { replicaSeries } from '../data/in-memory';
import { dataWindow } from '../data/timeline';
import { CORPUS_STEP_MS } from '../queries/corpus';
import { median } from '../report/stats';

export interface JsonEncodeBench {
  expr: string;
  series: number;
  points: number;
  /** UTF-8 bytes of the answer. */
  bytes: number;
  /** Merge + evaluation of the answer (median). */
  evalMs: number;
  /** Streamed encoding, chunks to UTF-8 buffers (median). */
  encodeMs: number;
  encodeMBps: number;
  /** toPrometheusApiJson + JSON.stringify + one UTF-8 buffer, the encoder before issue 19 (median). */
  treeEncodeMs: number;
  /** encodeMs ÷ evalMs: below 1 when encoding costs less than evaluating. */
  encodeToEval: number;
}

/** `rate` over every CPU series: long shortest-digit values, like most dashboards' answers. */
const EXPR = 'rate(node_cpu_seconds_total[5m])';
/** 42 hosts × 32 CPU series × 361 steps ≈ 16 MB of JSON over 6 h. */
const HOSTS = 42;

const SPEC: ClusterSpec = {
  name: 'bench (in memory)',
  nodes: ['A', 'B'].map((n, index) => ({ index, name: n, endpoint: { url: `http://in-memory-${n}/api/v1/read` } })),
  strategy: 'union',
  partialPolicy: 'partial',
  timeoutMs: 60_000,
  compat: 'prometheus2',
};

export function runJsonEncodeBench(rounds = 5, hosts = HOSTS, hours = 6): JsonEncodeBench {
  const w = dataWindow(hours);
  const stores = [new MemorySeriesStore(replicaSeries(hosts, 'A', w)), new MemorySeriesStore(replicaSeries(hosts, 'B', w))];
  const frame = { startMs: w.startMs, endMs: w.endMs, stepMs: CORPUS_STEP_MS };
  const ast = parseQuery(EXPR, SPEC.compat);
  const requests = planSelectors(ast, { ...frame, compat: SPEC.compat });
  const outcomes: NodeOutcome[] = SPEC.nodes.map((node, i) => {
    const results = requests.map((r) => stores[i].select(r.matchers, r.startMs, r.endMs));
    const samples = results.flat().reduce((n, s) => n + s.timestamps.length, 0);
    return { node, host: node.name, ok: true, results, warnings: [], bytes: 0, series: results.flat().length, samples, readMs: 0, fromCache: true };
  });
  const snapshot = { requests, outcomes, readAtMs: Date.now() };
  const evals: number[] = [];
  const encodes: number[] = [];
  const trees: number[] = [];
  let bytes = 0;
  let series = 0;
  let points = 0;
  for (let r = -1; r < rounds; r++) {
    const res = evaluateSnapshot(SPEC, ast, { expr: EXPR, frame }, snapshot);
    const result = toEngineResult(res.merged, frame.endMs);
    let t = performance.now();
    let n = 0;
    for (const chunk of encodeApiJson({ result })) n += Buffer.from(chunk, 'utf8').length;
    const encodeMs = performance.now() - t;
    t = performance.now();
    const tree = Buffer.from(JSON.stringify(toPrometheusApiJson(result)), 'utf8').length;
    const treeMs = performance.now() - t;
    if (tree !== n) throw new Error(`streamed answer has ${n} bytes, the object-tree encoder's ${tree}`);
    if (r < 0) continue;
    evals.push(res.mergeMs + res.evalMs);
    encodes.push(encodeMs);
    trees.push(treeMs);
    bytes = n;
    series = res.merged.series.length;
    points = res.merged.series.reduce((k, s) => k + s.timestamps.length, 0);
  }
  const evalMs = median(evals);
  const encodeMs = median(encodes);
  return { expr: EXPR, series, points, bytes, evalMs, encodeMs, encodeMBps: bytes / 1e6 / (encodeMs / 1000), treeEncodeMs: median(trees), encodeToEval: encodeMs / evalMs };
}

export function describeJsonEncode(b: JsonEncodeBench): string {
  return (
    `json encode: ${(b.bytes / 1e6).toFixed(1)} MB answer (${b.series} series, ${b.points} points) encoded in ` +
    `${b.encodeMs.toFixed(0)} ms (${b.encodeMBps.toFixed(0)} MB/s; object tree + JSON.stringify ${b.treeEncodeMs.toFixed(0)} ms), ` +
    `evaluated in ${b.evalMs.toFixed(0)} ms: encode ÷ eval ${b.encodeToEval.toFixed(2)}`
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
  console.log(describeJsonEncode(runJsonEncodeBench(Number(process.argv[2] ?? 5))));
}

// Streaming vs snapshot evaluation of one query, without Prometheus: two in-repo remote_read servers (replicas A
// and B of the bench data) streaming XOR chunks over loopback; per query, the median time of the streamed answer
// (served in label order, as Prometheus does) and of today's snapshot path (readForQuery + evaluateSnapshot, both in this process), the raw bytes read and the
// most held at once while streaming. Checks both answers are identical. Numbers only. Run:
// `npx tsx --tsconfig tsconfig.node.json bench/micro/streaming-query.ts [hosts] [hours] [runs]`
import { toPrometheusApiJson } from '@core/promql/engine/api-json';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { toEngineResult } from '@core/query/evaluate';
import { readAndEvaluate } from '@core/query/read-and-evaluate';
import { evaluateSnapshot, readForQuery } from '@core/query/run-cluster-query';
import { compareLabels } from '@core/series/labels';
import { startRemoteReadServer } from '@core/remote-read-server/server';
import { replicaSeries } from '../data/in-memory';
import { dataWindow } from '../data/timeline';
import { CORPUS } from '../queries/corpus';

const mib = (n: number) => (n / 1048576).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const hosts = Number(process.argv[2] ?? 100);
  const w = dataWindow(Number(process.argv[3] ?? 6));
  const runs = Number(process.argv[4] ?? 3);
  const servers = await Promise.all((['A', 'B'] as const).map((r) => startRemoteReadServer({ series: replicaSeries(hosts, r, w).sort((a, b) => compareLabels(a.labels, b.labels)), supportedResponseTypes: ['STREAMED_XOR_CHUNKS'] })));
  const spec: ClusterSpec = {
    name: 'bench',
    nodes: servers.map((s, index) => ({ index, name: `n${index}`, endpoint: { url: s.url } })),
    strategy: 'union',
    partialPolicy: 'strict',
    timeoutMs: 300_000,
    compat: 'prometheus2',
    readLimits: { maxSamples: Infinity, maxBytes: Infinity },
  };
  console.log(`${hosts} hosts × ${(w.endMs - w.startMs) / 3_600_000} h, 2 replicas, step 60 s, median of ${runs}`);
  for (const q of CORPUS) {
    const input = { expr: q.expr, frame: { startMs: w.startMs + 3_600_000, endMs: w.endMs, stepMs: 60_000 } };
    const s: number[] = [];
    const n: number[] = [];
    let line = '';
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const streamed = await readAndEvaluate(spec, input);
      const t1 = performance.now();
      const { ast, snapshot } = await readForQuery(spec, input, { noCache: true });
      const today = evaluateSnapshot(spec, ast, input, snapshot);
      const t2 = performance.now();
      if (i === 0) {
        // untimed warm-up; check the answers once
        const same = JSON.stringify(toPrometheusApiJson(toEngineResult(streamed.result.merged, 0))) === JSON.stringify(toPrometheusApiJson(toEngineResult(today.merged, 0)));
        const e = streamed.result.evaluation!;
        line = e.path === 'streaming' ? `streamed, held ≤ ${mib(e.peakHeldBytes!)} of ${mib(e.rawBytes!)} MiB read${same ? '' : ' — ANSWERS DIFFER'}` : `snapshot (${e.reason})`;
        continue;
      }
      s.push(t1 - t0);
      n.push(t2 - t1);
    }
    console.log(`${q.id.padEnd(16)} stream ${median(s).toFixed(0).padStart(6)} ms   snapshot ${median(n).toFixed(0).padStart(6)} ms   ${line}`);
  }
  await Promise.all(servers.map((x) => x.close()));
}

void main();

// Evaluation time of the corpus on in-memory data: the replicas' series already decoded, so only the merge and the
// PromQL evaluation (evaluateSnapshot) are timed — the part of a query that is rrx's own CPU work.
import { ClusterReadError } from '@core/cluster/fanout/types';
import type { NodeOutcome } from '@core/cluster/fanout/types';
import { planSelectors } from '@core/promql/planner';
import { evaluateSnapshot, parseQuery } from '@core/query/run-cluster-query';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { MemorySeriesStore } from '@core/series/memory-store';
import { CORPUS, CORPUS_STEP_MS } from '../queries/corpus';
import { replicaSeries } from '../data/in-memory';
import type { Window } from '../data/timeline';
import { median } from '../report/stats';

export interface EvalBenchRow {
  id: string;
  mergeMs: number;
  evalMs: number;
  totalMs: number;
  inputSamples: number;
}

const SPEC: ClusterSpec = {
  name: 'bench (in memory)',
  nodes: ['A', 'B'].map((n, index) => ({ index, name: n, endpoint: { url: `http://in-memory-${n}/api/v1/read` } })),
  strategy: 'union',
  partialPolicy: 'partial',
  timeoutMs: 60_000,
  compat: 'prometheus2',
};

export function runEvalBench(hosts: number, w: Window, rounds = 5): EvalBenchRow[] {
  const stores = [new MemorySeriesStore(replicaSeries(hosts, 'A', w)), new MemorySeriesStore(replicaSeries(hosts, 'B', w))];
  const frame = { startMs: w.startMs, endMs: w.endMs, stepMs: CORPUS_STEP_MS };
  return CORPUS.map((q) => {
    const ast = parseQuery(q.expr);
    const requests = planSelectors(ast, { ...frame, compat: SPEC.compat });
    // What a fan-out would have returned, without the network.
    const outcomes: NodeOutcome[] = SPEC.nodes.map((node, i) => {
      const results = requests.map((r) => stores[i].select(r.matchers, r.startMs, r.endMs));
      const samples = results.flat().reduce((n, s) => n + s.timestamps.length, 0);
      return { node, host: node.name, ok: true, results, warnings: [], bytes: 0, series: results.flat().length, samples, readMs: 0, fromCache: true };
    });
    const snapshot = { requests, outcomes, readAtMs: Date.now() };
    const merge: number[] = [];
    const evals: number[] = [];
    for (let r = -1; r < rounds; r++) {
      const res = evaluateSnapshot(SPEC, ast, { expr: q.expr, frame }, snapshot);
      if (res.partial.length) throw new ClusterReadError('in-memory snapshot reported a partial read', []);
      if (r >= 0) {
        merge.push(res.mergeMs);
        evals.push(res.evalMs);
      }
    }
    const mergeMs = median(merge);
    const evalMs = median(evals);
    return { id: q.id, mergeMs, evalMs, totalMs: mergeMs + evalMs, inputSamples: outcomes.reduce((n, o) => n + o.samples, 0) };
  });
}

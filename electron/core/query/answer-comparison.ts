// Engines in the comparison: the query's answer from rrx over the merged replicas, from rrx over each node alone,
// and from every engine (engine-only nodes and the nodes' own query APIs), compared with the replica findings
// (gaps, divergence, one-sided series) as if each answer were one more replica. The merged answer is the reference.
import { analyzeReplicas, type ReplicaAnalysis } from '@core/cluster/findings';
import type { NodeSeries } from '@core/cluster/merge/types';
import { engineQuery } from '@core/engine-node/engine-query';
import type { QueryApiConfig } from '@core/engine-node/types';
import type { Expr } from '@core/promql/parser/ast';
import type { EvaluatedResult } from '@shared/api/query-types';
import type { ClusterSpec } from './cluster-spec';
import type { RawSnapshot } from './raw-snapshot';
import { evaluateSnapshot, type ClusterQueryInput } from './run-cluster-query';

export interface AnswerColumn {
  name: string;
  kind: 'merged' | 'node' | 'engine';
  ok: boolean;
  error?: string;
  series: number;
}

export interface AnswerComparison {
  columns: AnswerColumn[];
  analysis: ReplicaAnalysis;
}

/** Is there any engine to compare with? */
export function hasEngineColumns(spec: ClusterSpec): boolean {
  return !!spec.engines?.length || spec.nodes.some((n) => n.queryApi);
}

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'toUserMessage' in e) return (e as { toUserMessage(): string }).toUserMessage();
  return e instanceof Error ? e.message : String(e);
}

export async function compareAnswers(spec: ClusterSpec, ast: Expr, input: ClusterQueryInput, snapshot: RawSnapshot, signal?: AbortSignal): Promise<AnswerComparison> {
  const local = evaluateSnapshot(spec, ast, input, snapshot, { perNode: true, signal });
  const columns: AnswerColumn[] = [];
  const answers: (EvaluatedResult | null)[] = [];
  const add = (name: string, kind: AnswerColumn['kind'], r: EvaluatedResult | null, error?: string) => {
    columns.push({ name, kind, ok: r !== null, series: r?.series.length ?? 0, ...(error ? { error } : {}) });
    answers.push(r);
  };
  add(`rrx merged (${local.strategy})`, 'merged', local.merged);
  spec.nodes.forEach((n, i) => add(`${n.name} (rrx)`, 'node', local.perNode?.[i] ?? null, local.perNode?.[i] ? undefined : 'the node did not answer'));
  const engines: { name: string; queryApi: QueryApiConfig }[] = [
    ...spec.nodes.filter((n) => n.queryApi).map((n) => ({ name: `${n.name} (own engine)`, queryApi: n.queryApi! })),
    ...(spec.engines ?? []).map((e) => ({ name: e.name, queryApi: e.queryApi })),
  ];
  const settled = await Promise.allSettled(engines.map((e) => engineQuery(e.queryApi.remoteTimeoutMs ? e.queryApi : { ...e.queryApi, remoteTimeoutMs: spec.timeoutMs }, input, { signal })));
  settled.forEach((s, i) => add(engines[i].name, 'engine', s.status === 'fulfilled' ? s.value : null, s.status === 'rejected' ? errorText(s.reason) : undefined));

  const nodes: NodeSeries[] = [];
  answers.forEach((r, index) => {
    if (r) nodes.push({ index, name: columns[index].name, series: r.series });
  });
  const analysis = analyzeReplicas(
    { nodes, startMs: input.frame.startMs, endMs: input.frame.endMs },
    // Answers are on the step grid: a missing step is a gap, and one differing step is worth reporting.
    { scrapeIntervalMs: input.frame.stepMs || undefined, minDivergentPoints: 1 },
  );
  // Answers share the step grid, so a scrape offset between them means nothing.
  return { columns, analysis: { ...analysis, findings: analysis.findings.filter((f) => f.kind !== 'offset') } };
}

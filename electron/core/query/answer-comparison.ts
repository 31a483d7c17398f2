// Engines in the comparison: the query's answer from rrx over the merged replicas, from rrx over each node alone,
// and from every engine (engine-only nodes and the nodes' own query APIs), compared with the replica findings
// (gaps, divergence, one-sided series) as if each answer were one more replica. The merged answer is the reference.
// One comparison for the CLI (rrx compare) and the app's Compare view: asking the engines is split from comparing,
// so the app can re-compare its cached engine answers after a re-merge without asking them again.
import { analyzeReplicas, type ReplicaAnalysis } from '@core/cluster/findings';
import type { NodeSeries } from '@core/cluster/merge/types';
import { engineQuery } from '@core/engine-node/engine-query';
import type { QueryApiConfig } from '@core/engine-node/types';
import { hostOf } from '@core/remote-read/redact';
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

/** One engine's answer: an engine-only node ('engine') or a node's own query API ('node-engine'). */
export interface EngineAnswer {
  name: string;
  kind: 'engine' | 'node-engine';
  host: string;
  result: EvaluatedResult | null;
  error?: string;
}

/** rrx's own answers the engines are compared with (query lookback on every view, so they are comparable). */
export interface LocalAnswers {
  strategy: string;
  merged: EvaluatedResult;
  perNode?: (EvaluatedResult | null)[];
}

/** Is there any engine to compare with? */
export function hasEngineColumns(spec: ClusterSpec): boolean {
  return !!spec.engines?.length || spec.nodes.some((n) => n.queryApi);
}

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'toUserMessage' in e) return (e as { toUserMessage(): string }).toUserMessage();
  return e instanceof Error ? e.message : String(e);
}

/** Every engine of the cluster, in column order: the nodes' own query APIs, then the engine-only nodes. */
export function engineTargets(spec: ClusterSpec): { name: string; kind: EngineAnswer['kind']; queryApi: QueryApiConfig }[] {
  return [
    ...spec.nodes.filter((n) => n.queryApi).map((n) => ({ name: `${n.name} (own engine)`, kind: 'node-engine' as const, queryApi: n.queryApi! })),
    ...(spec.engines ?? []).map((e) => ({ name: e.name, kind: 'engine' as const, queryApi: e.queryApi })),
  ];
}

/** Asks every engine the query, concurrently; a failed engine is an answer with an error, never a thrown one. */
export async function queryEngines(spec: ClusterSpec, input: ClusterQueryInput, signal?: AbortSignal): Promise<EngineAnswer[]> {
  const targets = engineTargets(spec);
  const settled = await Promise.allSettled(targets.map((e) => engineQuery(e.queryApi.remoteTimeoutMs ? e.queryApi : { ...e.queryApi, remoteTimeoutMs: spec.timeoutMs }, input, { signal })));
  return settled.map((s, i) => ({
    name: targets[i].name,
    kind: targets[i].kind,
    host: hostOf(targets[i].queryApi.url),
    result: s.status === 'fulfilled' ? s.value : null,
    ...(s.status === 'rejected' ? { error: errorText(s.reason) } : {}),
  }));
}

/** Compares rrx's answers and the engines' column by column, the merged answer being the reference. Pure. */
export function compareWithEngines(spec: ClusterSpec, input: ClusterQueryInput, local: LocalAnswers, engines: readonly EngineAnswer[]): AnswerComparison {
  const columns: AnswerColumn[] = [];
  const answers: (EvaluatedResult | null)[] = [];
  const add = (name: string, kind: AnswerColumn['kind'], r: EvaluatedResult | null, error?: string) => {
    columns.push({ name, kind, ok: r !== null, series: r?.series.length ?? 0, ...(error ? { error } : {}) });
    answers.push(r);
  };
  add(`rrx merged (${local.strategy})`, 'merged', local.merged);
  spec.nodes.forEach((n, i) => add(`${n.name} (rrx)`, 'node', local.perNode?.[i] ?? null, local.perNode?.[i] ? undefined : 'the node did not answer'));
  for (const e of engines) add(e.name, 'engine', e.result, e.error);

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

/** rrx compare's answer columns: rrx over the snapshot it read (merged and per node), and every engine. */
export async function compareAnswers(spec: ClusterSpec, ast: Expr, input: ClusterQueryInput, snapshot: RawSnapshot, signal?: AbortSignal): Promise<AnswerComparison> {
  const local = evaluateSnapshot(spec, ast, input, snapshot, { perNode: true, signal });
  const engines = await queryEngines(spec, input, signal);
  return compareWithEngines(spec, input, { strategy: local.strategy, merged: local.merged, perNode: local.perNode }, engines);
}

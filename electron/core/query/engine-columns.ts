// The Compare view's engine columns: each engine's answer (asked once per query, kept for re-merges) and the answer
// comparison of answer-comparison.ts in the contract's shape. rrx's side is evaluated off the main thread with the
// query's own lookback on every view, so it is comparable with what an engine answers.
import type { Expr } from '@core/promql/parser/ast';
import type { MergeStrategy } from '@shared/api/profile-types';
import type { QueryResultView } from '@shared/api/query-types';
import { compareWithEngines, type EngineAnswer } from './answer-comparison';
import type { ClusterSpec } from './cluster-spec';
import { evaluateOffThread } from './eval-worker/off-thread';
import type { RawSnapshot } from './raw-snapshot';
import { toFindingView, type ClusterQueryInput } from './run-cluster-query';

export interface EngineColumnsInput {
  spec: ClusterSpec;
  ast: Expr;
  input: ClusterQueryInput;
  snapshot: RawSnapshot;
  strategy?: MergeStrategy;
  engines: readonly EngineAnswer[];
  signal?: AbortSignal;
  timeoutMs?: number;
}

export async function engineColumns(v: EngineColumnsInput): Promise<Required<Pick<QueryResultView, 'engines' | 'answerComparison'>>> {
  const local = await evaluateOffThread(v.spec, v.ast, v.input, v.snapshot, {
    strategy: v.strategy,
    perNode: true,
    findings: false,
    nodeLookback: 'query',
    signal: v.signal,
    timeoutMs: v.timeoutMs,
  });
  const cmp = compareWithEngines(v.spec, v.input, { strategy: local.strategy, merged: local.merged, perNode: local.perNode }, v.engines);
  return {
    engines: v.engines.map((e) => ({ name: e.name, kind: e.kind, host: e.host, result: e.result, ...(e.error ? { error: e.error } : {}) })),
    answerComparison: { columns: cmp.columns.map((c) => ({ ...c })), findings: cmp.analysis.findings.map(toFindingView) },
  };
}

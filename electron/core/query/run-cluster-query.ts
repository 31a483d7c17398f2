// The query pipeline, one named step per arrow: expression → parse → plan selectors → fan-out reads → merge →
// evaluate (merged and, for comparison, per node) → findings. `readForQuery` is the only step that touches the
// network; `evaluateSnapshot` re-runs everything after it from cached raw data (strategy switches, workspaces).
import { fanOut, type FanOutOptions } from '@core/cluster/fanout/fan-out';
import { ClusterReadError, type NodeOutcome } from '@core/cluster/fanout/types';
import { analyzeReplicas, toCoverageRow, type ReplicaAnalysis } from '@core/cluster/findings';
import { mergeNodes } from '@core/cluster/merge';
import type { MergeStrategy, MergedSeries, NodeSeries } from '@core/cluster/merge/types';
import { parse } from '@core/promql/parser';
import type { Expr } from '@core/promql/parser/ast';
import { planSelectors } from '@core/promql/planner';
import { DEFAULT_LOOKBACK_DELTA_MS, DEFAULT_QUERY_TIMEOUT_MS } from '@core/promql/engine/options';
import type { RawSeries } from '@core/series/types';
import { compareLabels } from '@core/series/labels';
import type { CoverageRow, EvaluatedResult, Finding, MergedRawSummary, NodeLookback, PartialNotice } from '@shared/api/query-types';
import type { ClusterSpec } from './cluster-spec';
import { QueryMemoryBudget, defaultQueryBudgetBytes } from './memory-budget';
import { evaluateOn, toEvaluatedResult, type EvaluateOptions } from './evaluate';
import { PlannedStore } from './planned-store';
import { attachSelectorProvenance, summarizeProvenance } from './provenance-runs';
import type { RawSnapshot } from './raw-snapshot';
import { scrapeLookback } from './scrape-lookback';
import type { TimeFrame } from './time-frame';

export interface ClusterQueryInput {
  expr: string;
  frame: TimeFrame;
  lookbackDeltaMs?: number;
}

export interface EvaluateSnapshotOptions {
  strategy?: MergeStrategy;
  perNode?: boolean;
  findings?: boolean;
  /**
   * The lookback of the per-node views: 'query' (the query's own, Prometheus-exact; CLI and exports) or
   * 'scrape-interval' (GAP_FACTOR × the node's observed scrape interval, so a node's chart breaks at its gaps; the
   * comparison view). The merged view always uses the query's own.
   */
  nodeLookback?: 'query' | 'scrape-interval';
  signal?: AbortSignal;
  maxSamples?: number;
  /** The query timeout for all of the evaluation (merged and per node); the engine's default (2m) when absent. */
  timeoutMs?: number;
  maxSubquerySteps?: number;
}

export interface ClusterQueryResult {
  strategy: MergeStrategy;
  merged: EvaluatedResult;
  perNode?: (EvaluatedResult | null)[];
  /** The lookback each per-node view was evaluated with (index = node index; null where the node failed). */
  perNodeLookback?: (NodeLookback | null)[];
  /** The lookback of the merged view, ms. */
  lookbackMs: number;
  provenance: MergedRawSummary[];
  findings?: Finding[];
  coverage?: CoverageRow[];
  partial: PartialNotice[];
  mergeMs: number;
  evalMs: number;
  /** Which path answered: streamed (merged and evaluated while the reads arrived) or over the whole snapshot. */
  evaluation?: EvaluationPath;
}

export interface EvaluationPath {
  path: 'streaming' | 'snapshot';
  /** Why the snapshot path ran (the query or its data needed every series at once). */
  reason?: string;
  /** Streaming: most raw-sample bytes held at once, and all raw-sample bytes read. */
  peakHeldBytes?: number;
  rawBytes?: number;
  /** Samples the nodes returned (the snapshot path counts them from its outcomes). */
  samplesRead?: number;
}

export function parseQuery(expr: string, compat: ClusterSpec['compat'] = 'prometheus3'): Expr {
  return parse(expr, { prometheus2Functions: compat === 'prometheus2' });
}

/** Parse, plan and read every node. Fails only on a parse error, or (policy) when nodes failed. */
export async function readForQuery(spec: ClusterSpec, input: ClusterQueryInput, opts: FanOutOptions = {}): Promise<{ ast: Expr; snapshot: RawSnapshot }> {
  const ast = parseQuery(input.expr, spec.compat);
  const requests = planSelectors(ast, {
    startMs: input.frame.startMs,
    endMs: input.frame.endMs,
    stepMs: input.frame.stepMs,
    lookbackDeltaMs: input.lookbackDeltaMs,
    compat: spec.compat,
  });
  // Without a budget from the caller (a pooled one in the app and serve-api), the query gets its own: every local
  // read is bounded, and crossing the budget fails the query with its typed error, not the reads' "cancelled".
  const memory = opts.memory ?? new QueryMemoryBudget({ limitBytes: spec.maxMemoryBytes ?? defaultQueryBudgetBytes() });
  const outcomes = await fanOut(spec.nodes, requests, { timeoutMs: spec.timeoutMs, limits: spec.readLimits, ...opts, memory });
  if (memory.error) throw memory.error;
  checkPartialPolicy(spec, outcomes, opts.signal);
  return { ast, snapshot: { requests, outcomes, readAtMs: Date.now() } };
}

export function partialNotices(outcomes: readonly NodeOutcome[]): PartialNotice[] {
  return outcomes.filter((o) => !o.ok).map((o) => ({ node: o.node.name, host: o.host, reason: o.error ?? 'unknown error' }));
}

export function checkPartialPolicy(spec: ClusterSpec, outcomes: readonly NodeOutcome[], signal?: AbortSignal): void {
  if (signal?.aborted) throw new ClusterReadError('The query was cancelled.', []);
  const failed = partialNotices(outcomes);
  if (failed.length === 0) return;
  const list = failed.map((f) => `${f.node} (${f.host}): ${f.reason}`).join('; ');
  if (failed.length === outcomes.length) throw new ClusterReadError(`No node answered. ${list}`, failed);
  if (spec.partialPolicy === 'strict') throw new ClusterReadError(`Strict mode: not every node answered. ${list}`, failed);
}

/** The warning Prometheus-style clients see for a node that did not answer. */
export function partialWarning(p: PartialNotice): string {
  return `remote_read from node ${p.node} (${p.host}) failed, the result is partial: ${p.reason}`;
}

function nodeSeries(snapshot: RawSnapshot, requestIndex: number): NodeSeries[] {
  return snapshot.outcomes.filter((o) => o.ok).map((o) => ({ index: o.node.index, name: o.node.name, series: o.results[requestIndex] }));
}

/** Merge every selector's reads under one strategy: the merged series per selector (for the merged store). */
export function mergeSnapshot(spec: ClusterSpec, snapshot: RawSnapshot, strategy: MergeStrategy): MergedSeries[][] {
  return snapshot.requests.map((_, i) => mergeByGroup(spec, nodeSeries(snapshot, i), strategy));
}

/**
 * Replicas are deduplicated within their HA group (shard) only; the groups' merged series are then put side by
 * side. Without `group`s every node is one group, and shards still stay apart by their external labels.
 */
function mergeByGroup(spec: ClusterSpec, nodes: NodeSeries[], strategy: MergeStrategy): MergedSeries[] {
  const groupOf = new Map(spec.nodes.map((n) => [n.index, n.group ?? '']));
  const groups = new Map<string, NodeSeries[]>();
  for (const n of nodes) {
    const g = groupOf.get(n.index) ?? '';
    const list = groups.get(g);
    if (list) list.push(n);
    else groups.set(g, [n]);
  }
  if (groups.size <= 1) return [...mergeNodes(nodes, { strategy, replicaLabel: spec.replicaLabel }).series];
  const out: MergedSeries[] = [];
  for (const list of groups.values()) out.push(...mergeNodes(list, { strategy, replicaLabel: spec.replicaLabel }).series);
  return out.sort((a, b) => compareLabels(a.labels, b.labels));
}

export function evaluateSnapshot(spec: ClusterSpec, ast: Expr, input: ClusterQueryInput, snapshot: RawSnapshot, opts: EvaluateSnapshotOptions = {}): ClusterQueryResult {
  const strategy = opts.strategy ?? spec.strategy;
  const t0 = performance.now();
  const merged = mergeSnapshot(spec, snapshot, strategy);
  const t1 = performance.now();
  const deadline = t0 + (opts.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS);
  const base = { compat: spec.compat, lookbackDeltaMs: input.lookbackDeltaMs, signal: opts.signal, maxSamples: opts.maxSamples, maxSubquerySteps: opts.maxSubquerySteps };
  // One deadline for every evaluation of this query; a spent budget still gets the engine's timeout error.
  const evalOpts = (): EvaluateOptions => ({ ...base, timeoutMs: Math.max(1, deadline - performance.now()) });
  const partial = partialNotices(snapshot.outcomes);

  const mergedResult = toEvaluatedResult(evaluateOn(ast, input.expr, new PlannedStore(snapshot.requests, merged), input.frame, evalOpts()));
  mergedResult.warnings.push(...partial.map(partialWarning), ...snapshot.outcomes.flatMap((o) => o.warnings));
  // Not a problem with the answer, but the user should know a repeat or a strategy switch reads again.
  mergedResult.infos.push(...snapshot.outcomes.flatMap((o) => (o.cacheNotice ? [o.cacheNotice] : [])));
  if (ast.kind === 'VectorSelector') {
    attachSelectorProvenance(mergedResult.series, merged.flat(), input.lookbackDeltaMs ?? DEFAULT_LOOKBACK_DELTA_MS);
  }

  const lookbackMs = input.lookbackDeltaMs ?? DEFAULT_LOOKBACK_DELTA_MS;
  let perNode: (EvaluatedResult | null)[] | undefined;
  let perNodeLookback: (NodeLookback | null)[] | undefined;
  if (opts.perNode) {
    perNodeLookback = [];
    perNode = snapshot.outcomes.map((o) => {
      if (!o.ok) {
        perNodeLookback!.push(null);
        return null;
      }
      const store = new PlannedStore(snapshot.requests, o.results.map((list) => list.map((s) => stripReplica(s, spec.replicaLabel))));
      const lb: NodeLookback =
        opts.nodeLookback === 'scrape-interval' ? { source: 'scrape-interval', ...scrapeLookback(store.allSeries(), lookbackMs) } : { source: 'query', lookbackMs, intervalMs: null };
      perNodeLookback!.push(lb);
      return toEvaluatedResult(evaluateOn(ast, input.expr, store, input.frame, { ...evalOpts(), lookbackDeltaMs: lb.lookbackMs }));
    });
  }
  const t2 = performance.now();

  let findings: Finding[] | undefined;
  let coverage: CoverageRow[] | undefined;
  if (opts.findings) {
    const analysis = analyzeSnapshot(spec, input.frame.startMs, input.frame.endMs, snapshot);
    findings = analysis.findings.map(toFindingView);
    coverage = analysis.coverage.map(toCoverageRow);
  }

  return {
    strategy,
    merged: mergedResult,
    perNode,
    perNodeLookback,
    lookbackMs,
    provenance: summarizeProvenance(merged.flat()),
    findings,
    coverage,
    partial,
    mergeMs: t1 - t0,
    evalMs: t2 - t1,
  };
}

function stripReplica(s: RawSeries, replicaLabel?: string): RawSeries {
  if (!replicaLabel || !(replicaLabel in s.labels)) return s;
  const labels = { ...s.labels };
  delete labels[replicaLabel];
  return { labels, timestamps: s.timestamps, values: s.values };
}

/** Findings and coverage over every distinct raw series the query read, per node. */
export function analyzeSnapshot(spec: ClusterSpec, startMs: number, endMs: number, snapshot: RawSnapshot): ReplicaAnalysis {
  const nodes: NodeSeries[] = snapshot.outcomes
    .filter((o) => o.ok)
    .map((o) => ({ index: o.node.index, name: o.node.name, series: new PlannedStore(snapshot.requests, o.results).allSeries() }));
  return analyzeReplicas({ nodes, startMs, endMs, replicaLabel: spec.replicaLabel });
}

/** A finding as the contract carries it (the Compare view's node findings and its engine answer findings). */
export function toFindingView(f: ReplicaAnalysis['findings'][number]): Finding {
  return {
    kind: f.kind,
    severity: f.severity,
    node: f.node,
    labels: { ...f.labels },
    startMs: f.startMs,
    endMs: f.endMs,
    durationMs: f.durationMs,
    coveredBy: [...f.coveredBy],
    detail: f.detail,
  };
}

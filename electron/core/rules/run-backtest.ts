// The cluster backtest, one data path with queries: plan every rule's selectors over the whole window → one fan-out
// read per node → merge → backtest the merged view and each node alone. `readForRules` is the only step that
// touches the network; `backtestSnapshot` re-runs everything after it from the raw reads (workspaces, strategies).
import { fanOut, type FanOutOptions } from '@core/cluster/fanout/fan-out';
import { ClusterReadError } from '@core/cluster/fanout/types';
import type { MergeStrategy } from '@core/cluster/merge/types';
import { planSelectors } from '@core/promql/planner';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { QueryMemoryBudget, defaultQueryBudgetBytes } from '@core/query/memory-budget';
import { PlannedStore } from '@core/query/planned-store';
import type { RawSnapshot } from '@core/query/raw-snapshot';
import { mergeSnapshot, partialNotices, partialWarning } from '@core/query/run-cluster-query';
import { matchersKey } from '@core/series/matchers-key';
import type { RawSeries, SelectorRequest } from '@core/series/types';
import { backtestStore, outputNames, type BacktestResult } from './backtest';
import type { RuleGroupSpec } from './rule-file';
import { evaluationTimes, groupIntervalMs } from './schedule';

export interface BacktestWindow {
  startMs: number;
  endMs: number;
  /** The global evaluation_interval for groups without their own (Prometheus's default 1m). */
  globalIntervalMs: number;
  lookbackDeltaMs?: number;
  externalLabels?: Record<string, string>;
  externalURL?: string;
  /**
   * Evaluate from this much before startMs so `for` and `keep_firing_for` already hold at startMs (default: the
   * longest of them in the rules); intervals may then start before startMs.
   */
  warmupMs?: number;
  alignOffsetMs?: number;
}

export interface NodeBacktest {
  node: string;
  /** null when the node did not answer. */
  result: BacktestResult | null;
}

export interface ClusterBacktest {
  strategy: MergeStrategy;
  merged: BacktestResult;
  nodes: NodeBacktest[];
  warnings: string[];
  window: { startMs: number; endMs: number; evalStartMs: number };
}

export function defaultWarmupMs(groups: readonly RuleGroupSpec[]): number {
  let w = 0;
  for (const g of groups) for (const r of g.rules) if (r.kind === 'alerting') w = Math.max(w, r.forMs + r.keepFiringForMs);
  return w;
}

/** Every selector the rules read over the whole window, one request per distinct selector (widest window). */
export function planRuleReads(groups: readonly RuleGroupSpec[], w: BacktestWindow, compat: ClusterSpec['compat']): SelectorRequest[] {
  const evalStart = w.startMs - (w.warmupMs ?? defaultWarmupMs(groups));
  const outputs = outputNames(groups);
  const byKey = new Map<string, SelectorRequest>();
  for (const g of groups) {
    const intervalMs = groupIntervalMs(g, w.globalIntervalMs);
    const times = evaluationTimes(evalStart, w.endMs, intervalMs, w.alignOffsetMs);
    if (!times.length) continue;
    const off = g.queryOffsetMs ?? 0;
    for (const r of g.rules) {
      const reqs = planSelectors(r.ast, {
        startMs: times[0] - off,
        endMs: times[times.length - 1] - off,
        stepMs: intervalMs,
        lookbackDeltaMs: w.lookbackDeltaMs,
        noStepSubqueryIntervalMs: w.globalIntervalMs,
        compat,
      });
      for (const req of reqs) {
        // Rule outputs are answered by the backtest itself, never read from a node.
        const name = req.matchers.find((m) => m.name === '__name__' && m.type === '=');
        if (name && outputs.has(name.value)) continue;
        const k = matchersKey(req.matchers);
        const prev = byKey.get(k);
        if (!prev) byKey.set(k, { matchers: req.matchers, startMs: req.startMs, endMs: req.endMs, hints: req.hints });
        else byKey.set(k, { matchers: req.matchers, startMs: Math.min(prev.startMs, req.startMs), endMs: Math.max(prev.endMs, req.endMs) });
      }
    }
  }
  return [...byKey.values()];
}

/** Read once per node everything the rules need for the window. Fails like queries do (no node, strict mode). */
export async function readForRules(spec: ClusterSpec, groups: readonly RuleGroupSpec[], w: BacktestWindow, opts: FanOutOptions = {}): Promise<RawSnapshot> {
  const requests = planRuleReads(groups, w, spec.compat);
  const memory = opts.memory ?? new QueryMemoryBudget({ limitBytes: spec.maxMemoryBytes ?? defaultQueryBudgetBytes() });
  const outcomes = await fanOut(spec.nodes, requests, { timeoutMs: spec.timeoutMs, ...opts, memory });
  if (memory.error) throw memory.error;
  if (opts.signal?.aborted) throw new ClusterReadError('The backtest was cancelled.', []);
  const failed = partialNotices(outcomes);
  if (failed.length && (failed.length === outcomes.length || spec.partialPolicy === 'strict')) {
    const list = failed.map((f) => `${f.node} (${f.host}): ${f.reason}`).join('; ');
    throw new ClusterReadError(failed.length === outcomes.length ? `No node answered. ${list}` : `Strict mode: not every node answered. ${list}`, failed);
  }
  return { requests, outcomes, readAtMs: Date.now() };
}

function stripReplica(s: RawSeries, replicaLabel?: string): RawSeries {
  if (!replicaLabel || !(replicaLabel in s.labels)) return s;
  const labels = { ...s.labels };
  delete labels[replicaLabel];
  return { labels, timestamps: s.timestamps, values: s.values };
}

export function backtestSnapshot(spec: ClusterSpec, groups: readonly RuleGroupSpec[], snapshot: RawSnapshot, w: BacktestWindow, opts: { strategy?: MergeStrategy; signal?: AbortSignal } = {}): ClusterBacktest {
  const strategy = opts.strategy ?? spec.strategy;
  const evalStartMs = w.startMs - (w.warmupMs ?? defaultWarmupMs(groups));
  const bopts = {
    startMs: evalStartMs,
    endMs: w.endMs,
    globalIntervalMs: w.globalIntervalMs,
    compat: spec.compat,
    lookbackDeltaMs: w.lookbackDeltaMs,
    externalLabels: w.externalLabels,
    externalURL: w.externalURL,
    alignOffsetMs: w.alignOffsetMs,
    signal: opts.signal,
  };
  const merged = backtestStore(groups, new PlannedStore(snapshot.requests, mergeSnapshot(spec, snapshot, strategy)), bopts);
  const nodes: NodeBacktest[] = snapshot.outcomes.map((o) => ({
    node: o.node.name,
    result: o.ok ? backtestStore(groups, new PlannedStore(snapshot.requests, o.results.map((list) => list.map((s) => stripReplica(s, spec.replicaLabel)))), bopts) : null,
  }));
  const warnings = [...partialNotices(snapshot.outcomes).map(partialWarning), ...snapshot.outcomes.flatMap((o) => o.warnings)];
  return { strategy, merged, nodes, warnings, window: { startMs: w.startMs, endMs: w.endMs, evalStartMs } };
}

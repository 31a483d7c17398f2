// The four ways to answer a query — local (remote_read + rrx's engine), pushdown (each node's own engine, merged
// where pushdown-rules.ts calls that exact), delegate (one engine node answers it all) and auto (local within the
// memory budget, else pushdown or delegate) — over the one data path. Every answer says how it was made and why.
import { endpointDisplayName } from '@core/remote-read/client';
import { hostOf } from '@core/remote-read/redact';
import { engineQuery, engineSeries } from '@core/engine-node/engine-query';
import { EngineError, type QueryApiConfig } from '@core/engine-node/types';
import { matcherToString } from '@core/promql/parser/printer';
import { planSelectors } from '@core/promql/planner';
import type { EvaluatedResult, PartialNotice } from '@shared/api/query-types';
import type { ClusterSpec } from './cluster-spec';
import { defaultQueryBudgetBytes, estimateLocal, formatBytes, type LocalEstimate, type QueryMemoryBudget } from './memory-budget';
import { combineNodeAnswers } from './pushdown-combine';
import { pushdownVerdict } from './pushdown-rules';
import { evaluateOffThread } from './eval-worker/off-thread';
import { parseQuery, readForQuery, type ClusterQueryInput, type ClusterQueryResult } from './run-cluster-query';
import { readAndEvaluate } from './read-and-evaluate';
import { describeEvaluation } from './streaming/describe';
import { ClusterReadError } from '@core/cluster/fanout/types';
import type { RawReadCache } from '@core/cluster/fanout/raw-read-cache';
import type { FanOutOptions } from '@core/cluster/fanout/fan-out';
import type { Expr } from '@core/promql/parser/ast';
import type { RawSnapshot } from './raw-snapshot';

export const QUERY_MODES = ['local', 'pushdown', 'delegate', 'auto'] as const;
export type QueryMode = (typeof QUERY_MODES)[number];
export type AnsweredMode = Exclude<QueryMode, 'auto'>;

export class QueryModeError extends Error {
  override readonly name = 'QueryModeError';
  readonly kind = 'mode';
  toUserMessage(): string {
    return this.message;
  }
}

export interface ModeOptions {
  mode: QueryMode;
  /** auto's threshold and the bound of a local read; default the spec's, else sized to the machine. */
  maxMemoryBytes?: number;
  /** A budget from the process's pool (the app, serve-api) for the local read; closed by the caller. */
  memory?: QueryMemoryBudget;
  /** Name or URL of the delegate engine; default the first engine-only node. */
  delegateTo?: string;
  perNode?: boolean;
  findings?: boolean;
  signal?: AbortSignal;
  maxSamples?: number;
  /** The raw-read cache local reads go through (serve-api, the app). */
  cache?: RawReadCache;
  /** The query's deadline, from the start of the read (default: the engine's 2 minutes). */
  timeoutMs?: number;
  /** Lookback of the per-node views (see EvaluateSnapshotOptions.nodeLookback). */
  nodeLookback?: 'query' | 'scrape-interval';
  /** Progress of local reads (the app's per-node progress events). */
  onProgress?: FanOutOptions['onProgress'];
  /**
   * Local answers may stream (merged and evaluated while the reads arrive, no snapshot kept): the CLI and
   * serve-api; the app keeps snapshots for re-merging, per-node views and workspaces.
   */
  streaming?: boolean;
}

export interface ModeAnswer {
  requested: QueryMode;
  mode: AnsweredMode;
  /** One sentence: how the answer was made and why (auto's decision, a fallback). */
  note: string;
  /** Delegate: the engine that answered. */
  engine?: string;
  merged: EvaluatedResult;
  /** Per node, in node order: local evaluation over its raw data, or (pushdown) its own engine's answer. */
  perNode?: (EvaluatedResult | null)[];
  /** The local pipeline's result when it ran (provenance, findings, strategy). */
  local?: ClusterQueryResult;
  partial: PartialNotice[];
  estimate?: LocalEstimate;
  /** What the local pipeline read, when it ran (so the app can re-merge and save it). */
  ast?: Expr;
  snapshot?: RawSnapshot;
}

/** Does the cluster have any PromQL API (so the modes apply at all)? */
export function hasQueryApis(spec: ClusterSpec): boolean {
  return !!spec.engines?.length || spec.nodes.some((n) => n.queryApi);
}

export async function answerQuery(spec: ClusterSpec, input: ClusterQueryInput, opts: ModeOptions): Promise<ModeAnswer> {
  switch (opts.mode) {
    case 'local':
      return runLocal(spec, input, opts, 'local: remote_read from every node, evaluated by rrx');
    case 'pushdown':
      return runPushdown(spec, input, opts, 'pushdown: each node evaluated the query with its own engine');
    case 'delegate':
      return runDelegate(spec, input, opts, 'delegate');
    case 'auto':
      return runAuto(spec, input, opts);
  }
}

async function runLocal(spec: ClusterSpec, input: ClusterQueryInput, opts: ModeOptions, note: string, requested: QueryMode = opts.mode): Promise<ModeAnswer> {
  if (!spec.nodes.length) throw new QueryModeError('local evaluation needs remote_read nodes (--endpoint); this cluster has engines only, use --mode delegate');
  if (opts.streaming) {
    // Streamed where the query allows (docs/streaming.md); the note says which path answered.
    const { ast, snapshot, result } = await readAndEvaluate(spec, input, {
      perNode: opts.perNode,
      findings: opts.findings,
      nodeLookback: opts.nodeLookback,
      signal: opts.signal,
      cache: opts.cache,
      onProgress: opts.onProgress,
      memory: opts.memory,
      maxSamples: opts.maxSamples,
      timeoutMs: opts.timeoutMs,
    });
    const path = result.evaluation ? `; ${describeEvaluation(result.evaluation)}` : '';
    return { requested, mode: 'local', note: note + path, merged: result.merged, perNode: result.perNode, local: result, partial: result.partial, ast, snapshot };
  }
  const started = performance.now();
  const bounded = opts.maxMemoryBytes === undefined ? spec : { ...spec, maxMemoryBytes: opts.maxMemoryBytes };
  const { ast, snapshot } = await readForQuery(bounded, input, { signal: opts.signal, cache: opts.cache, onProgress: opts.onProgress, memory: opts.memory });
  // Off the main thread when the process set up eval workers: a cancel or the deadline ends it at any moment.
  const timeoutMs = opts.timeoutMs === undefined ? undefined : Math.max(1, opts.timeoutMs - (performance.now() - started));
  const local = await evaluateOffThread(spec, ast, input, snapshot, {
    perNode: opts.perNode,
    findings: opts.findings,
    nodeLookback: opts.nodeLookback,
    signal: opts.signal,
    maxSamples: opts.maxSamples,
    timeoutMs,
  });
  return { requested, mode: 'local', note, merged: local.merged, perNode: local.perNode, local, partial: local.partial, ast, snapshot };
}

/** Every node's own engine, in node order (null where the node failed). */
async function nodeAnswers(spec: ClusterSpec, input: ClusterQueryInput, signal?: AbortSignal): Promise<{ answers: (EvaluatedResult | null)[]; partial: PartialNotice[] }> {
  const missing = spec.nodes.filter((n) => !n.queryApi);
  if (!spec.nodes.length) throw new QueryModeError('pushdown needs nodes with a query API (--endpoint paired with --query-api)');
  if (missing.length) throw new QueryModeError(`pushdown needs every node's query API; ${missing.map((n) => n.name).join(', ')} has none (give as many --query-api as --endpoint)`);
  const settled = await Promise.allSettled(spec.nodes.map((n) => engineQuery(withTimeout(n.queryApi!, spec), input, { signal })));
  const partial: PartialNotice[] = [];
  const answers = settled.map((s, i) => {
    if (s.status === 'fulfilled') return s.value;
    const n = spec.nodes[i];
    if (s.reason instanceof EngineError && s.reason.kind === 'query') throw s.reason; // the query itself is bad
    partial.push({ node: n.name, host: hostOf(n.queryApi!.url), reason: errorText(s.reason) });
    return null;
  });
  if (signal?.aborted) throw new ClusterReadError('The query was cancelled.', []);
  const list = partial.map((f) => `${f.node} (${f.host}): ${f.reason}`).join('; ');
  if (partial.length === spec.nodes.length) throw new ClusterReadError(`No node's query API answered. ${list}`, partial.map((p) => ({ ...p })));
  if (partial.length && spec.partialPolicy === 'strict') throw new ClusterReadError(`Strict mode: not every node's query API answered. ${list}`, partial.map((p) => ({ ...p })));
  return { answers, partial };
}

function withTimeout(cfg: QueryApiConfig, spec: ClusterSpec): QueryApiConfig {
  return cfg.remoteTimeoutMs ? cfg : { ...cfg, remoteTimeoutMs: spec.timeoutMs };
}

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'toUserMessage' in e) return (e as { toUserMessage(): string }).toUserMessage();
  return e instanceof Error ? e.message : String(e);
}

async function runPushdown(spec: ClusterSpec, input: ClusterQueryInput, opts: ModeOptions, note: string, requested: QueryMode = opts.mode): Promise<ModeAnswer> {
  const ast = parseQuery(input.expr, spec.compat);
  const verdict = pushdownVerdict(ast, spec.strategy);
  const { answers, partial } = await nodeAnswers(spec, input, opts.signal);
  const partialWarnings = partial.map((p) => `the query API of node ${p.node} (${p.host}) failed, the result is partial: ${p.reason}`);
  if (!verdict.exact) {
    // Per-node views stay the nodes' own (exact) answers; the merged view needs the raw data.
    const local = await runLocal(spec, input, { ...opts, perNode: false }, '', requested);
    return {
      ...local,
      note: `${note}; merged view evaluated locally because it cannot be built exactly from per-node answers: ${verdict.reason}`,
      perNode: opts.perNode ? answers : undefined,
      partial: [...local.partial, ...partial],
    };
  }
  const merged = combineNodeAnswers(answers.filter((a): a is EvaluatedResult => a !== null), input.frame, verdict.combine);
  merged.warnings.push(...partialWarnings);
  return {
    requested,
    mode: 'pushdown',
    note: `${note}; merged view is the ${verdict.combine} of the per-node answers (exact for this query under the union merge)`,
    merged,
    perNode: opts.perNode ? answers : undefined,
    partial,
  };
}

/** The delegate engine: by name or URL, else the first engine-only node. */
export function delegateEngine(spec: ClusterSpec, want?: string): { name: string; queryApi: QueryApiConfig } {
  const candidates = [...(spec.engines ?? []), ...spec.nodes.filter((n) => n.queryApi).map((n) => ({ name: n.name, queryApi: n.queryApi! }))];
  if (want !== undefined) {
    const hit = candidates.find((c) => c.name === want || c.queryApi.url === want || endpointDisplayName(c.queryApi) === want);
    if (!hit) throw new QueryModeError(`the delegate "${want}" is none of the cluster's query APIs (${candidates.map((c) => c.name).join(', ') || 'none'})`);
    return hit;
  }
  const first = spec.engines?.[0];
  if (!first) throw new QueryModeError('delegate needs an engine node: a --query-api without a paired --endpoint (e.g. Thanos Query, Mimir or the seed\'s 9090)');
  return first;
}

async function runDelegate(spec: ClusterSpec, input: ClusterQueryInput, opts: ModeOptions, why: string, requested: QueryMode = opts.mode): Promise<ModeAnswer> {
  parseQuery(input.expr, spec.compat); // the same parse errors as every other mode
  const engine = delegateEngine(spec, opts.delegateTo);
  const merged = await engineQuery(withTimeout(engine.queryApi, spec), input, { signal: opts.signal });
  return { requested, mode: 'delegate', engine: engine.name, note: `${why}: the whole query was answered by the engine ${engine.name}`, merged, partial: [] };
}

/** What a local evaluation would pull, from a query API's /api/v1/series (every node sends its own copy). */
export async function estimateLocalPull(spec: ClusterSpec, input: ClusterQueryInput, signal?: AbortSignal): Promise<LocalEstimate | null> {
  const probe = spec.nodes.find((n) => n.queryApi)?.queryApi ?? spec.engines?.[0]?.queryApi;
  if (!probe) return null;
  const ast = parseQuery(input.expr, spec.compat);
  const requests = planSelectors(ast, { startMs: input.frame.startMs, endMs: input.frame.endMs, stepMs: input.frame.stepMs, lookbackDeltaMs: input.lookbackDeltaMs, compat: spec.compat });
  const copies = Math.max(1, spec.nodes.length);
  const counts = await Promise.all(
    requests.map(async (r) => {
      const selector = `{${r.matchers.map(matcherToString).join(',')}}`;
      const series = await engineSeries(withTimeout(probe, spec), selector, r.startMs, r.endMs, { signal });
      return { series: series.length * copies, windowMs: r.endMs - r.startMs };
    }),
  );
  return estimateLocal(counts);
}

async function runAuto(spec: ClusterSpec, input: ClusterQueryInput, opts: ModeOptions): Promise<ModeAnswer> {
  const budget = opts.maxMemoryBytes ?? spec.maxMemoryBytes ?? defaultQueryBudgetBytes();
  if (!spec.nodes.length) return runDelegate(spec, input, opts, 'auto chose delegate (the cluster has engines only)', 'auto');
  if (!hasQueryApis(spec)) return runLocal(spec, input, opts, 'auto chose local: no node has a query API', 'auto');
  // hasQueryApis guarantees a probe, so the estimate exists.
  const estimate = (await estimateLocalPull(spec, input, opts.signal))!;
  const est = estimate;
  const size = `${est.series} series, about ${est.samples} samples (${formatBytes(est.bytes)}) against a budget of ${formatBytes(budget)}`;
  if (est.bytes <= budget) return { ...(await runLocal(spec, input, opts, `auto chose local: ${size}`, 'auto')), estimate };
  const verdict = pushdownVerdict(parseQuery(input.expr, spec.compat), spec.strategy);
  const allApis = spec.nodes.every((n) => n.queryApi);
  if (allApis && verdict.exact) return { ...(await runPushdown(spec, input, opts, `auto chose pushdown: ${size}`, 'auto')), estimate };
  if (spec.engines?.length) {
    const why = !allApis ? 'not every node has a query API' : verdict.exact ? '' : verdict.reason;
    return { ...(await runDelegate(spec, input, opts, `auto chose delegate (${size}; pushdown would not be exact: ${why})`, 'auto')), estimate };
  }
  if (allApis) return { ...(await runPushdown(spec, input, opts, `auto chose pushdown: ${size}`, 'auto')), estimate };
  const answer = await runLocal(spec, input, opts, `auto chose local although ${size}: no engine can take the query`, 'auto');
  answer.merged.warnings.push(`the local evaluation is over the memory budget (${size}) and no engine node can take it`);
  return { ...answer, estimate };
}

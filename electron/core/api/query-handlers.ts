// Handlers for query.*: run (fan-out → merge → evaluate, with progress events), cancel, and remerge from the cached
// raw snapshot of a finished query (no network). Parse errors answer with the engine's own position and wording.
import { RawReadCache } from '@core/cluster/fanout/raw-read-cache';
import type { NodeProgress } from '@core/cluster/fanout/types';
import { ParseError, parse } from '@core/promql/parser';
import { readForQuery, type ClusterQueryInput, type ClusterQueryResult } from '@core/query/run-cluster-query';
import { ProcessMemoryBudget, type QueryMemoryBudget } from '@core/memory/budget';
import { defaultProcessBudgetBytes, defaultQueryBudgetBytes } from '@core/memory/sizes';
import { evaluateOffThread } from '@core/query/eval-worker/off-thread';
import { instantFrame, rangeFrame, type TimeFrame } from '@core/query/time-frame';
import { toResultView } from '@core/query/result-view';
import { answerQuery, hasQueryApis } from '@core/query/answer-modes';
import { engineResultView } from '@core/query/engine-result-view';
import { hasEngineColumns, queryEngines, type EngineAnswer } from '@core/query/answer-comparison';
import { engineColumns } from '@core/query/engine-columns';
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { ParseCheck, QueryRequest, QueryResultView } from '@shared/api/query-types';
import { ApiCallError } from './api-error';
import type { EventSink } from './handlers';
import { QuerySessions, type QuerySession } from './query-sessions';

export interface QueryHandlerDeps {
  emit: EventSink;
  /** The cluster a profile stands for, secrets resolved (main process only). */
  clusterFor(profileId: string): Promise<ClusterSpec>;
  cache?: RawReadCache;
  /** Shared with the workspace handlers, which save these queries' raw snapshots. */
  sessions?: QuerySessions;
  /** The app's memory budget over its running queries (each query also has its own: request, profile, default). */
  memory?: ProcessMemoryBudget;
}

export function checkParse(expr: string): ParseCheck {
  try {
    parse(expr);
    return { ok: true };
  } catch (e) {
    if (e instanceof ParseError) {
      return { ok: false, message: e.message, line: e.line, column: e.column, start: e.positionRange.start, end: Math.max(e.positionRange.end, e.positionRange.start + 1) };
    }
    return { ok: false, message: (e as Error).message };
  }
}

function frameOf(r: QueryRequest): TimeFrame {
  if (r.kind === 'instant') return instantFrame(r.timeMs ?? Date.now());
  if (r.startMs === undefined || r.endMs === undefined || r.stepMs === undefined) {
    throw new ApiCallError('invalid-request', 'A range query needs a start, an end and a step.', 'request.startMs');
  }
  return rangeFrame(r.startMs, r.endMs, r.stepMs);
}

export function createQueryHandlers(deps: QueryHandlerDeps) {
  const sessions = deps.sessions ?? new QuerySessions();
  const cache = deps.cache ?? new RawReadCache();
  const pool = deps.memory ?? new ProcessMemoryBudget(defaultProcessBudgetBytes(), 'raise the memory budget');

  function view(session: QuerySession, result: ClusterQueryResult, totalMs: number): QueryResultView {
    const { request, spec, input, snapshot } = session;
    return toResultView({ queryId: request.queryId, expr: request.expr, kind: request.kind, spec, input, snapshot: snapshot!, result, totalMs });
  }

  /** The Compare view's engine columns, compared with rrx under the shown strategy (no-op without engines). */
  async function withEngines(session: QuerySession, v: QueryResultView, signal?: AbortSignal): Promise<QueryResultView> {
    if (!session.engines || !session.ast || !session.snapshot) return v;
    const cols = await engineColumns({ spec: session.spec, ast: session.ast, input: session.input, snapshot: session.snapshot, strategy: v.strategy, engines: await session.engines, signal, timeoutMs: session.spec.queryTimeoutMs });
    return { ...v, ...cols };
  }

  async function runQuery(
    request: QueryRequest,
    spec: ClusterSpec,
    input: ClusterQueryInput,
    session: QuerySession,
    memory: QueryMemoryBudget,
    onProgress: (p: NodeProgress) => void,
    started: number,
  ): Promise<QueryResultView> {
    const { signal } = session.controller;
    const mode = request.mode ?? 'auto';
    const perNode = request.perNode ?? request.kind === 'range';
    // The Compare view asks every engine the same query, alongside the reads (the answers are kept for re-merges).
    // (A delegated answer has no raw data to compare with; an exact pushdown has none either and drops them.)
    if (request.findings && request.kind === 'range' && mode !== 'delegate' && hasEngineColumns(spec)) {
      const engines: Promise<EngineAnswer[]> = queryEngines(spec, input, signal);
      engines.catch(() => undefined); // awaited below; a read failure must not leave it unhandled
      session.engines = engines;
    }
    // auto without any query API can only be local; an explicit pushdown/delegate goes through (and says what is missing).
    if (mode !== 'local' && (mode !== 'auto' || hasQueryApis(spec))) {
      const asked = request.strategy ? { ...spec, strategy: request.strategy } : spec;
      const answer = await answerQuery(asked, input, {
        mode,
        ...(request.delegateTo ? { delegateTo: request.delegateTo } : {}),
        perNode,
        findings: request.findings ?? false,
        nodeLookback: comparisonLookback(request),
        signal,
        cache,
        onProgress,
        timeoutMs: spec.queryTimeoutMs,
        maxMemoryBytes: memory.limitBytes,
        memory,
      });
      const totalMs = performance.now() - started;
      if (!answer.local || !answer.snapshot || !answer.ast) return engineResultView({ queryId: request.queryId, expr: request.expr, kind: request.kind, spec: asked, input, answer, totalMs });
      session.ast = answer.ast;
      session.snapshot = answer.snapshot;
      // A pushdown fallback keeps the nodes' own answers as the per-node views.
      const local = answer.perNode && answer.perNode !== answer.local.perNode ? { ...answer.local, perNode: answer.perNode } : answer.local;
      return withEngines(session, { ...view(session, local, totalMs), answer: { requested: answer.requested, mode: answer.mode, note: answer.note } }, signal);
    }
    const { ast, snapshot } = await readForQuery(spec, input, { signal, cache, onProgress, memory });
    session.ast = ast;
    session.snapshot = snapshot;
    // In a worker thread: IPC and the bridge stay responsive; query.cancel terminates it at once.
    const res = await evaluateOffThread(spec, ast, input, snapshot, {
      strategy: request.strategy,
      perNode,
      findings: request.findings ?? false,
      nodeLookback: comparisonLookback(request),
      signal,
      timeoutMs: spec.queryTimeoutMs,
    });
    const note = mode === 'local' ? 'local: remote_read from every node, evaluated by rrx' : 'auto chose local: no node has a query API';
    return withEngines(session, { ...view(session, res, performance.now() - started), answer: { requested: mode, mode: 'local', note } }, signal);
  }

  return {
    'query.parse': async ({ expr }: { expr: string }) => checkParse(expr),

    'query.run': async ({ request }: { request: QueryRequest }): Promise<QueryResultView> => {
      const started = performance.now();
      const spec = await deps.clusterFor(request.profileId);
      if (request.partialPolicy) spec.partialPolicy = request.partialPolicy;
      const input = { expr: request.expr, frame: frameOf(request), lookbackDeltaMs: request.lookbackDeltaMs };
      const session: QuerySession = { request, spec, input, controller: new AbortController() };
      sessions.start(session);
      const onProgress = (p: NodeProgress) => {
        const node = spec.nodes.find((n) => n.index === p.node);
        deps.emit('query.progress', {
          queryId: request.queryId,
          node: node?.name ?? String(p.node),
          state: p.state,
          bytes: p.bytes,
          series: p.series,
          samples: p.samples,
          ...(p.error ? { error: p.error } : {}),
        });
      };
      // Its raw samples charge this budget as they are decoded, and go back to the app's when the answer is sent.
      const memory = pool.open(request.maxMemoryBytes ?? spec.maxMemoryBytes ?? defaultQueryBudgetBytes(), 'raise the memory budget');
      try {
        return await runQuery(request, spec, input, session, memory, onProgress, started);
      } finally {
        memory.close();
      }
    },

    'query.cancel': async ({ queryId }: { queryId: string }): Promise<void> => {
      sessions.cancel(queryId);
    },

    'query.remerge': async ({ queryId, strategy }: { queryId: string; strategy: QueryRequest['strategy'] & string }): Promise<QueryResultView> => {
      const started = performance.now();
      const session = sessions.get(queryId);
      if (session && !session.snapshot && session.request.mode !== 'local') {
        throw new ApiCallError('query-not-found', 'That answer came from the nodes\' own engines, not from raw data; run it again in local mode to merge it another way.', 'queryId');
      }
      if (!session?.snapshot || !session.ast) throw new ApiCallError('query-not-found', 'That query is no longer cached; run it again.', 'queryId');
      const res = await evaluateOffThread(session.spec, session.ast, session.input, session.snapshot, {
        strategy,
        perNode: session.request.perNode ?? session.request.kind === 'range',
        findings: session.request.findings ?? false,
        nodeLookback: comparisonLookback(session.request),
        timeoutMs: session.spec.queryTimeoutMs,
      });
      return withEngines(session, view(session, res, performance.now() - started));
    },
  };
}

/** The comparison (findings requested) draws each node with a lookback of its own scrape interval, so its gaps break
 * its chart; everything else keeps the query's Prometheus-exact lookback. */
function comparisonLookback(request: QueryRequest): 'query' | 'scrape-interval' {
  return request.findings ? 'scrape-interval' : 'query';
}

// /api/v1/query and /api/v1/query_range: parameters → parse (bad queries fail before any read) → one gated
// fan-out through the raw-read cache → merge and evaluate under the request's deadline → Prometheus's JSON.
import { parse } from '@core/promql/parser';
import { exprType, type Expr } from '@core/promql/parser/ast';
import { documentedType } from '@core/promql/parser/check';
import { toEngineResult } from '@core/query/evaluate';
import { defaultQueryBudgetBytes } from '@core/query/memory-budget';
import { readAndEvaluate } from '@core/query/read-and-evaluate';
import { describeEvaluation } from '@core/query/streaming/describe';
import { answerQuery, hasQueryApis } from '@core/query/answer-modes';
import type { Compat } from '@core/promql/engine/options';
import type { QueryResult } from '@core/promql/engine/query';
import { ApiError, invalidParam, toApiError } from './api-error';
import { specForNode, type ApiContext, type ApiSuccess, type RequestScope } from './context';
import type { ApiForm } from './form';
import { TRUNCATED_WARNING, instantQueryParams, rangeQueryParams, type QueryParams } from './query-params';
import { requestSignal } from './request-signal';

/** Prometheus 2.x reported a range query's bad expression without the parameter prefix; 3.x adds it. */
function queryError(range: boolean, compat: Compat, msg: string): ApiError {
  return range && compat === 'prometheus2' ? new ApiError('bad_data', msg) : invalidParam('query', msg);
}

function parseQueryParam(p: QueryParams, range: boolean, compat: Compat): Expr {
  let ast: Expr;
  try {
    ast = parse(p.expr, { prometheus2Functions: compat === 'prometheus2' });
  } catch (e) {
    throw queryError(range, compat, (e as Error).message);
  }
  const t = exprType(ast);
  if (range && t !== 'scalar' && t !== 'vector') {
    throw queryError(range, compat, `invalid expression type "${documentedType(t)}" for range query, must be Scalar or instant Vector`);
  }
  return ast;
}

const seconds = (ms: number): number => ms / 1000;

/** The answer, encoded streamed by the writer: cut to `limit` series (with Prometheus's warning), infos added. */
function answerParts(result: QueryResult, limit: number, moreInfos: string[], stats?: unknown): ApiSuccess {
  const warnings = [...result.warnings];
  const cut = (result.resultType === 'vector' || result.resultType === 'matrix') && limit > 0 && result.series.length > limit;
  if (cut) warnings.push(TRUNCATED_WARNING);
  return { data: undefined, answer: { result, limit, warnings, infos: [...result.infos, ...moreInfos], stats } };
}

export async function handleQuery(range: boolean, form: ApiForm, ctx: ApiContext, scope: RequestScope): Promise<ApiSuccess> {
  const p = range ? rangeQueryParams(form) : instantQueryParams(form, ctx.now());
  const spec = specForNode(ctx.spec, p.node);
  parseQueryParam(p, range, spec.compat);
  const t0 = performance.now();
  // As Prometheus: the request's timeout, never longer than the server's own.
  const timeoutMs = Math.min(p.timeoutMs ?? Infinity, ctx.queryTimeoutMs);
  const rs = requestSignal(scope.abortSources, timeoutMs);
  let release: (() => void) | undefined;
  // Held raw samples charge this query's budget and the process's; given back when the answer is written.
  const memory = ctx.memory.open(ctx.maxMemoryBytes ?? spec.maxMemoryBytes ?? defaultQueryBudgetBytes());
  try {
    release = await ctx.gate.acquire(rs.signal);
    const t1 = performance.now();
    const input = { expr: p.expr, frame: p.frame, lookbackDeltaMs: p.lookbackDeltaMs };
    const mode = p.mode ?? ctx.mode;
    if (mode !== undefined || hasQueryApis(spec)) {
      // Through the answer modes; every answer says how it was made in an info entry.
      const answer = await answerQuery(p.strategy ? { ...spec, strategy: p.strategy } : spec, input, {
        mode: mode ?? 'auto',
        maxMemoryBytes: memory.limitBytes,
        memory,
        delegateTo: ctx.delegateTo,
        signal: rs.signal,
        maxSamples: ctx.maxSamples,
        cache: ctx.cache,
        timeoutMs: Math.max(1, timeoutMs - (performance.now() - t0)),
        streaming: true,
      });
      return answerParts(toEngineResult(answer.merged, p.frame.endMs), p.limit, [`rrx answered in ${answer.mode} mode: ${answer.note}`]);
    }
    // Streamed where the query allows (merged and evaluated while the reads arrive), else read whole and evaluated
    // in a worker thread: /-/healthy and other requests are answered meanwhile; the deadline or a closed
    // connection terminates it wherever it is.
    const t2 = performance.now();
    const { result: r } = await readAndEvaluate(spec, input, {
      strategy: p.strategy,
      signal: rs.signal,
      evalSignal: rs.evalSignal,
      cache: ctx.cache,
      memory,
      maxSamples: ctx.maxSamples,
      timeoutMs: Math.max(1, timeoutMs - (performance.now() - t0)),
    });
    const result = toEngineResult(r.merged, p.frame.endMs);
    const t3 = performance.now();
    // Prometheus's stats shape; samples are those the nodes returned (rrx has no per-step peak count).
    const stats =
      p.stats === ''
        ? undefined
        : {
            timings: {
              evalTotalTime: seconds(t3 - t1),
              resultSortTime: 0,
              queryPreparationTime: seconds(t2 - t1),
              innerEvalTime: seconds(t3 - t2),
              execQueueTime: seconds(t1 - t0),
              execTotalTime: seconds(t3 - t0),
            },
            samples: { totalQueryableSamples: r.evaluation?.samplesRead ?? 0, peakSamples: 0 },
            // rrx's own: which evaluation path answered (streaming or the whole snapshot, and why).
            ...(r.evaluation ? { rrxEvaluation: describeEvaluation(r.evaluation) } : {}),
          };
    return answerParts(result, p.limit, [], stats);
  } catch (e) {
    throw toApiError(e, rs.signal);
  } finally {
    memory.close();
    release?.();
    rs.dispose();
  }
}

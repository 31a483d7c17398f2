// The errors the query API answers with: Prometheus's errorType vocabulary and its HTTP status per type
// (web/api/v1/api.go respondError), plus the one place any thrown value becomes such an error.
import { ClusterReadError } from '@core/cluster/fanout/types';
import { QueryError, QueryTimeoutError } from '@core/promql/engine/errors';
import { QueryFrameError } from '@core/query/time-frame';
import { QueryModeError } from '@core/query/answer-modes';
import { EngineError } from '@core/engine-node/types';
import { MemoryBudgetError } from '@core/memory/budget';

const ERROR_TYPES: readonly string[] = ['bad_data', 'execution', 'timeout', 'canceled', 'internal', 'unavailable', 'not_found'];

export type ApiErrorType = 'bad_data' | 'execution' | 'timeout' | 'canceled' | 'internal' | 'unavailable' | 'not_found';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly errorType: ApiErrorType,
    message: string,
  ) {
    super(message);
  }
}

/** Prometheus's invalidParamError: `invalid parameter "step": <why>`, always bad_data. */
export function invalidParam(param: string, why: string): ApiError {
  return new ApiError('bad_data', `invalid parameter ${JSON.stringify(param)}: ${why}`);
}

/** Status codes exactly as Prometheus maps them; canceled and timeout both answer 503 there. */
export function statusOf(t: ApiErrorType): number {
  switch (t) {
    case 'bad_data':
      return 400;
    case 'execution':
      return 422;
    case 'canceled':
    case 'timeout':
    case 'unavailable':
      return 503;
    case 'not_found':
      return 404;
    case 'internal':
      return 500;
  }
}

/**
 * Any failure of a request as an ApiError. A fired deadline wins over whatever the abort surfaced as (a cancelled
 * fan-out reports itself as a ClusterReadError). Unknown errors are our bugs, so `internal`, never `execution`.
 */
export function toApiError(e: unknown, signal?: AbortSignal): ApiError {
  if (e instanceof ApiError) return e;
  // Too big for one query: `execution` (422), as Prometheus answers a query over --query.max-samples. Too much for
  // the process at the moment (other queries hold the rest): `unavailable` (503), worth retrying.
  if (e instanceof MemoryBudgetError) return new ApiError(e.scope === 'process' ? 'unavailable' : 'execution', e.message);
  if (signal?.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    if (reason?.name === 'TimeoutError') {
      return new ApiError('timeout', e instanceof QueryTimeoutError ? e.message : new QueryTimeoutError('query preparation').message);
    }
    if (!(e instanceof QueryError)) return new ApiError('canceled', 'query was canceled in query preparation');
  }
  if (e instanceof QueryError) return new ApiError(e.errorType, e.message);
  if (e instanceof QueryFrameError) return new ApiError('bad_data', e.message);
  if (e instanceof ClusterReadError) return new ApiError('unavailable', e.toUserMessage());
  if (e instanceof QueryModeError) return new ApiError('bad_data', e.message);
  if (e instanceof EngineError) return new ApiError(e.kind === 'query' && ERROR_TYPES.includes(e.errorType ?? '') ? (e.errorType as ApiErrorType) : e.kind === 'query' ? 'execution' : 'unavailable', e.toUserMessage());
  const err = e as { name?: string; message?: string } | undefined;
  if (err?.name === 'ParseError') return invalidParam('query', err.message ?? String(e));
  return new ApiError('internal', (err?.message ?? String(e)).split('\n')[0]);
}

// The errors query execution can end with, worded as Prometheus words them. Each carries the API `errorType` it
// maps to so the HTTP-API layer never has to guess from the message text.
export type QueryErrorType = 'bad_data' | 'execution' | 'timeout' | 'canceled';

export class QueryError extends Error {
  override readonly name: string = 'QueryError';
  constructor(
    message: string,
    readonly errorType: QueryErrorType = 'execution',
  ) {
    super(message);
  }
}

/** Prometheus's ErrTooManySamples. */
export class TooManySamplesError extends QueryError {
  override readonly name = 'TooManySamplesError';
  constructor(env = 'query execution') {
    super(`query processing would load too many samples into memory in ${env}`, 'execution');
  }
}

/** Prometheus's ErrQueryCanceled (AbortSignal fired). */
export class QueryCanceledError extends QueryError {
  override readonly name = 'QueryCanceledError';
  constructor(env = 'expression evaluation') {
    super(`query was canceled in ${env}`, 'canceled');
  }
}

/** Prometheus's ErrQueryTimeout (AbortSignal fired with a TimeoutError reason). */
export class QueryTimeoutError extends QueryError {
  override readonly name = 'QueryTimeoutError';
  constructor(env = 'expression evaluation') {
    super(`query timed out in ${env}`, 'timeout');
  }
}

/** rrx's bound on one subquery's steps, worded like Prometheus's resolution limit of range queries. */
export class TooManySubqueryStepsError extends QueryError {
  override readonly name = 'TooManySubqueryStepsError';
  constructor(
    readonly steps: number,
    readonly limit: number,
  ) {
    super(
      `exceeded maximum of ${limit.toLocaleString('en-US')} steps per subquery (this one would evaluate ${steps.toLocaleString('en-US')}). Try a larger subquery step or a shorter range`,
      'execution',
    );
  }
}

/** Throw the matching error when the signal has fired; called between steps and series. */
export function checkAbort(signal: AbortSignal | undefined, deadlineMs = Infinity): void {
  if (Date.now() > deadlineMs) throw new QueryTimeoutError();
  if (!signal?.aborted) return;
  const reason = signal.reason as { name?: string } | undefined;
  if (reason && reason.name === 'TimeoutError') throw new QueryTimeoutError();
  throw new QueryCanceledError();
}

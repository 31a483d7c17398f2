// What crosses the thread boundary for one off-thread evaluation: the job (AST, frame, raw snapshot — node
// endpoints and secrets stripped), the reply (the result, its typed arrays transferred) and errors as plain data.
import { ClusterReadError } from '@core/cluster/fanout/types';
import { QueryCanceledError, QueryError, QueryTimeoutError, type QueryErrorType } from '@core/promql/engine/errors';
import type { Expr } from '@core/promql/parser/ast';
import type { ClusterSpec } from '../cluster-spec';
import type { RawSnapshot } from '../raw-snapshot';
import type { ClusterQueryInput, ClusterQueryResult, EvaluateSnapshotOptions } from '../run-cluster-query';

export interface EvalJob {
  spec: ClusterSpec;
  ast: Expr;
  input: ClusterQueryInput;
  snapshot: RawSnapshot;
  opts: Omit<EvaluateSnapshotOptions, 'signal'>;
}

export interface SerializedError {
  name: string;
  message: string;
  errorType?: QueryErrorType;
}

export type EvalReply = { ok: true; result: ClusterQueryResult } | { ok: false; error: SerializedError };

/** The job without anything a worker must not see: endpoints (URLs with credentials, TLS, proxies) become blank. */
export function makeJob(spec: ClusterSpec, ast: Expr, input: ClusterQueryInput, snapshot: RawSnapshot, opts: EvalJob['opts']): EvalJob {
  const blank = (n: { index: number; name: string }) => ({ index: n.index, name: n.name, endpoint: { url: '' } });
  return {
    spec: { ...spec, nodes: spec.nodes.map(blank) },
    ast,
    input,
    snapshot: { ...snapshot, outcomes: snapshot.outcomes.map((o) => ({ ...o, node: blank(o.node) })) },
    opts,
  };
}

export function serializeError(e: unknown): SerializedError {
  const err = e as { name?: unknown; message?: unknown; errorType?: unknown } | undefined;
  const out: SerializedError = { name: typeof err?.name === 'string' ? err.name : 'Error', message: typeof err?.message === 'string' ? err.message : String(e) };
  if (e instanceof QueryError) out.errorType = e.errorType;
  return out;
}

/** Back to the typed errors the callers (serve-api, the app's API, the CLI) already map to their answers. */
export function deserializeError(s: SerializedError): Error {
  if (s.name === 'QueryTimeoutError') return new QueryTimeoutError();
  if (s.name === 'QueryCanceledError') return new QueryCanceledError();
  if (s.errorType) {
    const e = new QueryError(s.message, s.errorType);
    Object.defineProperty(e, 'name', { value: s.name });
    return e;
  }
  if (s.name === 'ClusterReadError') return new ClusterReadError(s.message, []);
  const e = new Error(s.message);
  e.name = s.name;
  return e;
}

/** Every distinct ArrayBuffer under the result's typed arrays, to transfer rather than copy. */
export function transferables(r: ClusterQueryResult): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  const add = (a: { buffer: ArrayBufferLike }): void => {
    if (a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
  };
  for (const res of [r.merged, ...(r.perNode ?? [])]) {
    if (!res) continue;
    for (const s of res.series) {
      add(s.timestamps);
      add(s.values);
    }
  }
  return [...seen];
}

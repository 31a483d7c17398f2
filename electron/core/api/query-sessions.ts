// The app's recent queries: what each read (its raw snapshot), so a strategy switch re-merges and re-evaluates
// without a network call, and the AbortController that cancels it. Bounded: the oldest finished sessions go first.
import type { EngineAnswer } from '@core/query/answer-comparison';
import type { Expr } from '@core/promql/parser/ast';
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { RawSnapshot } from '@core/query/raw-snapshot';
import type { ClusterQueryInput } from '@core/query/run-cluster-query';
import type { QueryRequest } from '@shared/api/query-types';

export interface QuerySession {
  request: QueryRequest;
  spec: ClusterSpec;
  input: ClusterQueryInput;
  controller: AbortController;
  ast?: Expr;
  snapshot?: RawSnapshot;
  /** Compare view: the engines' answers to this query, kept so a re-merge compares without asking them again. */
  engines?: Promise<EngineAnswer[]>;
}

export class QuerySessions {
  private readonly sessions = new Map<string, QuerySession>();

  constructor(private readonly keep = 32) {}

  start(session: QuerySession): void {
    this.sessions.get(session.request.queryId)?.controller.abort();
    this.sessions.delete(session.request.queryId);
    this.sessions.set(session.request.queryId, session);
    while (this.sessions.size > this.keep) {
      const oldest = this.sessions.keys().next().value as string;
      this.sessions.get(oldest)?.controller.abort();
      this.sessions.delete(oldest);
    }
  }

  get(queryId: string): QuerySession | undefined {
    return this.sessions.get(queryId);
  }

  cancel(queryId: string): boolean {
    const s = this.sessions.get(queryId);
    if (!s) return false;
    s.controller.abort(new Error('cancelled by the user'));
    return true;
  }
}

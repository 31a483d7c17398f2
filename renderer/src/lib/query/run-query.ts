// One query run: subscribe to its progress events, call query.run, unsubscribe however it ends. Cancel asks the app
// to stop (query.cancel) — the run call then fails with the app's cancel error. Plain TS over injected API functions.
import type { QueryRequest, QueryResultView } from '@shared/api/query-types';
import type { QueryProgressEvent } from '@shared/api/types';
import { applyProgress, initialProgress, type ProgressState } from './progress';

export interface RunDeps {
  run(request: QueryRequest): Promise<QueryResultView>;
  cancel(queryId: string): Promise<void>;
  onProgress(listener: (ev: QueryProgressEvent) => void): () => void;
}

export class QueryRun {
  progress: ProgressState;
  cancelled = false;
  readonly result: Promise<QueryResultView>;

  constructor(
    readonly request: QueryRequest,
    nodeNames: readonly string[],
    private readonly deps: RunDeps,
    onProgress: (p: ProgressState) => void,
  ) {
    this.progress = initialProgress(nodeNames);
    const off = deps.onProgress((ev) => {
      if (ev.queryId !== request.queryId) return;
      this.progress = applyProgress(this.progress, ev);
      onProgress(this.progress);
    });
    this.result = deps.run(request).finally(off);
  }

  async cancel(): Promise<void> {
    this.cancelled = true;
    await this.deps.cancel(this.request.queryId);
  }
}

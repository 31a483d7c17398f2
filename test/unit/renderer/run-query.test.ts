import { describe, expect, it, vi } from 'vitest';
import type { QueryResultView } from '../../../shared/api/query-types';
import type { QueryProgressEvent } from '../../../shared/api/types';
import { QueryRun } from '../../../renderer/src/lib/query/run-query';

function deps() {
  let listener: ((ev: QueryProgressEvent) => void) | null = null;
  let resolve!: (v: QueryResultView) => void;
  let reject!: (e: Error) => void;
  const off = vi.fn(() => (listener = null));
  return {
    emit: (ev: QueryProgressEvent) => listener?.(ev),
    resolve: (v: QueryResultView) => resolve(v),
    reject: (e: Error) => reject(e),
    off,
    deps: {
      run: vi.fn(() => new Promise<QueryResultView>((res, rej) => ((resolve = res), (reject = rej)))),
      cancel: vi.fn(async () => undefined),
      onProgress: (l: (ev: QueryProgressEvent) => void) => ((listener = l), off),
    },
  };
}

const req = { queryId: 'q1', profileId: 'p', expr: 'up', kind: 'range' as const };

describe('a query run', () => {
  it('folds only its own progress events and unsubscribes when the answer comes', async () => {
    const d = deps();
    const seen: number[] = [];
    const run = new QueryRun(req, ['a', 'b'], d.deps, (p) => seen.push(p.length));
    d.emit({ queryId: 'other', node: 'a', state: 'done', bytes: 1, series: 1, samples: 1 });
    d.emit({ queryId: 'q1', node: 'a', state: 'reading', bytes: 5, series: 1, samples: 2 });
    expect(run.progress[0]).toMatchObject({ node: 'a', state: 'reading', bytes: 5 });
    expect(seen).toEqual([2]);
    d.resolve({ queryId: 'q1' } as QueryResultView);
    await run.result;
    expect(d.off).toHaveBeenCalledTimes(1);
  });
  it('cancel asks the app and marks the run; a failure still unsubscribes', async () => {
    const d = deps();
    const run = new QueryRun(req, ['a'], d.deps, () => undefined);
    await run.cancel();
    expect(d.deps.cancel).toHaveBeenCalledWith('q1');
    expect(run.cancelled).toBe(true);
    d.reject(new Error('cancelled'));
    await expect(run.result).rejects.toThrow('cancelled');
    expect(d.off).toHaveBeenCalledTimes(1);
  });
});

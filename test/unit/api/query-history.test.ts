// Query history keeps how each run ended: the status (and a failed run's error) travel with the entry.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QueryHistory } from '@core/api/query-history';

describe('query history outcomes', () => {
  it('records ok and failed runs, newest first, error only on failures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rrx-history-'));
    const h = new QueryHistory(dir);
    h.add('up', 'p1', 1000, { status: 'ok', error: 'ignored' });
    h.add('rate(', 'p1', 2000, { status: 'failed', error: 'parse error at 1:6' });
    expect(h.list()).toEqual([
      { expr: 'rate(', profileId: 'p1', atMs: 2000, status: 'failed', error: 'parse error at 1:6' },
      { expr: 'up', profileId: 'p1', atMs: 1000, status: 'ok' },
    ]);
    // Persisted: a new instance reads the same.
    expect(new QueryHistory(dir).list()[0].status).toBe('failed');
  });
});

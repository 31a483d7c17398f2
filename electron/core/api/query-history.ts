// Query history, persisted as a small JSON file in the app's data folder (newest first, de-duplicated, bounded)
// and searchable by substring. A corrupt file is set aside, never silently overwritten.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HistoryEntry } from '@shared/api/query-types';

const MAX_ENTRIES = 500;

export class QueryHistory {
  private entries: HistoryEntry[] | undefined;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'query-history.json');
  }

  list(search?: string, limit = 100): HistoryEntry[] {
    const needle = search?.toLowerCase().trim();
    const all = this.load();
    return (needle ? all.filter((e) => e.expr.toLowerCase().includes(needle)) : all).slice(0, limit);
  }

  add(expr: string, profileId?: string, nowMs = Date.now(), outcome: { status?: 'ok' | 'failed'; error?: string } = {}): void {
    const text = expr.trim();
    if (!text) return;
    const rest = this.load().filter((e) => e.expr !== text);
    const entry: HistoryEntry = { expr: text, ...(profileId ? { profileId } : {}), atMs: nowMs };
    if (outcome.status) entry.status = outcome.status;
    if (outcome.status === 'failed' && outcome.error) entry.error = outcome.error;
    this.entries = [entry, ...rest].slice(0, MAX_ENTRIES);
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.entries));
    renameSync(tmp, this.file);
  }

  private load(): HistoryEntry[] {
    if (this.entries) return this.entries;
    if (!existsSync(this.file)) return (this.entries = []);
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      if (!Array.isArray(parsed)) throw new Error('not a list');
      this.entries = parsed.filter((e): e is HistoryEntry => typeof e?.expr === 'string' && typeof e?.atMs === 'number');
    } catch {
      renameSync(this.file, `${this.file}.corrupt-${Date.now()}`);
      this.entries = [];
    }
    return this.entries;
  }
}

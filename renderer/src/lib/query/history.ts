// Query history as the dropdown shows it: newest first, each expression once. Pure.
import type { HistoryEntry } from '@shared/api/query-types';

export function uniqueHistory(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const seen = new Set<string>();
  const out: HistoryEntry[] = [];
  for (const e of [...entries].sort((a, b) => b.atMs - a.atMs)) {
    if (seen.has(e.expr)) continue;
    seen.add(e.expr);
    out.push(e);
  }
  return out;
}

// What the error panel offers when a query crossed its memory budget: the last quarter of the range, a budget that
// would fit (twice the one crossed, within the app's), or the nodes' own engines. Pure: the panel applies the patch
// and runs again.
import type { ProfileView } from '@shared/api/profile-types';
import type { MemoryBudgetInfo } from '@shared/api/query-types';
import { MAX_MEMORY_BUDGET_BYTES } from '@shared/api/query-types';
import { resolveRange, type TimeRange } from '../time-range';

export interface MemoryRemedies {
  /** The range's last quarter (same end: "the last 15m" of an hour). */
  narrow: TimeRange;
  /** A bigger budget for this panel's runs; null when no bigger one can be had (the app's is the ceiling). */
  raiseTo: number | null;
  /** Every node has a query API, so each can evaluate the query itself. */
  pushdown: boolean;
}

/** The last quarter of a range, ending where it ends (a relative range stays relative). */
export function lastQuarter(range: TimeRange, nowMs: number): TimeRange {
  if (range.kind === 'relative') return { kind: 'relative', durationMs: Math.max(1000, Math.round(range.durationMs / 4)) };
  const { startMs, endMs } = resolveRange(range, nowMs);
  return { kind: 'absolute', startMs: endMs - Math.max(1000, Math.round((endMs - startMs) / 4)), endMs };
}

/**
 * Twice the budget crossed, capped by the app's own; null for the app's budget (other queries held the rest: raising
 * this panel's does not help) or when the query's was already the ceiling.
 */
export function raisedBudget(info: MemoryBudgetInfo): number | null {
  if (info.scope === 'process') return null;
  const next = Math.min(2 * info.limitBytes, info.ceilingBytes, MAX_MEMORY_BUDGET_BYTES);
  return next > info.limitBytes ? next : null;
}

export function canPushDown(profile: Pick<ProfileView, 'nodes'> | null | undefined): boolean {
  return !!profile && profile.nodes.length > 0 && profile.nodes.every((n) => !!n.queryApi);
}

export function memoryRemedies(info: MemoryBudgetInfo, range: TimeRange, profile: Pick<ProfileView, 'nodes'> | null | undefined, nowMs: number): MemoryRemedies {
  return { narrow: lastQuarter(range, nowMs), raiseTo: raisedBudget(info), pushdown: canPushDown(profile) };
}

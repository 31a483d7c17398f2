// Opening a profile whose data ends in the past (a stopped collector, a backfilled TSDB): the first panels should
// not show an empty "last hour". Pure: which range to show instead, how to say so, and which profiles were already
// looked at (kept in localStorage so a profile is probed once, when it is created or first opened).
import { formatDuration } from '../time-range';
import { formatHourMinute, type TimeFormat } from '../time-format';

const MINUTE = 60_000;
export const CHECKED_KEY = 'rrx.dataExtentChecked';

/**
 * The range to show when the data ends before a relative range of `durationMs` would start: the same length,
 * ending at the newest sample (rounded up to the minute). Null when the relative range already shows data.
 */
export function rangeForDataEnd(newestMs: number | null, nowMs: number, durationMs: number): { startMs: number; endMs: number } | null {
  if (newestMs === null || !(durationMs > 0) || newestMs >= nowMs - durationMs) return null;
  const endMs = Math.ceil((newestMs + 1) / MINUTE) * MINUTE;
  return { startMs: endMs - durationMs, endMs };
}

/** "Data of Backfilled ends 3h ago; showing 14:00–15:00." */
export function dataEndNotice(profile: string, newestMs: number, nowMs: number, range: { startMs: number; endMs: number }, f: TimeFormat): string {
  const ago = formatDuration(Math.max(MINUTE, Math.round((nowMs - newestMs) / MINUTE) * MINUTE));
  return `Data of ${profile} ends ${ago} ago; showing ${formatHourMinute(range.startMs, f)}–${formatHourMinute(range.endMs, f)}.`;
}

export function loadChecked(storage: Pick<Storage, 'getItem'> = localStorage): Set<string> {
  try {
    const v = JSON.parse(storage.getItem(CHECKED_KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function saveChecked(ids: ReadonlySet<string>, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(CHECKED_KEY, JSON.stringify([...ids].slice(-500)));
  } catch {
    // Storage unavailable: the profile is probed again next time, which is harmless.
  }
}

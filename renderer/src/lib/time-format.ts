// One way to write times across the window (issue 20): "2026-12-04 15:42:10" for moments, "15:42:10" for clock
// times, in local time or UTC and 12 or 24 hours, as the user chose (persisted in localStorage). Pure functions
// taking the format; `loadTimeFormat`/`saveTimeFormat` are the only storage access.

export interface TimeFormat {
  utc: boolean;
  hour12: boolean;
}

export const TIME_FORMAT_KEY = 'rrx.timeFormat';
export const DEFAULT_TIME_FORMAT: TimeFormat = { utc: false, hour12: false };

export function parseTimeFormat(v: string | null): TimeFormat {
  if (!v) return DEFAULT_TIME_FORMAT;
  try {
    const o = JSON.parse(v) as Partial<TimeFormat>;
    return { utc: o.utc === true, hour12: o.hour12 === true };
  } catch {
    return DEFAULT_TIME_FORMAT;
  }
}

export function loadTimeFormat(storage: Pick<Storage, 'getItem'> = localStorage): TimeFormat {
  try {
    return parseTimeFormat(storage.getItem(TIME_FORMAT_KEY));
  } catch {
    return DEFAULT_TIME_FORMAT;
  }
}

export function saveTimeFormat(f: TimeFormat, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(TIME_FORMAT_KEY, JSON.stringify(f));
  } catch {
    // Private mode or a full quota: the choice still applies for this session.
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The calendar and clock fields of `ms` in the chosen zone. */
export function fieldsOf(ms: number, f: TimeFormat): { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number } {
  const t = new Date(ms);
  return f.utc
    ? { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), ms: t.getUTCMilliseconds() }
    : { y: t.getFullYear(), mo: t.getMonth() + 1, d: t.getDate(), h: t.getHours(), mi: t.getMinutes(), s: t.getSeconds(), ms: t.getMilliseconds() };
}

/** "15:42" / "3:42 PM" (with seconds when asked). */
export function formatHourMinute(ms: number, f: TimeFormat, seconds = false): string {
  const x = fieldsOf(ms, f);
  const sec = seconds ? `:${pad(x.s)}` : '';
  if (!f.hour12) return `${pad(x.h)}:${pad(x.mi)}${sec}`;
  const h = x.h % 12 === 0 ? 12 : x.h % 12;
  return `${h}:${pad(x.mi)}${sec} ${x.h < 12 ? 'AM' : 'PM'}`;
}

/** "15:42:10", with " UTC" when times are in UTC. */
export function formatClock(ms: number, f: TimeFormat = DEFAULT_TIME_FORMAT): string {
  return formatHourMinute(ms, f, true) + (f.utc ? ' UTC' : '');
}

/** "2026-12-04" in the chosen zone. */
export function formatDate(ms: number, f: TimeFormat): string {
  const x = fieldsOf(ms, f);
  return `${x.y}-${pad(x.mo)}-${pad(x.d)}`;
}

/** "2026-12-04 15:42:10" (" UTC" appended in UTC). */
export function formatMoment(ms: number, f: TimeFormat = DEFAULT_TIME_FORMAT): string {
  return `${formatDate(ms, f)} ${formatClock(ms, f)}`;
}

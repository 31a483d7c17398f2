// Calendar functions (year, month, day_of_week, …) of a unix-seconds value in UTC, as Prometheus computes them
// with Go's time package (seconds truncated toward zero).
export type DateFn = (d: Date) => number;

export const dateFunctions: ReadonlyMap<string, DateFn> = new Map<string, DateFn>([
  ['days_in_month', (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()],
  ['day_of_month', (d) => d.getUTCDate()],
  ['day_of_week', (d) => d.getUTCDay()],
  [
    'day_of_year',
    (d) => Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1,
  ],
  ['hour', (d) => d.getUTCHours()],
  ['minute', (d) => d.getUTCMinutes()],
  ['month', (d) => d.getUTCMonth() + 1],
  ['year', (d) => d.getUTCFullYear()],
]);

/** Date for a float of unix seconds, truncated like Go's time.Unix(int64(f), 0). */
export function dateOfSeconds(sec: number): Date {
  return new Date(Math.trunc(sec) * 1000);
}

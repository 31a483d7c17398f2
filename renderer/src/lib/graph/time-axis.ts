// The x axis in the one time format of the window (lib/time-format.ts): "15:42" at minute steps, "15:42:10" below a
// minute, dates at day steps; the date under the first tick and wherever the day changes, so labels never run into
// each other ("12/4/26 3:17pm3:18pm"). Pure.
import { formatDate, formatHourMinute, type TimeFormat } from '../time-format';

/** Minimum room per x label, CSS px: "12:59:59 PM" needs the most. */
export function timeAxisSpace(f: TimeFormat): number {
  return f.hour12 ? 100 : 80;
}

/** Labels for x splits (unix seconds) `incrSec` apart. */
export function timeAxisLabels(splits: readonly number[], incrSec: number, f: TimeFormat): string[] {
  let lastDate = '';
  return splits.map((s, i) => {
    const ms = s * 1000;
    const date = formatDate(ms, f);
    if (incrSec >= 86400) return i === 0 && f.utc ? `${date}\nUTC` : date;
    const time = formatHourMinute(ms, f, incrSec < 60 || Math.round(s) % 60 !== 0);
    const first = i === 0;
    const changed = date !== lastDate;
    lastDate = date;
    if (first || changed) return `${time}\n${date}${first && f.utc ? ' UTC' : ''}`;
    return time;
  });
}

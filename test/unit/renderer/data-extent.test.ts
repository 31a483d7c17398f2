// Where a new profile's panels start: the range ending at the newest sample when the data ends before the relative
// range would start, and the sentence that says so.
import { describe, expect, it } from 'vitest';
import { dataEndNotice, loadChecked, rangeForDataEnd, saveChecked } from '../../../renderer/src/lib/shell/data-extent';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 11, 4, 18, 0, 0);

describe('rangeForDataEnd', () => {
  it('keeps the relative range when the data reaches into it', () => {
    expect(rangeForDataEnd(now - 10 * 60_000, now, HOUR)).toBeNull();
    expect(rangeForDataEnd(now - HOUR, now, HOUR)).toBeNull();
    expect(rangeForDataEnd(null, now, HOUR)).toBeNull();
  });

  it('ends at the newest sample rounded up to the minute, with the same length', () => {
    const newest = now - 3 * HOUR - 25_000; // 14:59:35
    expect(rangeForDataEnd(newest, now, HOUR)).toEqual({ startMs: Date.UTC(2026, 11, 4, 14, 0), endMs: Date.UTC(2026, 11, 4, 15, 0) });
    // A sample exactly on the minute is still inside the range (its end is exclusive of nothing).
    const onMinute = Date.UTC(2026, 11, 4, 14, 0);
    expect(rangeForDataEnd(onMinute, now, HOUR)?.endMs).toBe(Date.UTC(2026, 11, 4, 14, 1));
  });
});

describe('dataEndNotice', () => {
  it('says how long ago the data ends and what is shown, in the chosen time format', () => {
    const newest = now - 3 * HOUR;
    const r = rangeForDataEnd(newest, now, HOUR)!;
    expect(dataEndNotice('Backfilled', newest, now, r, { utc: true, hour12: false })).toBe('Data of Backfilled ends 3h ago; showing 14:01–15:01.');
    expect(dataEndNotice('B', newest, now, r, { utc: true, hour12: true })).toBe('Data of B ends 3h ago; showing 2:01 PM–3:01 PM.');
  });
});

describe('checked profiles', () => {
  it('round-trips through storage and survives junk', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveChecked(new Set(['a', 'b']), storage);
    expect([...loadChecked(storage)]).toEqual(['a', 'b']);
    store.set('rrx.dataExtentChecked', '{not json');
    expect(loadChecked(storage).size).toBe(0);
  });
});

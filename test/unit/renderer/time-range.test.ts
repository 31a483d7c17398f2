import { describe, expect, it } from 'vitest';
import { describeRange, formatDateTime, formatDuration, parseDateTime, parseDuration, RANGE_PRESETS, resolveRange } from '../../../renderer/src/lib/time-range';

describe('time ranges', () => {
  it('parses Prometheus durations and rejects junk', () => {
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('5 minutes')).toBeNull();
    expect(parseDuration('0s')).toBeNull();
    expect(parseDuration('m5')).toBeNull();
  });
  it('formats durations the short way', () => {
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(604_800_000)).toBe('7d');
    expect(formatDuration(1500)).toBe('1s500ms');
  });
  it('has presets from 5m to 7d that round-trip', () => {
    expect(RANGE_PRESETS[0].label).toBe('5m');
    expect(RANGE_PRESETS.at(-1)!.label).toBe('7d');
    for (const p of RANGE_PRESETS) expect(formatDuration(p.durationMs)).toBe(p.label);
  });
  it('resolves relative and absolute ranges', () => {
    expect(resolveRange({ kind: 'relative', durationMs: 60_000 }, 1_000_000)).toEqual({ startMs: 940_000, endMs: 1_000_000 });
    expect(resolveRange({ kind: 'absolute', startMs: 1, endMs: 2 }, 99)).toEqual({ startMs: 1, endMs: 2 });
  });
  it('parses local date-times, ISO, unix seconds and now-relative text', () => {
    const t = new Date(2024, 4, 1, 13, 5, 9).getTime();
    expect(parseDateTime('2024-05-01 13:05:09', 0)).toBe(t);
    expect(parseDateTime(formatDateTime(t), 0)).toBe(t);
    expect(parseDateTime('2024-05-01T13:05:09Z', 0)).toBe(Date.UTC(2024, 4, 1, 13, 5, 9));
    expect(parseDateTime('1714568709', 0)).toBe(1_714_568_709_000);
    expect(parseDateTime('now', 5000)).toBe(5000);
    expect(parseDateTime('now-1m', 100_000)).toBe(40_000);
    expect(parseDateTime('yesterday', 0)).toBeNull();
  });
  it('describes ranges for the button', () => {
    expect(describeRange({ kind: 'relative', durationMs: 3_600_000 })).toBe('Last 1h');
    expect(describeRange({ kind: 'absolute', startMs: new Date(2024, 0, 2, 3, 4).getTime(), endMs: new Date(2024, 0, 2, 5, 6).getTime() })).toBe('01-02 03:04 → 01-02 05:06');
  });
});

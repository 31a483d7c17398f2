import { describe, expect, it } from 'vitest';
import { DurationError, formatPromDuration, parsePromDuration } from '@core/profiles';

describe('Prometheus durations', () => {
  it.each([
    ['1m30s', 90_000],
    ['500ms', 500],
    ['0', 0],
    ['0s', 0],
    ['2h', 7_200_000],
    ['1d2h3m4s5ms', 93_784_005],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
  ])('parses %s', (s, ms) => expect(parsePromDuration(s)).toBe(ms));

  it.each(['', '1.5s', '1s1m', '-1s', '1 m', 'm', '10', '1mm'])('rejects %j', (s) => {
    expect(() => parsePromDuration(s)).toThrow(DurationError);
  });

  it.each([
    [90_000, '1m30s'],
    [500, '500ms'],
    [0, '0s'],
    [60_000, '1m'],
    [86_400_000 + 1, '1d1ms'],
    [604_800_000, '1w'],
    [8 * 86_400_000, '8d'], // weeks only when exact
    [31_536_000_000, '1y'],
  ])('formats %d ms as %s', (ms, s) => expect(formatPromDuration(ms)).toBe(s));

  it('round-trips', () => {
    for (const ms of [1, 999, 1000, 61_001, 3_600_000, 90_061_001]) expect(parsePromDuration(formatPromDuration(ms))).toBe(ms);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseTimeArg } from '@core/cli/time-arg';
import { UsageError } from '@core/cli/command';

const NOW = 1_700_000_000_000;

describe('parseTimeArg', () => {
  it.each([
    ['now', NOW],
    ['now-1h', NOW - 3_600_000],
    ['now-30m', NOW - 1_800_000],
    ['now-1h30m', NOW - 5_400_000],
    ['now+15s', NOW + 15_000],
    ['1700000000', 1_700_000_000_000],
    ['1700000000.123', 1_700_000_000_123],
    ['2023-11-14T22:13:20Z', 1_700_000_000_000],
    ['2023-11-14T23:13:20.5+01:00', 1_700_000_000_500],
  ])('%s', (text, want) => expect(parseTimeArg(text, NOW)).toBe(want));

  it.each(['', 'yesterday', 'now-', 'now-1x', '2023-11-14', '12abc'])('rejects %j', (text) => {
    expect(() => parseTimeArg(text, NOW)).toThrow(UsageError);
  });

  it('parses Prometheus durations', () => {
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('1d2h')).toBe(93_600_000);
    expect(parseDurationMs('1.5h')).toBeNull();
  });
});

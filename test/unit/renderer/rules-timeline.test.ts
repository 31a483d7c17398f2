import { describe, expect, it } from 'vitest';
import { bandsFor, MIN_BAND_PCT, rangeAround } from '../../../renderer/src/lib/rules/timeline';

describe('rules panel timeline geometry', () => {
  it('places bands in percent of the window, clips them, and keeps short ones visible', () => {
    const bands = bandsFor(
      [
        { state: 'pending', startMs: 0, endMs: 250 },
        { state: 'firing', startMs: 250, endMs: 1500 },
        { state: 'firing', startMs: 1600, endMs: 1601 },
        { state: 'firing', startMs: 5000, endMs: 6000 },
      ],
      0,
      2000,
    );
    expect(bands.map((b) => [b.state, b.left, b.width])).toEqual([
      ['pending', 0, 12.5],
      ['firing', 12.5, 62.5],
      ['firing', 80, MIN_BAND_PCT],
    ]);
  });

  it('opens a query around a band with at least five minutes each side', () => {
    expect(rangeAround({ startMs: 600_000, endMs: 660_000 })).toEqual({ startMs: 300_000, endMs: 960_000 });
    expect(rangeAround({ startMs: 0, endMs: 3_600_000 })).toEqual({ startMs: -3_600_000, endMs: 7_200_000 });
  });
});

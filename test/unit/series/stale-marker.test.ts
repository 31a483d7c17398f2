import { describe, expect, it } from 'vitest';
import { STALE_NAN, isStaleAt, isStaleNaN } from '@core/series/stale-marker';

describe('stale marker', () => {
  it('is a NaN that differs from an ordinary NaN by its bits', () => {
    expect(Number.isNaN(STALE_NAN)).toBe(true);
    expect(isStaleNaN(STALE_NAN)).toBe(true);
    expect(isStaleNaN(NaN)).toBe(false);
    expect(isStaleNaN(0)).toBe(false);
  });
  it('survives a Float64Array round-trip', () => {
    const a = new Float64Array(3);
    a[0] = 1;
    a[1] = STALE_NAN;
    a[2] = NaN;
    expect(isStaleAt(a, 1)).toBe(true);
    expect(isStaleAt(a, 2)).toBe(false);
    const bytes = new Uint8Array(a.buffer).slice();
    const b = new Float64Array(bytes.buffer);
    expect(isStaleAt(b, 1)).toBe(true);
  });
});

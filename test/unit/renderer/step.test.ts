import { describe, expect, it } from 'vitest';
import { autoStepMs, effectiveStepMs, MAX_POINTS, niceStep } from '../../../renderer/src/lib/query/step';

describe('step', () => {
  it('rounds up to nice steps', () => {
    expect(niceStep(900)).toBe(1000);
    expect(niceStep(14_400)).toBe(15_000);
    expect(niceStep(50_000)).toBe(60_000);
    expect(niceStep(3 * 86_400_000 + 1)).toBe(4 * 86_400_000);
  });
  it('auto: range/250 without a width, like Prometheus, never under 1s', () => {
    expect(autoStepMs(3_600_000)).toBe(15_000); // 14.4 s → 15 s
    expect(autoStepMs(60_000)).toBe(1000);
  });
  it('auto: about one point per 3 px of chart', () => {
    expect(autoStepMs(3_600_000, 1200)).toBe(10_000); // 400 points → 9 s → 10 s
    expect(autoStepMs(3_600_000, 90)).toBe(60_000); // clamped to 100 points
  });
  it('factor and fixed modes, capped at 11 000 points', () => {
    expect(effectiveStepMs({ mode: 'factor', pointsAcross: 1000 }, 3_600_000)).toBe(4000);
    expect(effectiveStepMs({ mode: 'fixed', stepMs: 30_000 }, 3_600_000)).toBe(30_000);
    const week = 7 * 86_400_000;
    expect(week / effectiveStepMs({ mode: 'fixed', stepMs: 1000 }, week)).toBeLessThanOrEqual(MAX_POINTS);
  });
});

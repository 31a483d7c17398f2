// Axis ticks in the unit's own base (issue 15/20): bytes step by powers of two, quantiles by 1-2-5 with even labels,
// log axes at whole decades written plainly, seconds at clock steps; x labels in the one chosen time format.
import { describe, expect, it } from 'vitest';
import { binaryStep, decimalStep, linearLabels, linearSplits, logLabels, logSplits, secondsStep, stepFor } from '../../../renderer/src/lib/graph/ticks';
import { timeAxisLabels } from '../../../renderer/src/lib/graph/time-axis';
import { formatMoment } from '../../../renderer/src/lib/time-format';

const axis = (min: number, max: number, minStep: number, unit: Parameters<typeof stepFor>[1]) => {
  const splits = linearSplits(min, max, minStep, unit);
  return linearLabels(splits, splits[1] - splits[0], unit);
};

describe('y ticks', () => {
  it('round steps: powers of two for bytes, 1-2-5 decimals, clock steps for seconds', () => {
    expect(binaryStep(97.66 * 1024)).toBe(128 * 1024);
    expect(binaryStep(3)).toBe(4);
    expect(decimalStep(0.0023)).toBe(0.005);
    expect(decimalStep(0.002)).toBe(0.002);
    expect(secondsStep(40)).toBe(60);
    expect(secondsStep(4000)).toBe(7200);
  });

  it('a bytes/s axis ticks at multiples of 128 KiB/s, not 97.66 KiB/s', () => {
    expect(axis(0, 500 * 1024, 97.66 * 1024, 'bytes/s')).toEqual(['0 B/s', '128 KiB/s', '256 KiB/s', '384 KiB/s']);
    expect(axis(0, 3 * 1024 ** 3, 0.6 * 1024 ** 3, 'bytes')).toEqual(['0 B', '1 GiB', '2 GiB', '3 GiB']);
    expect(axis(0, 1.6 * 1024 ** 2, 0.2 * 1024 ** 2, 'bytes')).toEqual(['0 B', '0.25 MiB', '0.5 MiB', '0.75 MiB', '1 MiB', '1.25 MiB', '1.5 MiB']);
  });

  it('quantiles tick at even labels', () => {
    expect(axis(0.081, 0.0905, 0.0016, 'none')).toEqual(['0.082', '0.084', '0.086', '0.088', '0.09']);
    expect(axis(0, 1, 0.2, 'ratio')).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(axis(0.1, 0.3, 0.1, 'none')).toEqual(['0.1', '0.2', '0.3']);
  });

  it('log scale: whole decades, plainly written, thinned when crowded', () => {
    expect(logSplits(2e-5, 2e2, 20)).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100]);
    expect(logLabels([1e-4, 1e-3, 1, 100, 1000, 1e5, 1e6], 'none')).toEqual(['1e-4', '0.001', '1', '100', '1k', '100k', '1M']);
    expect(logLabels([1e-7, 1e21], 'none')).toEqual(['1e-7', '1e21']);
    expect(logSplits(1e-8, 1e3, 6)).toEqual([1e-8, 1e-6, 1e-4, 1e-2, 1, 100]);
    expect(logLabels([1024, 1024 * 1024], 'bytes')).toEqual(['1 KiB', '1 MiB']);
  });
});

describe('x labels', () => {
  const t0 = Date.UTC(2026, 11, 4, 15, 17, 0) / 1000;
  it('one format: date under the first tick and at a day change; seconds only below a minute step', () => {
    const utc24 = { utc: true, hour12: false };
    expect(timeAxisLabels([t0, t0 + 60, t0 + 120], 60, utc24)).toEqual(['15:17\n2026-12-04 UTC', '15:18', '15:19']);
    expect(timeAxisLabels([t0, t0 + 15], 15, utc24)).toEqual(['15:17:00\n2026-12-04 UTC', '15:17:15']);
    const midnight = Date.UTC(2026, 11, 5) / 1000;
    expect(timeAxisLabels([midnight - 3600, midnight], 3600, utc24)).toEqual(['23:00\n2026-12-04 UTC', '00:00\n2026-12-05']);
    expect(timeAxisLabels([t0], 60, { utc: true, hour12: true })[0]).toBe('3:17 PM\n2026-12-04 UTC');
    expect(formatMoment(t0 * 1000, utc24)).toBe('2026-12-04 15:17:00 UTC');
  });
});

describe('table cells', () => {
  it('at most 7 significant digits for plain numbers, units when known, exact value elsewhere', async () => {
    const { formatCell } = await import('../../../renderer/src/lib/query/table');
    expect(formatCell(0.12345678912345678, 'none')).toBe('0.1234568');
    expect(formatCell(1234567891, 'none')).toBe('1234568000');
    expect(formatCell(3e-7, 'none')).toBe('3e-7');
    expect(formatCell(NaN, 'none')).toBe('NaN');
    expect(formatCell(null, 'none')).toBe('—');
    expect(formatCell(1536, 'bytes')).toBe('1.5 KiB');
  });
});

describe('tooltip: all series at the cursor', () => {
  it('visible series with a value, largest first, capped', async () => {
    const { seriesAtCursor } = await import('../../../renderer/src/lib/graph/tooltip');
    const ys = [[1, 5], [3, null], [2, 7], Float64Array.from([9, NaN])];
    expect(seriesAtCursor(ys, [true, true, true, false], 0)).toEqual({ rows: [{ seriesIndex: 1, value: 3 }, { seriesIndex: 2, value: 2 }, { seriesIndex: 0, value: 1 }], more: 0 });
    expect(seriesAtCursor(ys, [true, true, true, true], 1, 1)).toEqual({ rows: [{ seriesIndex: 2, value: 7 }], more: 1 });
  });
});

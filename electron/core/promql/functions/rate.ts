// rate, increase, delta (extrapolated to the window edges), irate, idelta: Prometheus's extrapolatedRate and
// instantValue over float samples. Pure functions of a RangeWindow.
import type { RangeWindow } from './window';

/**
 * Prometheus's extrapolatedRate for floats; undefined when fewer than two samples. Prometheus 2.x clamped the start
 * to the counter's zero point before the extrapolation threshold test, 3.x after it (`zeroClampFirst` = 2.x).
 */
export function extrapolatedRate(w: RangeWindow, isCounter: boolean, isRate: boolean, zeroClampFirst = false): number | undefined {
  const { ts, vs, lo, hi } = w;
  const n = hi - lo;
  if (n < 2) return undefined;
  const firstT = ts[lo];
  const lastT = ts[hi - 1];
  let result = vs[hi - 1] - vs[lo];
  if (isCounter) {
    for (let i = lo + 1; i < hi; i++) if (vs[i] < vs[i - 1]) result += vs[i - 1];
  }
  let durationToStart = (firstT - w.rangeStartMs) / 1000;
  let durationToEnd = (w.rangeEndMs - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (n - 1);
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  if (zeroClampFirst && isCounter && result > 0 && vs[lo] >= 0) {
    const durationToZero = sampledInterval * (vs[lo] / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToStart >= extrapolationThreshold) durationToStart = averageDurationBetweenSamples / 2;
  if (isCounter && !zeroClampFirst) {
    // A counter cannot go below zero: do not extrapolate to before the point where it would have been zero.
    let durationToZero = durationToStart;
    if (result > 0 && vs[lo] >= 0) durationToZero = sampledInterval * (vs[lo] / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= extrapolationThreshold) durationToEnd = averageDurationBetweenSamples / 2;
  let factor = 1;
  if (sampledInterval !== 0) factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) factor /= w.rangeMs / 1000;
  return result * factor;
}

/** irate (isRate) and idelta: the last two samples only. */
export function instantValue(w: RangeWindow, isRate: boolean): number | undefined {
  const { ts, vs, hi } = w;
  if (hi - w.lo < 2) return undefined;
  const t1 = ts[hi - 1];
  const t0 = ts[hi - 2];
  const sampledInterval = t1 - t0;
  if (sampledInterval === 0) return undefined;
  let result = vs[hi - 1];
  // A counter reset makes the last value itself the increase.
  if (!isRate || !(vs[hi - 1] < vs[hi - 2])) result = vs[hi - 1] - vs[hi - 2];
  if (isRate) result /= sampledInterval / 1000;
  return result;
}

/** Linear interpolation between two points, modelling a counter reset as a restart from zero. */
export function interpolate(t1: number, y1: number, t2: number, y2: number, t: number, isCounter: boolean): number {
  if (isCounter && y2 < y1) y1 = 0;
  return y1 + ((y2 - y1) * (t - t1)) / (t2 - t1);
}

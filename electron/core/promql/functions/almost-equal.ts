// Relative float comparison as Prometheus's util/almost.Equal: stale markers equal only each other, NaN equals
// NaN, and values near zero compare against the smallest normal float.
import { isStaleNaN } from '../../series/stale-marker';

const MIN_NORMAL = 2.2250738585072014e-308;

export function almostEqual(a: number, b: number, epsilon: number): boolean {
  const sa = isStaleNaN(a);
  const sb = isStaleNaN(b);
  if (sa || sb) return sa && sb;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

// double_exponential_smoothing (Prometheus 3, experimental) — the same algorithm Prometheus 2 called
// holt_winters. Throws the upstream error texts for factors outside (0, 1).
import { QueryError } from '../engine/errors';
import type { RangeWindow } from './window';

export function doubleExponentialSmoothing(w: RangeWindow, sf: number, tf: number): number | undefined {
  if (!(sf > 0 && sf < 1)) throw new QueryError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${goF(sf)}`);
  if (!(tf > 0 && tf < 1)) throw new QueryError(`invalid trend factor. Expected: 0 < tf < 1, got: ${goF(tf)}`);
  const { vs, lo, hi } = w;
  const l = hi - lo;
  if (l < 2) return undefined;
  let s0 = 0;
  let s1 = vs[lo];
  let b = vs[lo + 1] - vs[lo];
  for (let i = 1; i < l; i++) {
    const x = sf * vs[lo + i];
    // The trend of the first step is the initial slope; afterwards it is smoothed.
    if (i - 1 !== 0) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}

/** Go's %f. */
function goF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return v.toFixed(6);
}

// Counting disagreements at identical timestamps: the "tie-breaks" a merge has to decide by node order. A property of
// the inputs, so every strategy reports the same count. Compares stored values slot to slot, never via JS arrays.
import type { HistogramColumn } from '@core/series/histogram';
import { sameHistogram } from '@core/series/histogram-equal';
import { isStaleAt } from '@core/series/stale-marker';
import type { GroupMember } from './group';

/** Same sample value? NaNs are equal when both or neither are stale markers; a stale marker differs from any value. */
export function sameValueAt(a: Float64Array, i: number, b: Float64Array, j: number): boolean {
  const x = a[i];
  const y = b[j];
  if (x === y) return true;
  if (x !== x && y !== y) return isStaleAt(a, i) === isStaleAt(b, j);
  return false;
}

/**
 * Same sample, histograms included: a float and a histogram differ; two histograms are compared bucket by bucket.
 * Falls back to sameValueAt when neither stream holds histograms (the float-only fast path).
 */
export function sameSampleAt(av: Float64Array, ah: HistogramColumn | undefined, i: number, bv: Float64Array, bh: HistogramColumn | undefined, j: number): boolean {
  const x = ah?.[i] ?? null;
  const y = bh?.[j] ?? null;
  if (x && y) return sameHistogram(x, y);
  if (x || y) return false;
  return sameValueAt(av, i, bv, j);
}

/** Number of timestamps present on two or more members whose values are not all the same. */
export function countConflictingTies(members: readonly GroupMember[]): number {
  if (members.length < 2) return 0;
  const cur = new Int32Array(members.length);
  let ties = 0;
  for (;;) {
    let t = Infinity;
    for (let m = 0; m < members.length; m++) {
      const ts = members[m].timestamps;
      if (cur[m] < ts.length && ts[cur[m]] < t) t = ts[cur[m]];
    }
    if (t === Infinity) return ties;
    let first = -1;
    let differs = false;
    for (let m = 0; m < members.length; m++) {
      const ts = members[m].timestamps;
      if (cur[m] >= ts.length || ts[cur[m]] !== t) continue;
      if (first < 0) first = m;
      else if (!sameSampleAt(members[first].values, members[first].histograms, cur[first], members[m].values, members[m].histograms, cur[m])) {
        differs = true;
      }
    }
    if (differs) ties++;
    for (let m = 0; m < members.length; m++) {
      const ts = members[m].timestamps;
      if (cur[m] < ts.length && ts[cur[m]] === t) cur[m]++;
    }
  }
}

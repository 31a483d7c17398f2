// Counting disagreements at identical timestamps: the "tie-breaks" a merge has to decide by node order. A property of
// the inputs, so every strategy reports the same count. Compares stored values slot to slot, never via JS arrays.
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
      else if (!sameValueAt(members[first].values, cur[first], members[m].values, cur[m])) differs = true;
    }
    if (differs) ties++;
    for (let m = 0; m < members.length; m++) {
      const ts = members[m].timestamps;
      if (cur[m] < ts.length && ts[cur[m]] === t) cur[m]++;
    }
  }
}

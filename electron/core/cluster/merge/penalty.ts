// `penalty`: Thanos-style deduplication — follow one replica, switch only when it has a gap. An N-way reading of
// thanos pkg/dedup/iter.go (dedupSeriesIterator); never adjusts values (Thanos's counter adjustment needs the query
// function, which the merge does not know).
//
// The rule, as in Thanos: after emitting a sample at t (previous emitted sample at lastT), every *other* replica
// may next contribute only at or after t + 1 + 2·(t − lastT); for the very first sample that penalty is
// INITIAL_PENALTY_MS (5000). The replica just used has no penalty. The next sample is the earliest candidate over
// all replicas; equal timestamps go to node order (Thanos: `useA = ta <= tb`). So a switch happens only when the
// current replica's next sample is later than another replica's first sample beyond the penalty, i.e. after a gap
// of more than about twice the observed interval. Thanos nests pairwise iterators for 3+ replicas; we give all
// replicas one shared lastT instead, which is the same for 2 replicas and simpler to reason about for more.
import type { GroupMember } from './group';
import { SampleBuffer } from './sample-buffer';
import type { MergedColumns } from './union';

export const INITIAL_PENALTY_MS = 5000;

export function mergePenalty(members: readonly GroupMember[]): MergedColumns {
  let total = 0;
  for (const m of members) total = Math.max(total, m.timestamps.length);
  const out = new SampleBuffer(total);
  const cur = new Int32Array(members.length);
  const pen = new Float64Array(members.length);
  let lastT = -Infinity;
  for (;;) {
    let best = -1;
    let bestT = Infinity;
    for (let m = 0; m < members.length; m++) {
      const ts = members[m].timestamps;
      const from = lastT === -Infinity ? -Infinity : lastT + 1 + pen[m];
      let i = cur[m];
      while (i < ts.length && ts[i] < from) i++;
      cur[m] = i;
      if (i < ts.length && ts[i] < bestT) {
        best = m;
        bestT = ts[i];
      }
    }
    if (best < 0) break;
    const b = members[best];
    out.push(b.timestamps, b.values, cur[best], b.node);
    for (let m = 0; m < members.length; m++) pen[m] = m === best ? 0 : lastT === -Infinity ? INITIAL_PENALTY_MS : 2 * (bestT - lastT);
    lastT = bestT;
  }
  return out.finish();
}

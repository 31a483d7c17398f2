// `union`: every sample of every node in time order, one per timestamp — what Prometheus does with several
// remote_read sources. Equal timestamps go to the first node in order, except that a real value beats a stale marker.
//
// Stale markers: a replica writes one when a series vanished *from its own scrapes*. Merged naively, replica A's
// marker at t would end the series for every query in [t, next sample) although replica B is still scraping it and
// its last sample (at t−δ) is perfectly current. So a stale marker is dropped when another node is "alive" across t:
// its last sample before t is a real value and its next sample after t follows within that node's gap threshold
// (GAP_FACTOR × its median interval). When the series really disappears, every replica writes a marker; the last
// one is not covered by anybody and is kept, so the merged series ends where the last replica saw it end.
import { lowerBound } from '@core/series/memory-store';
import { isStaleAt } from '@core/series/stale-marker';
import type { GroupMember } from './group';
import { SampleBuffer } from './sample-buffer';
import { GAP_FACTOR, medianSpacing } from './scrape-interval';
import { sameValueAt } from './tie-breaks';

export interface MergedColumns {
  timestamps: Float64Array;
  values: Float64Array;
  provenance: Uint8Array;
}

export function mergeUnion(members: readonly GroupMember[], gapFactor = GAP_FACTOR): MergedColumns & { tieBreaks: number } {
  let total = 0;
  for (const m of members) total += m.timestamps.length;
  const out = new SampleBuffer(total);
  const cur = new Int32Array(members.length);
  const thresholds = new Float64Array(members.length).fill(NaN); // computed lazily, only when a marker needs them
  let tieBreaks = 0;
  for (;;) {
    let t = Infinity;
    for (let m = 0; m < members.length; m++) {
      const ts = members[m].timestamps;
      if (cur[m] < ts.length && ts[cur[m]] < t) t = ts[cur[m]];
    }
    if (t === Infinity) break;

    let winner = -1;
    let firstAtT = -1;
    let differs = false;
    for (let m = 0; m < members.length; m++) {
      const mm = members[m];
      if (cur[m] >= mm.timestamps.length || mm.timestamps[cur[m]] !== t) continue;
      if (firstAtT < 0) firstAtT = m;
      else if (!sameValueAt(members[firstAtT].values, cur[firstAtT], mm.values, cur[m])) differs = true;
      if (winner < 0 && !isStaleAt(mm.values, cur[m])) winner = m;
    }
    if (differs) tieBreaks++;
    if (winner < 0) {
      winner = firstAtT; // only stale markers at t
      if (!coveredByOther(members, t, thresholds, gapFactor)) {
        out.push(members[winner].timestamps, members[winner].values, cur[winner], members[winner].node);
      }
    } else {
      out.push(members[winner].timestamps, members[winner].values, cur[winner], members[winner].node);
    }
    for (let m = 0; m < members.length; m++) {
      const ts = members[m].timestamps;
      if (cur[m] < ts.length && ts[cur[m]] === t) cur[m]++;
    }
  }
  return { ...out.finish(), tieBreaks };
}

/** Is some member without a sample at t scraping the series across t (real value before, next sample soon after)? */
function coveredByOther(members: readonly GroupMember[], t: number, thresholds: Float64Array, gapFactor: number): boolean {
  for (let m = 0; m < members.length; m++) {
    const { timestamps: ts, values } = members[m];
    const next = lowerBound(ts, t);
    if (next >= ts.length || ts[next] === t || next === 0) continue;
    const prev = next - 1;
    if (isStaleAt(values, prev)) continue;
    if (Number.isNaN(thresholds[m])) thresholds[m] = gapFactor * medianSpacing(ts);
    if (ts[next] - ts[prev] <= thresholds[m]) return true;
  }
  return false;
}

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
import { GAP_FACTOR, medianSpacing } from './scrape-interval';
import { sameSampleAt } from './tie-breaks';

export interface MergedColumns {
  timestamps: Float64Array;
  values: Float64Array;
  provenance: Uint8Array;
}

export function mergeUnion(members: readonly GroupMember[], gapFactor = GAP_FACTOR): MergedColumns & { tieBreaks: number } {
  const nm = members.length;
  // Columns hoisted into local arrays: this loop runs once per output sample, so no property walk inside it.
  const tss: Float64Array[] = [];
  const vss: Float64Array[] = [];
  const lens = new Int32Array(nm);
  let total = 0;
  for (let m = 0; m < nm; m++) {
    tss.push(members[m].timestamps);
    vss.push(members[m].values);
    lens[m] = members[m].timestamps.length;
    total += lens[m];
  }
  // At most one output sample per input sample, so the columns are allocated once and never grow.
  const outTs = new Float64Array(total);
  const outV = new Float64Array(total);
  const outP = new Uint8Array(total);
  let k = 0;
  const cur = new Int32Array(nm);
  const thresholds = new Float64Array(nm).fill(NaN); // computed lazily, only when a marker needs them
  let tieBreaks = 0;
  for (;;) {
    let t = Infinity;
    for (let m = 0; m < nm; m++) {
      const c = cur[m];
      if (c < lens[m] && tss[m][c] < t) t = tss[m][c];
    }
    if (t === Infinity) break;

    // Every member at t takes part (and moves past t): the first real value wins; ties are counted when any
    // member's value differs from the first member's at t.
    let winner = -1;
    let winnerAt = 0;
    let firstAtT = -1;
    let firstAt = 0;
    let differs = false;
    for (let m = 0; m < nm; m++) {
      const c = cur[m];
      if (c >= lens[m] || tss[m][c] !== t) continue;
      if (firstAtT < 0) {
        firstAtT = m;
        firstAt = c;
      } else if (!sameSampleAt(vss[firstAtT], members[firstAtT].histograms, firstAt, vss[m], members[m].histograms, c)) differs = true;
      if (winner < 0 && !isStaleAt(vss[m], c)) {
        winner = m;
        winnerAt = c;
      }
      cur[m] = c + 1;
    }
    if (differs) tieBreaks++;
    if (winner < 0) {
      winner = firstAtT; // only stale markers at t
      winnerAt = firstAt;
      if (coveredByOther(members, t, thresholds, gapFactor)) continue;
    }
    outTs[k] = t;
    outV[k] = vss[winner][winnerAt]; // Float64Array slot to slot: NaN payloads survive
    outP[k] = members[winner].node;
    k++;
  }
  if (k === total) return { timestamps: outTs, values: outV, provenance: outP, tieBreaks };
  return { timestamps: outTs.slice(0, k), values: outV.slice(0, k), provenance: outP.slice(0, k), tieBreaks };
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

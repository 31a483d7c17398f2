// Native histogram samples through the merge. The strategies move timestamps, values and provenance as typed
// columns and never look at histograms; every merged sample is one member's sample, and a member has at most one
// sample per timestamp, so (provenance node, timestamp) names its source exactly. This pass walks the output once
// with a cursor per member and picks the source's histogram (or null for a float). Float-only groups skip it.
import type { FloatHistogram, HistogramColumn } from '@core/series/histogram';
import type { GroupMember } from './group';

export function anyMemberHistograms(members: readonly GroupMember[]): boolean {
  return members.some((m) => m.histograms !== undefined);
}

/** The histogram column of merged columns (timestamps + provenance), or undefined when none of it is a histogram. */
export function attachHistograms(members: readonly GroupMember[], timestamps: Float64Array, provenance: Uint8Array): HistogramColumn | undefined {
  const byNode = new Map<number, number>();
  members.forEach((m, i) => byNode.set(m.node, i));
  const cursor = new Int32Array(members.length);
  const out: (FloatHistogram | null)[] = new Array<FloatHistogram | null>(timestamps.length).fill(null);
  let any = false;
  for (let k = 0; k < timestamps.length; k++) {
    const mi = byNode.get(provenance[k]);
    if (mi === undefined) continue;
    const m = members[mi];
    if (!m.histograms) continue;
    const t = timestamps[k];
    const ts = m.timestamps;
    let c = cursor[mi];
    // Output is in time order, so each member's cursor only moves forward; fall back to a search if it did not.
    if (c >= ts.length || ts[c] > t) c = 0;
    while (c < ts.length && ts[c] < t) c++;
    cursor[mi] = c;
    if (c < ts.length && ts[c] === t) {
      const h = m.histograms[c];
      if (h) {
        out[k] = h;
        any = true;
      }
    }
  }
  return any ? out : undefined;
}

// Lines up the same series across nodes: key = label set minus the replica label. One member per node (a node that
// returned the same key twice is folded into one stream first). Never reorders samples; rejects unsorted input.
import type { FloatHistogram, HistogramColumn } from '@core/series/histogram';
import { labelsKey } from '@core/series/labels';
import { isStaleAt } from '@core/series/stale-marker';
import type { Labels, RawSeries } from '@core/series/types';
import { MergeError, type NodeSeries } from './types';

/** One node's samples of a grouped series. */
export interface GroupMember {
  /** Position of the node in the input array: the order that breaks ties ("first node wins"). */
  readonly order: number;
  /** NodeSeries.index: what goes into provenance. */
  readonly node: number;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** Native histogram samples aligned with timestamps (see series/histogram.ts); undefined for float-only streams. */
  readonly histograms?: HistogramColumn;
}

/** A member's columns (what dedupe and fold work on). */
interface Stream {
  timestamps: Float64Array;
  values: Float64Array;
  histograms?: HistogramColumn;
}

export interface SeriesGroup {
  readonly key: string;
  /** Output labels: the first member's labels without the replica label. */
  readonly labels: Labels;
  /** Ascending by `order`, one per node that had the series (possibly with zero samples). */
  readonly members: readonly GroupMember[];
}

export const MAX_NODES = 256;

/** Group every node's series by label key; groups come back in first-seen order. */
export function groupSeries(nodes: readonly NodeSeries[], replicaLabel?: string): SeriesGroup[] {
  if (nodes.length > MAX_NODES) {
    throw new MergeError('too-many-nodes', `cannot merge ${nodes.length} nodes: provenance holds at most ${MAX_NODES}`);
  }
  const without = replicaLabel ? new Set([replicaLabel]) : undefined;
  const groups = new Map<string, { labels: Labels; members: GroupMember[] }>();
  nodes.forEach((node, order) => {
    if (!Number.isInteger(node.index) || node.index < 0 || node.index >= MAX_NODES) {
      throw new MergeError('bad-node-index', `node ${JSON.stringify(node.name)} has index ${node.index}; need 0..255`);
    }
    for (const s of node.series) {
      checkSorted(s, node.name);
      const key = labelsKey(s.labels, without);
      let g = groups.get(key);
      if (!g) {
        g = { labels: stripLabel(s.labels, replicaLabel), members: [] };
        groups.set(key, g);
      }
      const last = g.members[g.members.length - 1];
      const own = dedupeTimestamps(s);
      if (last && last.order === order) {
        // Same node answered the key twice (e.g. two replica-label values behind one endpoint): fold, first wins.
        const folded = foldSameNode(last, own);
        g.members[g.members.length - 1] = { order, node: node.index, ...folded };
      } else {
        g.members.push({ order, node: node.index, ...own });
      }
    }
  });
  return [...groups].map(([key, g]) => ({ key, labels: g.labels, members: g.members }));
}

export function stripLabel(labels: Labels, name: string | undefined): Labels {
  if (!name || !(name in labels)) return labels;
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels)) if (k !== name) out[k] = labels[k];
  return out;
}

function checkSorted(s: RawSeries, node: string): void {
  const ts = s.timestamps;
  for (let i = 1; i < ts.length; i++) {
    if (ts[i] < ts[i - 1]) {
      throw new MergeError('unsorted-samples', `node ${JSON.stringify(node)} returned samples out of time order`);
    }
  }
}

/** Drop repeated timestamps inside one stream (first wins); returns the input arrays untouched when there are none. */
function dedupeTimestamps(s: RawSeries): Stream {
  const ts = s.timestamps;
  const vals = s.values;
  const hs = s.histograms;
  let dups = 0;
  for (let i = 1; i < ts.length; i++) if (ts[i] === ts[i - 1]) dups++;
  if (dups === 0) return hs ? { timestamps: ts, values: vals, histograms: hs } : { timestamps: ts, values: vals };
  const outTs = new Float64Array(ts.length - dups);
  const outV = new Float64Array(ts.length - dups);
  const outH: (FloatHistogram | null)[] | undefined = hs ? [] : undefined;
  let k = 0;
  for (let i = 0; i < ts.length; i++) {
    if (i > 0 && ts[i] === ts[i - 1]) continue;
    if (outH) outH[k] = hs?.[i] ?? null;
    outTs[k] = ts[i];
    outV[k++] = vals[i];
  }
  return outH ? { timestamps: outTs, values: outV, histograms: outH } : { timestamps: outTs, values: outV };
}

/** Two-way time merge of two streams of one node; at equal timestamps a real value beats a stale marker, else `a`. */
function foldSameNode(a: Stream, b: Stream): Stream {
  const aTs = a.timestamps;
  const aV = a.values;
  const bTs = b.timestamps;
  const bV = b.values;
  const aH = a.histograms;
  const bH = b.histograms;
  const outTs = new Float64Array(aTs.length + bTs.length);
  const outV = new Float64Array(aTs.length + bTs.length);
  const outH: (FloatHistogram | null)[] | undefined = aH || bH ? [] : undefined;
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < aTs.length || j < bTs.length) {
    if (j >= bTs.length || (i < aTs.length && aTs[i] < bTs[j])) {
      if (outH) outH[k] = aH?.[i] ?? null;
      outTs[k] = aTs[i];
      outV[k++] = aV[i++];
    } else if (i >= aTs.length || bTs[j] < aTs[i]) {
      if (outH) outH[k] = bH?.[j] ?? null;
      outTs[k] = bTs[j];
      outV[k++] = bV[j++];
    } else {
      const takeB = isStaleAt(aV, i) && !isStaleAt(bV, j);
      if (outH) outH[k] = (takeB ? bH?.[j] : aH?.[i]) ?? null;
      outTs[k] = aTs[i];
      outV[k++] = takeB ? bV[j] : aV[i];
      i++;
      j++;
    }
  }
  const out: Stream = { timestamps: outTs.slice(0, k), values: outV.slice(0, k) };
  if (outH) out.histograms = outH;
  return out;
}

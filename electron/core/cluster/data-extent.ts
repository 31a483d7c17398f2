// Where a cluster's data ends: the newest sample any node holds, found by a few small remote_reads of `up` walking
// back from now in widening windows (the last hour, day, week, five weeks). `up` is written on every scrape of every
// target, so it ends where the collector's data ends and is a handful of series. A TSDB without `up` (backfilled
// from something else) is probed once more with any metric over the same windows, under a small sample budget.
// Used so that a new profile's first panel opens on a range its data covers (a stopped collector, a backfill).
import type { ClusterNode } from '@core/cluster/fanout/types';
import { remoteRead } from '@core/remote-read/client';
import { isRemoteReadError } from '@core/remote-read/errors';
import type { LabelMatcher, RawSeries } from '@core/series/types';
import type { DataExtent, NodeDataExtent } from '@shared/api/profile-types';

const HOUR = 3_600_000;
/** [how far back the window starts, how far back it ends], newest first; each read only when the newer found none. */
export const PROBE_WINDOWS: readonly [number, number][] = [
  [HOUR, 0],
  [24 * HOUR, HOUR],
  [7 * 24 * HOUR, 24 * HOUR],
  [35 * 24 * HOUR, 7 * 24 * HOUR],
];
const UP: LabelMatcher[] = [{ type: '=', name: '__name__', value: 'up' }];
const ANY: LabelMatcher[] = [{ type: '=~', name: '__name__', value: '.+' }];
/** The any-metric fallback reads whole windows: stop there rather than pull a big TSDB into memory. */
const FALLBACK_MAX_SAMPLES = 2_000_000;

/** The newest timestamp of these series (stale markers included: they too mark where the data ends); null if none. */
export function newestTimestamp(series: readonly RawSeries[]): number | null {
  let newest: number | null = null;
  for (const s of series) {
    const n = s.timestamps.length;
    if (n && (newest === null || s.timestamps[n - 1] > newest)) newest = s.timestamps[n - 1];
  }
  return newest;
}

async function probeNode(node: ClusterNode, nowMs: number, timeoutMs: number): Promise<NodeDataExtent> {
  const endpoint = { ...node.endpoint, remoteTimeoutMs: Math.min(timeoutMs, node.endpoint.remoteTimeoutMs ?? timeoutMs) };
  try {
    for (const [matchers, maxSamples] of [[UP, 1_000_000], [ANY, FALLBACK_MAX_SAMPLES]] as const) {
      for (const [from, to] of PROBE_WINDOWS) {
        // Inclusive ends: a window ends 1 ms before the newer one starts, so no sample is read twice.
        const res = await remoteRead(endpoint, [{ matchers, startMs: nowMs - from, endMs: nowMs - to - (to ? 1 : 0) }], { limits: { maxSamples } });
        const newest = newestTimestamp(res.results[0]);
        if (newest !== null) return { name: node.name, newestMs: newest };
      }
    }
    return { name: node.name, newestMs: null };
  } catch (e) {
    const message = isRemoteReadError(e) ? e.toUserMessage() : e instanceof Error ? e.message : String(e);
    return { name: node.name, newestMs: null, error: message };
  }
}

/** Probes every node at once; the cluster's data ends at the newest sample of any node. */
export async function probeDataExtent(nodes: readonly ClusterNode[], nowMs = Date.now(), timeoutMs = 10_000): Promise<DataExtent> {
  const perNode = await Promise.all(nodes.map((n) => probeNode(n, nowMs, timeoutMs)));
  const found = perNode.map((n) => n.newestMs).filter((t): t is number => t !== null);
  return { probedAtMs: nowMs, newestMs: found.length ? Math.max(...found) : null, nodes: perNode };
}

// The embedded demo: two in-process remote_read servers on loopback, demo-a and demo-b, serving the generated
// replica data (last 6 h up to "now"): node_exporter-like floats and a native histogram. With a fixed nowMs the
// data is frozen (tests); without, it follows the clock.
import { startRemoteReadServer, type RemoteReadServer } from '@core/remote-read-server/server';
import type { RawSeries } from '@core/series/types';
import { DEMO_HISTORY_MS, DEMO_SCRAPE_INTERVAL_MS, demoAnomalies, type DemoAnomalies } from './anomalies';
import { generateReplicaSeries, type DemoReplica } from './node-exporter-data';
import { generateHistogramSeries } from './histogram-demo-data';

export interface DemoNode {
  name: 'demo-a' | 'demo-b';
  url: string;
}

export interface DemoCluster {
  nodes: [DemoNode, DemoNode];
  /** Positions of the planted gap and counter reset. */
  anomalies: DemoAnomalies;
  /** The "now" the anomalies and the history window are anchored to. */
  nowMs: number;
  servers: [RemoteReadServer, RemoteReadServer];
  close(): Promise<void>;
}

export interface DemoClusterOptions {
  /** Freeze the data at this time (default: follow the clock, anchored at start). */
  nowMs?: number;
}

function replicaSource(replica: DemoReplica, anchorMs: number, live: boolean, anomalies: DemoAnomalies): () => RawSeries[] {
  let cachedTo = -1;
  let cached: RawSeries[] = [];
  return () => {
    // Regenerate at most once per scrape interval as the clock moves on.
    const to = live ? Math.max(anchorMs, Date.now()) : anchorMs;
    const bucket = Math.floor(to / DEMO_SCRAPE_INTERVAL_MS);
    if (bucket !== cachedTo) {
      const from = anchorMs - DEMO_HISTORY_MS;
      cached = [...generateReplicaSeries(replica, from, to, anomalies), ...generateHistogramSeries(replica, from, to, anomalies)];
      cachedTo = bucket;
    }
    return cached;
  };
}

export async function startDemoCluster(opts: DemoClusterOptions = {}): Promise<DemoCluster> {
  const live = opts.nowMs === undefined;
  const nowMs = opts.nowMs ?? Date.now();
  const anomalies = demoAnomalies(nowMs);
  const a = await startRemoteReadServer({ series: replicaSource('A', nowMs, live, anomalies) });
  let b: RemoteReadServer;
  try {
    b = await startRemoteReadServer({ series: replicaSource('B', nowMs, live, anomalies) });
  } catch (e) {
    await a.close();
    throw e;
  }
  return {
    nodes: [
      { name: 'demo-a', url: a.url },
      { name: 'demo-b', url: b.url },
    ],
    anomalies,
    nowMs,
    servers: [a, b],
    close: async () => {
      await Promise.all([a.close(), b.close()]);
    },
  };
}

// Where the demo plants its differences between replica A and B (a scrape gap and a counter reset, both on B
// only), as functions of the demo's "now" — so tests and the comparison view can assert exactly these positions.
import type { Labels } from '@core/series/types';

export const DEMO_SCRAPE_INTERVAL_MS = 15_000;
export const DEMO_HISTORY_MS = 6 * 3_600_000;

export interface DemoAnomalies {
  /** Replica B has no samples at all with startMs <= t < endMs (its Prometheus was down). */
  gap: { replica: 'B'; startMs: number; endMs: number };
  /** On replica B, this counter restarts from near zero at the first scrape at or after atMs; A has no reset. */
  counterReset: { replica: 'B'; atMs: number; labels: Labels };
}

export const RESET_SERIES: Labels = {
  __name__: 'node_network_receive_bytes_total',
  device: 'eth0',
  instance: 'node-1:9100',
  job: 'node',
};

export function demoAnomalies(nowMs: number): DemoAnomalies {
  const align = (t: number) => Math.floor(t / DEMO_SCRAPE_INTERVAL_MS) * DEMO_SCRAPE_INTERVAL_MS;
  const gapStart = align(nowMs - 2 * 3_600_000);
  return {
    gap: { replica: 'B', startMs: gapStart, endMs: gapStart + 4 * 60_000 },
    counterReset: { replica: 'B', atMs: align(nowMs - 3_600_000) + 1_000, labels: RESET_SERIES },
  };
}

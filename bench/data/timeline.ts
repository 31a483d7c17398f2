// When the bench data lives: a fixed past window (so cached TSDB folders stay valid across runs), each replica's
// scrape times at its own phase, and the gap planted in replica B. Pure; no I/O.

export type Replica = 'A' | 'B';

export const SCRAPE_INTERVAL_MS = 15_000;
/** A fixed past midnight (UTC): blocks must lie in the past, and a fixed anchor keeps cached data reusable. */
export const ANCHOR_MS = Date.UTC(2025, 0, 6, 0, 0, 0);

/** Each replica scrapes at its own offset within the interval, as two real Prometheus servers do. */
const PHASE_MS: Record<Replica, number> = { A: 3_217, B: 7_846 };

export interface Window {
  startMs: number;
  endMs: number;
}

export function dataWindow(hours: number): Window {
  return { startMs: ANCHOR_MS, endMs: ANCHOR_MS + hours * 3_600_000 };
}

/** The outage planted in replica B: 20 minutes starting at two thirds of the window (5 minutes for short windows). */
export function plantedGap(w: Window): Window {
  const len = w.endMs - w.startMs;
  const startMs = w.startMs + Math.floor((len * 2) / 3 / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS;
  return { startMs, endMs: startMs + (len >= 3 * 3_600_000 ? 20 : 5) * 60_000 };
}

/** Integer hash → [0, 1), stable across runs. */
export function hash01(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Scrape timestamps of one replica inside the window: phase plus a few ms of jitter, minus B's planted gap. */
export function scrapeTimes(replica: Replica, w: Window): Float64Array {
  const gap = replica === 'B' ? plantedGap(w) : undefined;
  const out: number[] = [];
  const seed = replica === 'A' ? 1 : 2;
  for (let k = 0; w.startMs + k * SCRAPE_INTERVAL_MS < w.endMs; k++) {
    const t = w.startMs + k * SCRAPE_INTERVAL_MS + PHASE_MS[replica] + Math.floor(hash01(k, seed) * 9) - 4;
    if (t >= w.endMs) break;
    if (gap && t >= gap.startMs && t < gap.endMs) continue;
    out.push(t);
  }
  return Float64Array.from(out);
}

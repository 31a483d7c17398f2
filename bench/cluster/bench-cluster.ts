// The seed's topology on loopback over the bench data: collectors A and B serving their backfilled TSDBs, and a
// third Prometheus (the "9090") that stores nothing and answers by remote_read from both (read_recent: true).
import type { BenchData } from '../data/backfill';
import { startBenchPrometheus, type BenchPrometheus } from './prometheus-peer';

export interface BenchCluster {
  a: BenchPrometheus;
  b: BenchPrometheus;
  seed: BenchPrometheus;
  stop(): Promise<void>;
}

// Collectors scrape nothing: they only serve what was backfilled. No external labels, as in the seed setup, so the
// 9090 and rrx both see one label set per series and merge the replicas.
const COLLECTOR_CONFIG = 'global:\n  scrape_interval: 15s\n';

function seedConfig(readUrls: string[]): string {
  return `global:\n  scrape_interval: 15s\nremote_read:\n${readUrls.map((u) => `  - url: ${u}\n    read_recent: true\n    remote_timeout: 5m\n`).join('')}`;
}

export async function startBenchCluster(data: BenchData): Promise<BenchCluster> {
  const started: BenchPrometheus[] = [];
  try {
    const a = await startBenchPrometheus('collector A', COLLECTOR_CONFIG, data.dirs.A);
    started.push(a);
    const b = await startBenchPrometheus('collector B', COLLECTOR_CONFIG, data.dirs.B);
    started.push(b);
    const seed = await startBenchPrometheus('seed 9090', seedConfig([a.readUrl, b.readUrl]));
    started.push(seed);
    return { a, b, seed, stop: () => Promise.all(started.map((p) => p.stop())).then(() => undefined) };
  } catch (e) {
    await Promise.all(started.map((p) => p.stop()));
    throw e;
  }
}

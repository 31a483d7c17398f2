// Bench TSDB folders for both replicas, made once per size and cached: OpenMetrics text written by code, turned into
// one block per replica by `promtool tsdb create-blocks-from openmetrics`. Later runs reuse the folders as they are.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROMTOOL_BIN } from '../../test/helpers/prometheus';
import { writeOpenMetrics } from './openmetrics';
import { benchFamilies, hostsFor } from './series-model';
import { dataWindow, plantedGap, scrapeTimes, type Replica, type Window } from './timeline';

/** Bump when the data model changes, so stale caches are never read. */
const DATA_VERSION = 1;

export interface BenchData {
  hosts: number;
  series: number;
  window: Window;
  gap: Window;
  dirs: Record<Replica, string>;
  samples: Record<Replica, number>;
  /** True when the folders came from the cache. */
  cached: boolean;
  buildMs: number;
}

export function benchCacheDir(): string {
  return process.env.RRX_BENCH_CACHE ?? join(tmpdir(), 'rrx-bench-cache');
}

function promtool(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(PROMTOOL_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
    p.once('error', reject);
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`promtool ${args[0]} ${args[1]} failed (${code}): ${err}`))));
  });
}

/** Build (or reuse) both replicas' TSDB folders for `seriesCount` series over `hours` hours. */
export async function ensureBenchData(seriesCount: number, hours: number, log: (s: string) => void): Promise<BenchData> {
  const hosts = hostsFor(seriesCount);
  const window = dataWindow(hours);
  const root = join(benchCacheDir(), `v${DATA_VERSION}-hosts${hosts}-${hours}h`);
  const marker = join(root, 'bench-data.json');
  const dirs = { A: join(root, 'A'), B: join(root, 'B') };
  const base = { hosts, series: hosts * benchFamilies(1).reduce((n, f) => n + f.series.length, 0), window, gap: plantedGap(window), dirs };
  if (existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as { samples: Record<Replica, number> };
    return { ...base, samples: saved.samples, cached: true, buildMs: 0 };
  }

  const t0 = performance.now();
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const families = benchFamilies(hosts);
  const samples = { A: 0, B: 0 };
  const backfills: Promise<void>[] = [];
  for (const replica of ['A', 'B'] as const) {
    const file = join(root, `${replica}.om.txt`);
    log(`  writing OpenMetrics for replica ${replica} (${base.series} series × ${hours} h)…`);
    samples[replica] = writeOpenMetrics(file, families, scrapeTimes(replica, window));
    log(`  backfilling replica ${replica} with promtool…`);
    mkdirSync(dirs[replica]);
    // One block for the whole window (it is aligned inside one day), so Prometheus has nothing to compact later.
    backfills.push(promtool(['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=24h', file, dirs[replica]]).then(() => rmSync(file)));
  }
  await Promise.all(backfills);
  writeFileSync(marker, JSON.stringify({ version: DATA_VERSION, hosts, hours, samples }, null, 2));
  return { ...base, samples, cached: false, buildMs: performance.now() - t0 };
}

// The shape of one bench run as saved to bench/results/<date>.json, and the writer for it and bench/LATEST.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DecodeBenchResult } from '@core/remote-read/bench';
import type { BenchArgs } from '../args';
import type { BenchData } from '../data/backfill';
import type { EvalBenchRow } from '../micro/eval-bench';
import type { HeldMemoryResult } from '../micro/held-memory';
import type { MergeBenchRow } from '../micro/merge-bench';
import type { CorpusRow } from '../queries/run-corpus';
import type { RendererBenchResult } from '../renderer/page';
import { GOALS } from './goals';
import type { MachineInfo } from './machine';

/** What the serve-api section reports (bench/serve-api.ts, when present). */
export interface ServeApiSummary {
  rows: { id: string; rrxMs?: number; prometheusMs?: number; ratio?: number; error?: string }[];
  medianRatio?: number;
}

export interface ClusterRun {
  data: Omit<BenchData, 'dirs'>;
  hours: number;
  stepMs: number;
  rows: CorpusRow[];
  heldMemory?: HeldMemoryResult;
  serveApi?: ServeApiSummary;
}

export interface BenchRun {
  startedAt: string;
  finishedAt?: string;
  args: BenchArgs;
  machine: MachineInfo;
  goals: typeof GOALS;
  cluster: ClusterRun[];
  micro?: { decode: DecodeBenchResult; merge: MergeBenchRow[]; mergeSeries: number; eval: EvalBenchRow[]; evalSeries: number };
  renderer?: (RendererBenchResult & { chromium: string }) | { error: string };
  /** Sections that failed to run, with the reason. */
  errors: string[];
}

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Writes bench/results/<date>.json and (not for --quick runs) bench/LATEST.md; returns the JSON path. */
export function saveRun(run: BenchRun, markdown: string): string {
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${run.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}${run.args.quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(run, null, 2) + '\n');
  if (!run.args.quick) writeFileSync(join(BENCH_DIR, 'LATEST.md'), markdown + '\n');
  return file;
}

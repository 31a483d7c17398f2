// The shape of one bench run as saved to bench/results/<date>.json, and the writer for it and bench/LATEST.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DecodeBenchResult } from '@core/remote-read/bench';
import type { BenchArgs } from '../args';
import type { BenchData } from '../data/backfill';
import type { EvalBenchRow } from '../micro/eval-bench';
import type { HeldMemoryResult } from '../micro/held-memory';
import type { MergeBenchRow } from '../micro/merge-bench';
import type { JsonEncodeBench } from '../micro/json-encode-bench';
import type { CorpusRow } from '../queries/run-corpus';
import type { AppBenchResult } from '../renderer/app-bench';
import type { DrawBenchResult } from '../renderer/page';
import { GOALS } from './goals';
import { sectionMarkdown } from './markdown';
import { SECTIONS } from '../args';
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
  /** The pushdown corpus (queries the pushdown rules call exact). */
  pushdownRows?: CorpusRow[];
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
  micro?: { decode: DecodeBenchResult; merge: MergeBenchRow[]; mergeSeries: number; eval: EvalBenchRow[]; evalSeries: number; jsonEncode?: JsonEncodeBench };
  renderer?: {
    /** uPlot options, alignment and the progressive painter on synthetic data (bench/renderer/page.ts). */
    draw?: (DrawBenchResult & { chromium: string }) | { error: string };
    /** The built workbench running a large query against the bridge (bench/renderer/app-bench.ts). */
    app?: AppBenchResult | { error: string };
  };
  /** Sections that failed to run, with the reason. */
  errors: string[];
}

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Writes bench/results/<date>.json and, for a full run (not --quick), bench/LATEST.md. A run of only the micro
 * and/or renderer sections replaces just those blocks of LATEST.md (each says when it was re-measured); any other
 * partial run leaves LATEST.md alone. Returns what was written, for the log.
 */
export function saveRun(run: BenchRun, markdown: string): string {
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${run.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}${run.args.quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(run, null, 2) + '\n');
  if (run.args.quick) return file;
  const latest = join(BENCH_DIR, 'LATEST.md');
  const full = SECTIONS.every((s) => run.args.sections.includes(s));
  if (full || !existsSync(latest)) {
    writeFileSync(latest, markdown + '\n');
    return `${file} and bench/LATEST.md`;
  }
  const blocks = run.args.sections.filter((s): s is 'micro' | 'renderer' => s === 'micro' || s === 'renderer');
  if (blocks.length !== run.args.sections.length) return `${file} (bench/LATEST.md kept: only micro and renderer can be re-measured on their own)`;
  let text = readFileSync(latest, 'utf8');
  for (const b of blocks) text = replaceBlock(text, BLOCK_HEADINGS[b], sectionMarkdown(run, b));
  writeFileSync(latest, text);
  return `${file} and the ${blocks.join(' and ')} block${blocks.length > 1 ? 's' : ''} of bench/LATEST.md`;
}

const BLOCK_HEADINGS = { micro: '### Micro-benchmarks', renderer: '### Renderer' } as const;

/** Replaces the block that starts with a heading line beginning `heading` (up to the next ### or ## heading). */
export function replaceBlock(text: string, heading: string, block: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) return `${text.trimEnd()}\n\n${block.trimEnd()}\n`;
  let end = lines.findIndex((l, i) => i > start && /^#{2,3} /.test(l));
  if (end < 0) end = lines.length;
  const tail = lines.slice(end);
  return [...lines.slice(0, start), ...block.trimEnd().split('\n'), ...(tail.length ? ['', ...tail] : [''])].join('\n');
}

// `npm run bench` flags: which sizes, how many runs, which sections. --quick is the small development run.
import { parseArgs } from 'node:util';

export type Section = 'cluster' | 'pushdown' | 'micro' | 'renderer' | 'serve-api';
export const SECTIONS: readonly Section[] = ['cluster', 'pushdown', 'micro', 'renderer', 'serve-api'];

export interface BenchArgs {
  quick: boolean;
  /** Series counts of the cluster bench data (one cluster per size). */
  sizes: number[];
  hours: number;
  runs: number;
  cold: boolean;
  sections: Section[];
  /** Write bench/results/*.json and bench/LATEST.md. */
  save: boolean;
}

export const USAGE = `npm run bench -- [--quick] [--sizes 2000,10000] [--hours 6] [--runs 5] [--no-cold]
                   [--only cluster,pushdown,micro,renderer,serve-api] [--no-save]

  --quick      small run for development: 200 series × 1 h, 3 runs
  --sizes      series counts of the bench data, one cluster each (default 2000,10000)
  --hours      hours of data at 15 s (default 6)
  --runs       timed runs per query and method; the median is reported (default 5)
  --no-cold    skip the rrx CLI cold-process runs
  --only       sections to run (default all)
  --no-save    print only; do not write bench/results or bench/LATEST.md`;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      hours: { type: 'string' },
      runs: { type: 'string' },
      'no-cold': { type: 'boolean' },
      only: { type: 'string' },
      'no-save': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = v.quick ?? false;
  const num = (s: string | undefined, dflt: number, name: string): number => {
    if (s === undefined) return dflt;
    const n = Number(s);
    if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--${name} must be a positive number, got "${s}"`);
    return n;
  };
  const sizes = (v.sizes ?? (quick ? '200' : '2000,10000')).split(',').map((s) => num(s.trim(), 0, 'sizes'));
  const sections = (v.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim()) as Section[];
  for (const s of sections) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section "${s}" (${SECTIONS.join(', ')})`);
  return {
    quick,
    sizes,
    hours: Math.round(num(v.hours, quick ? 1 : 6, 'hours')),
    runs: Math.round(num(v.runs, quick ? 3 : 5, 'runs')),
    cold: !v['no-cold'],
    sections,
    save: !v['no-save'],
  };
}

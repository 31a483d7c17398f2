// Runs the corpus against one bench cluster: one untimed warm-up per method, then rounds that interleave the methods
// (so machine noise hits all of them alike), reporting the median per query and method plus the ratios.
import type { BenchCluster } from '../cluster/bench-cluster';
import { median, ratio } from '../report/stats';
import { CORPUS, type CorpusQuery } from './corpus';
import { formatProfile, medianProfile, type QueryProfile } from './profile';
import type { EvaluatedResult } from '@shared/api/query-types';
import { coldRunner, delegateRunner, httpRunner, pushdownRunner, warmRunner, type Method, type RangeArgs, type Runner, type Timed } from './runners';

export interface MethodResult {
  medianMs?: number;
  runsMs: number[];
  series?: number;
  points?: number;
  error?: string;
  merged?: 'pushdown' | 'local';
  /** rrx warm: median time per stage (nodes, decode, merge, eval, encode). */
  profile?: QueryProfile;
  /** With a verifier: 'equal' when every timed answer equalled the reference, else why not (or why unchecked). */
  check?: string;
}

/** Checks one answer against a reference: undefined when equal, else a sentence ('not checked: …' when it may differ). */
export type Verifier = (q: CorpusQuery, method: Method, answer: Timed & { result: EvaluatedResult }) => Promise<string | undefined>;

export interface CorpusRow {
  query: CorpusQuery;
  methods: Partial<Record<Method, MethodResult>>;
  /** rrx in-process ÷ Prometheus-as-9090, and ÷ Prometheus from its own TSDB (goals: ≤ 0.5 and ≤ 1.5). */
  warmVs9090?: number;
  warmVsLocal?: number;
  coldVs9090?: number;
  coldVsLocal?: number;
  /** rrx --mode pushdown ÷ rrx warm (local), and ÷ the 9090. */
  pushdownVsWarm?: number;
  pushdownVs9090?: number;
  /** Result series differ between methods (a replica gap answered differently, or a bug): worth a look. */
  shapeMismatch?: string;
}

export interface CorpusOptions {
  runs: number;
  cold: boolean;
  log: (s: string) => void;
  /** Default CORPUS. */
  queries?: readonly CorpusQuery[];
  /** Only these methods (default: warm, pushdown, 9090, local, and cold when asked). */
  methods?: readonly Method[];
  /** Checks the answers of the methods that return one (pushdown, delegate). */
  verify?: Verifier;
}

export async function runCorpus(cluster: BenchCluster, range: RangeArgs, opts: CorpusOptions): Promise<CorpusRow[]> {
  const runners: [Method, Runner][] = [
    ['rrxWarm', warmRunner(cluster)],
    ['rrxPushdown', pushdownRunner(cluster)],
    ['seed9090', httpRunner(cluster.seed.baseUrl, 'prometheus 9090')],
    ['local', httpRunner(cluster.a.baseUrl, 'prometheus local')],
  ];
  if (opts.cold) runners.unshift(['rrxCold', coldRunner(cluster)]);
  if (opts.methods?.includes('rrxDelegate')) runners.splice(2, 0, ['rrxDelegate', delegateRunner(cluster)]);
  if (opts.methods) for (let i = runners.length - 1; i >= 0; i--) if (!opts.methods.includes(runners[i][0])) runners.splice(i, 1);
  const rows: CorpusRow[] = [];
  for (const q of opts.queries ?? CORPUS) {
    const methods: Partial<Record<Method, MethodResult>> = {};
    for (const [m] of runners) methods[m] = { runsMs: [] };
    const profiles: Partial<Record<Method, QueryProfile[]>> = {};
    for (let round = -1; round < opts.runs; round++) {
      for (const [m, run] of runners) {
        const r = methods[m]!;
        if (r.error) continue;
        try {
          const t = await run(q, range);
          if (round >= 0) r.runsMs.push(t.ms);
          if (round >= 0 && t.profile) (profiles[m] ??= []).push(t.profile);
          r.series = t.series;
          r.points = t.points;
          if (t.merged) r.merged = t.merged;
          if (opts.verify && t.result && r.check === undefined) {
            const problem = await opts.verify(q, m, { ...t, result: t.result });
            if (problem) r.check = problem;
          }
        } catch (e) {
          r.error = (e as Error).message.slice(0, 300);
        }
      }
    }
    for (const r of Object.values(methods)) if (r.runsMs.length) r.medianMs = median(r.runsMs);
    if (opts.verify) for (const [m] of runners) if (methods[m]!.check === undefined && !methods[m]!.error && (m === 'rrxPushdown' || m === 'rrxDelegate')) methods[m]!.check = 'equal';
    for (const [m, list] of Object.entries(profiles)) methods[m as Method]!.profile = medianProfile(list);
    const row: CorpusRow = {
      query: q,
      methods,
      warmVs9090: ratio(methods.rrxWarm?.medianMs, methods.seed9090?.medianMs),
      warmVsLocal: ratio(methods.rrxWarm?.medianMs, methods.local?.medianMs),
      coldVs9090: ratio(methods.rrxCold?.medianMs, methods.seed9090?.medianMs),
      coldVsLocal: ratio(methods.rrxCold?.medianMs, methods.local?.medianMs),
      pushdownVsWarm: ratio(methods.rrxPushdown?.medianMs, methods.rrxWarm?.medianMs),
      pushdownVs9090: ratio(methods.rrxPushdown?.medianMs, methods.seed9090?.medianMs),
    };
    const shapes = Object.entries(methods).filter(([, r]) => r.series !== undefined);
    if (new Set(shapes.map(([, r]) => r.series)).size > 1) row.shapeMismatch = shapes.map(([m, r]) => `${m}: ${r.series} series / ${r.points} points`).join(', ');
    rows.push(row);
    const fmt = (m: Method): string => (methods[m]?.medianMs !== undefined ? `${methods[m]!.medianMs!.toFixed(0)} ms` : (methods[m]?.error ? 'error' : '—'));
    opts.log(`  ${q.id.padEnd(12)} cold ${fmt('rrxCold')}, warm ${fmt('rrxWarm')}, pushdown ${fmt('rrxPushdown')} (${methods.rrxPushdown?.merged ?? '—'}), delegate ${fmt('rrxDelegate')}, 9090 ${fmt('seed9090')}, local ${fmt('local')}${row.shapeMismatch ? `  [shapes differ: ${row.shapeMismatch}]` : ''}`);
    for (const m of ['rrxPushdown', 'rrxDelegate'] as const) if (methods[m]?.check) opts.log(`  ${''.padEnd(12)} ${m} vs the 9090: ${methods[m]!.check}`);
    for (const [m, r] of Object.entries(methods)) if (r.error) opts.log(`  ${''.padEnd(12)} ${m} failed: ${r.error}`);
    const prof = methods.rrxWarm?.profile;
    if (prof) opts.log(`  ${''.padEnd(12)} warm profile: ${formatProfile(prof)}`);
  }
  return rows;
}

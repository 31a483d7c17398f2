// rrx's engine against Prometheus 2.42 itself over a generated corpus: seeded data of known shapes (counters with
// resets, gauges, a classic histogram, series that stop and start, stale markers, tiny/huge values) is pushed into
// a real Prometheus with remote_write; every generated expression is asked as an instant and as a range query, at
// step-aligned and unaligned times, of `rrx query --compat prometheus2` (reading that Prometheus over remote_read)
// and of Prometheus's own /api/v1/query(_range). The answers must be identical: same series, timestamps and value
// digits (compare.ts states the few exclusions where 2.42 itself is nondeterministic).
//
// CI runs a bounded corpus; a larger one by hand, e.g.:
//   RRX_DIFF_SEED=7 RRX_DIFF_COUNT=3000 npx vitest run --project integration test/integration/promql/differential.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { remoteWrite } from '../../helpers/remote-write';
import { rrx } from '../../helpers/run-cli';
import { prng } from '../../helpers/series-fixtures';
import { diffAnswers, excludedReason, orderDependentAggregation, type ApiAnswer } from './corpus/compare';
import { generateDataset, type Dataset } from './corpus/dataset';
import { generateCorpus } from './corpus/expressions';

const SEED = Number(process.env.RRX_DIFF_SEED ?? 15);
const COUNT = Number(process.env.RRX_DIFF_COUNT ?? 600);
/** Bound on the whole comparison loop (CI), well inside the test timeout; a hand run can raise it. */
const BUDGET_MS = Number(process.env.RRX_DIFF_BUDGET_MS ?? 240_000);
/** Debugging: RRX_DIFF_ONLY=<regex> asks only matching expressions and prints both answers of a mismatch. */
const ONLY = process.env.RRX_DIFF_ONLY ? new RegExp(process.env.RRX_DIFF_ONLY) : null;

// The default evaluation interval (1m) is also the step of subqueries written without one, as rrx assumes.
const NO_SCRAPES = 'global:\n  scrape_interval: 15s\n';

describe(`engine differential against Prometheus 2.42 (generated corpus, seed ${SEED})`, () => {
  let prom: PrometheusServer;
  let data: Dataset;
  let corpus: string[];
  const rnd = prng(SEED * 7919 + 1);

  beforeAll(async () => {
    prom = await startPrometheus({ configYaml: NO_SCRAPES, extraArgs: ['--web.enable-remote-write-receiver'], label: 'differential prometheus' });
    // Data in the recent past, starting on a whole minute, so the head accepts it and queries see settled data.
    const startMs = Math.floor((Date.now() - 40 * 60_000) / 60_000) * 60_000;
    data = generateDataset(SEED, startMs);
    await remoteWrite(prom.baseUrl, data.series);
    const s = startMs / 1000;
    corpus = generateCorpus({ seed: SEED, count: COUNT, atTimes: [String(s + 600), (s + 817.25).toFixed(3), String(s + 1500)] });
  }, 120_000);
  afterAll(async () => prom?.stop());

  async function promApi(path: string, params: Record<string, string>): Promise<ApiAnswer> {
    const r = await fetch(`${prom.baseUrl}${path}`, { method: 'POST', body: new URLSearchParams(params), signal: AbortSignal.timeout(30_000) });
    return (await r.json()) as ApiAnswer;
  }

  async function ours(args: string[]): Promise<ApiAnswer> {
    const run = await rrx(['query', '--endpoint', prom.readUrl, '--compat', 'prometheus2', '--format', 'json', ...args]);
    try {
      return JSON.parse(run.stdout) as ApiAnswer;
    } catch {
      return { status: 'cli-error', error: `exit ${run.code}: ${run.stderr.trim()}` };
    }
  }

  /** A time in the data's window: on a whole 15 s / 1 m, or at an unaligned millisecond. */
  function queryTime(aligned: boolean): number {
    const base = data.startMs / 1000 + 120 + Math.floor(rnd() * 32 * 60);
    return aligned ? base - (base % (rnd() < 0.5 ? 60 : 15)) : base + Math.floor(rnd() * 1000) / 1000;
  }

  it('instant and range queries answer identically', async () => {
    const failures: string[] = [];
    const deadline = Date.now() + BUDGET_MS;
    let asked = 0;
    for (const [i, expr] of corpus.entries()) {
      if (Date.now() > deadline) break;
      if (ONLY && !ONLY.test(expr)) {
        asked++;
        continue;
      }
      const t = queryTime(i % 2 === 0).toString();
      const [mine, theirs] = await Promise.all([ours(['--expr', expr, '--time', t]), promApi('/api/v1/query', { query: expr, time: t })]);
      const d = diffAnswers(expr, mine, theirs, false);
      if (d) failures.push(`instant ${expr} @ ${t}\n    ${d}`);

      const start = queryTime(i % 3 !== 0);
      const step = [15, 20, 60, 7, 11.5][i % 5];
      const end = (start + 300 + Math.floor(rnd() * 600)).toString();
      const params = { query: expr, start: start.toString(), end, step: String(step) };
      const [mineR, theirsR] = await Promise.all([
        ours(['--expr', expr, '--start', params.start, '--end', end, '--step', params.step]),
        promApi('/api/v1/query_range', params),
      ]);
      const dr = diffAnswers(expr, mineR, theirsR, true);
      if (dr) failures.push(`range ${expr} [${params.start}, ${end}] step ${step}\n    ${dr}`);
      if (ONLY && (d || dr)) console.log(JSON.stringify({ expr, mine, theirs, mineR, theirsR }));
      asked++;
    }
    const excluded = corpus.filter((e) => excludedReason(e, true)).length;
    const tolerant = corpus.filter((e) => orderDependentAggregation(e)).length;
    console.log(
      `differential: ${asked} of ${corpus.length} expressions asked (seed ${SEED}), ${failures.length} mismatches; ` +
        `${excluded} compared by status only and ${tolerant} within 1e-9 (reasons in corpus/compare.ts)`,
    );
    expect(asked, 'the budget must allow the whole CI corpus').toBe(corpus.length);
    expect(failures, failures.slice(0, 60).join('\n')).toEqual([]);
  }, 600_000);
});

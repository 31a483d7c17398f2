// rrx's engine against Prometheus 2.42 over native histograms: seeded histogram data (counter histograms with a
// reset, a gap and a schema change, gauge histograms, a name holding both histograms and floats) is pushed with
// remote_write into a real Prometheus started with --enable-feature=native-histograms; a generated corpus of
// histogram expressions (corpus/histogram-expressions.ts) is asked as instant and range queries, at step-aligned
// and unaligned times, of `rrx serve-api --compat prometheus2` (reading that Prometheus over remote_read) and of
// Prometheus's own API. Answers must be identical: same series, timestamps, float digits, and for histograms the
// same count, sum and every bucket (the stated exclusions are in corpus/compare.ts).
//
// A larger run by hand: RRX_HDIFF_SEED=3 RRX_HDIFF_COUNT=1500 npx vitest run --project integration <this file>
// (RRX_HDIFF_ONLY=<regex> asks only matching expressions and prints both answers of a mismatch).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec } from '@core/query/cluster-spec';
import { startQueryApiServer, type QueryApiServer } from '@core/serve-api';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { remoteWrite } from '../../helpers/remote-write';
import { prng } from '../../helpers/series-fixtures';
import { diffAnswers, excludedReason, orderDependentAggregation, type ApiAnswer } from './corpus/compare';
import { generateHistogramDataset, type HistogramDataset } from './corpus/histogram-dataset';
import { generateHistogramCorpus } from './corpus/histogram-expressions';

const SEED = Number(process.env.RRX_HDIFF_SEED ?? 15);
const COUNT = Number(process.env.RRX_HDIFF_COUNT ?? 400);
/** Bound on the comparison loop (CI), well inside the test timeout; a hand run can raise it. */
const BUDGET_MS = Number(process.env.RRX_HDIFF_BUDGET_MS ?? 90_000);
const ONLY = process.env.RRX_HDIFF_ONLY ? new RegExp(process.env.RRX_HDIFF_ONLY) : null;

const NO_SCRAPES = 'global:\n  scrape_interval: 15s\n';

describe(`native histogram differential against Prometheus 2.42 (generated corpus, seed ${SEED})`, () => {
  let prom: PrometheusServer;
  let server: QueryApiServer;
  let data: HistogramDataset;
  let corpus: string[];
  const rnd = prng(SEED * 104729 + 3);

  beforeAll(async () => {
    prom = await startPrometheus({
      configYaml: NO_SCRAPES,
      extraArgs: ['--web.enable-remote-write-receiver', '--enable-feature=native-histograms'],
      label: 'histogram differential prometheus',
    });
    const startMs = Math.floor((Date.now() - 40 * 60_000) / 60_000) * 60_000;
    data = generateHistogramDataset(SEED, startMs);
    await remoteWrite(prom.baseUrl, data.series);
    const s = startMs / 1000;
    corpus = generateHistogramCorpus({ seed: SEED, count: COUNT, atTimes: [String(s + 600), (s + 817.25).toFixed(3), String(s + 1500)] });
    const spec: ClusterSpec = {
      name: 'nh-diff',
      nodes: [{ index: 0, name: 'prom', endpoint: { url: prom.readUrl } }],
      strategy: 'union',
      partialPolicy: 'partial',
      timeoutMs: 30_000,
      compat: 'prometheus2',
    };
    server = await startQueryApiServer({ spec, listen: '127.0.0.1:0' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await prom?.stop();
  });

  async function ask(base: string, path: string, params: Record<string, string>): Promise<ApiAnswer> {
    const r = await fetch(`${base}${path}`, { method: 'POST', body: new URLSearchParams(params), signal: AbortSignal.timeout(30_000) });
    const text = await r.text();
    try {
      return JSON.parse(text) as ApiAnswer;
    } catch {
      return { status: 'http-error', error: `${r.status}: ${text.slice(0, 200)}` };
    }
  }

  /** A time in the data's window: on a whole 15 s / 1 m, or at an unaligned millisecond. */
  function queryTime(aligned: boolean): number {
    const base = data.startMs / 1000 + 120 + Math.floor(rnd() * 27 * 60);
    return aligned ? base - (base % (rnd() < 0.5 ? 60 : 15)) : base + Math.floor(rnd() * 1000) / 1000;
  }

  it('histogram queries answer identically (count, sum, every bucket)', async () => {
    const failures: string[] = [];
    const deadline = Date.now() + BUDGET_MS;
    let asked = 0;
    // What Prometheus answered, so a corpus that only ever compares empty answers cannot pass unnoticed.
    let withHistograms = 0;
    let withFloats = 0;
    const tally = (a: ApiAnswer): void => {
      const text = JSON.stringify(a.data?.result ?? []);
      if (/"histograms?":/.test(text)) withHistograms++;
      if (/"values?":/.test(text)) withFloats++;
    };
    for (const [i, expr] of corpus.entries()) {
      if (Date.now() > deadline) break;
      asked++;
      // Times are drawn for every expression, so RRX_HDIFF_ONLY asks at the same times as the full run.
      const t = queryTime(i % 2 === 0).toString();
      const start = queryTime(i % 3 !== 0);
      const end = (start + 300 + Math.floor(rnd() * 600)).toString();
      if (ONLY && !ONLY.test(expr)) continue;
      const instant = { query: expr, time: t };
      const [mine, theirs] = await Promise.all([ask(server.url, '/api/v1/query', instant), ask(prom.baseUrl, '/api/v1/query', instant)]);
      tally(theirs);
      const d = diffAnswers(expr, mine, theirs, false);
      if (d) failures.push(`instant ${expr} @ ${t}\n    ${d}`);

      const step = [15, 20, 60, 7, 11.5][i % 5];
      const range = { query: expr, start: start.toString(), end, step: String(step) };
      const [mineR, theirsR] = await Promise.all([ask(server.url, '/api/v1/query_range', range), ask(prom.baseUrl, '/api/v1/query_range', range)]);
      tally(theirsR);
      const dr = diffAnswers(expr, mineR, theirsR, true);
      if (dr) failures.push(`range ${expr} [${range.start}, ${range.end}] step ${step}\n    ${dr}`);
      if (ONLY && (d || dr)) console.log(JSON.stringify({ expr, mine, theirs, mineR, theirsR }));
    }
    const excluded = corpus.filter((e) => excludedReason(e, true)).length;
    const tolerant = corpus.filter((e) => orderDependentAggregation(e)).length;
    console.log(
      `histogram differential: ${asked} of ${corpus.length} expressions asked (seed ${SEED}), ${failures.length} mismatches; ` +
        `${excluded} compared by status only and ${tolerant} within 1e-9 (reasons in corpus/compare.ts); ` +
        `Prometheus answered histograms ${withHistograms} times and floats ${withFloats} times`,
    );
    if (!ONLY) {
      expect(withHistograms, 'histogram answers compared').toBeGreaterThan(corpus.length / 2);
      expect(withFloats, 'float answers compared').toBeGreaterThan(corpus.length / 2);
    }
    expect(asked, 'the budget must allow the whole CI corpus').toBe(corpus.length);
    expect(failures, failures.slice(0, 80).join('\n')).toEqual([]);
  }, 300_000);
});

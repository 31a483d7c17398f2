// `rrx query`: PromQL over the merged cluster (or one node), printed in the Prometheus HTTP API's exact JSON shape
// (so it can be diffed against a Prometheus server), as a table, or as CSV. Exit 1 for a failed query, 2 for usage.
import { anyHistograms, HISTOGRAM_CSV_COLUMNS, histogramCsvCells } from '@core/export/histogram-rows';
import { errorToPrometheusApiJson, histogramToApiJson } from '@core/promql/engine/api-json';
import { encodeApiJson } from '@core/promql/engine/api-json-stream';
import { formatFloatF } from '@core/promql/engine/format-float';
import { answerQuery, hasQueryApis } from '@core/query/answer-modes';
import { toEngineResult } from '@core/query/evaluate';
import { formatLabels } from '@core/series/labels';
import type { EvaluatedResult } from '@shared/api/query-types';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIO } from '../command';
import { CLUSTER_OPTIONS, CLUSTER_USAGE, clusterFromFlags } from '../cluster-flags';
import { errorSentence } from '../error-sentence';
import { frameFromFlags, parseFlags } from '../flags';
import { MODE_OPTIONS, MODE_USAGE, modeFromFlags, type ModeFlagValues } from '../mode-flags';
import { QUERY_TIMEOUT_USAGE, queryTimeoutFromFlag } from '../query-timeout-flag';
import { parseDurationMs } from '../time-arg';

const USAGE = `rrx query --expr E (--time T | --start T --end T --step D) (--endpoint URL… | --profile NAME)
          [--dedup STRATEGY] [--compat prometheus2] [--format json|table|csv] [--mode MODE] [cluster and transport flags]

Evaluates PromQL locally over what remote_read returns from every node, merged — or, with query APIs
(--query-api), by the nodes' own engines or one engine node (see --mode). With a query API configured or --mode
given, stderr gets one line saying how the answer was made.

  --expr E                    the PromQL expression
  --time T                    instant query at T (unix seconds, RFC 3339, now, now-5m); default now
  --start T --end T --step D  range query (step as a duration like 15s, or seconds)
  --lookback-delta D          how far back instant selectors look (default 5m)
  --format FORMAT             json (the Prometheus HTTP API response, default), table or csv
${QUERY_TIMEOUT_USAGE}

${MODE_USAGE}

${CLUSTER_USAGE}`;

const OPTIONS = {
  expr: { type: 'string' },
  time: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  step: { type: 'string' },
  'lookback-delta': { type: 'string' },
  format: { type: 'string' },
  'query-timeout': { type: 'string' },
  ...MODE_OPTIONS,
  ...CLUSTER_OPTIONS,
} as const;

export const queryCommand: CliCommand = {
  name: 'query',
  summary: 'evaluate PromQL over the merged replicas of a cluster',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const v = parseFlags(argv, OPTIONS) as ReturnType<typeof parseFlags> & ModeFlagValues;
    if (!v.expr) throw new UsageError('--expr is required');
    const format = v.format ?? 'json';
    if (!['json', 'table', 'csv'].includes(format)) throw new UsageError('--format must be json, table or csv');
    const frame = frameFromFlags(v);
    const lookbackDeltaMs = v['lookback-delta'] !== undefined ? parseDurationMs(v['lookback-delta']) ?? undefined : undefined;
    if (v['lookback-delta'] !== undefined && !lookbackDeltaMs) throw new UsageError('--lookback-delta must be a duration such as 5m');
    const modeFlags = modeFromFlags(v);
    const timeoutMs = queryTimeoutFromFlag(v['query-timeout']);
    const spec = await clusterFromFlags(v, io);

    let result: EvaluatedResult;
    try {
      const input = { expr: v.expr, frame, lookbackDeltaMs };
      const answer = await answerQuery(spec, input, { ...modeFlags, signal: io.signal, timeoutMs, streaming: true });
      result = answer.merged;
      if (modeFlags.explicit || hasQueryApis(spec)) io.stderr(`rrx query: mode ${answer.mode}: ${answer.note}\n`);
    } catch (e) {
      if (format === 'json') io.stdout(JSON.stringify(errorToPrometheusApiJson(e)) + '\n');
      io.stderr(`rrx query: ${errorSentence(e)}\n`);
      return EXIT_FAILED;
    }
    for (const w of result.warnings) io.stderr(`rrx query: warning: ${w}\n`);
    if (format === 'json') await writeJson(result, frame.endMs, io);
    else if (format === 'csv') writeCsv(result, io);
    else writeTable(result, io);
    return EXIT_OK;
  },
};

/** The Prometheus API JSON and a newline, streamed to stdout as it is encoded. */
async function writeJson(result: EvaluatedResult, endMs: number, io: CliIO): Promise<void> {
  const chunks = (function* () {
    yield* encodeApiJson({ result: toEngineResult(result, endMs) });
    yield '\n';
  })();
  if (io.stdoutChunks) await io.stdoutChunks(chunks);
  else for (const c of chunks) io.stdout(c);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV; when the result holds native histograms, four columns follow (export/histogram-rows.ts: a row per part). */
function writeCsv(r: EvaluatedResult, io: CliIO): void {
  const withHist = anyHistograms(r.series);
  io.stdout(`series,timestamp,value${withHist ? ',' + HISTOGRAM_CSV_COLUMNS.join(',') : ''}\n`);
  if (r.resultType === 'string') {
    io.stdout(`,,${csvField(r.stringValue ?? '')}${withHist ? ',,,,' : ''}\n`);
    return;
  }
  for (const s of r.series) {
    const name = csvField(formatLabels(s.labels));
    const rows: string[] = [];
    for (let i = 0; i < s.timestamps.length; i++) {
      const h = s.histograms?.[i];
      if (h) for (const cells of histogramCsvCells(h)) rows.push(`${name},${s.timestamps[i] / 1000},${cells.join(',')}\n`);
      else rows.push(`${name},${s.timestamps[i] / 1000},${formatFloatF(s.values[i])}${withHist ? ',,,,' : ''}\n`);
    }
    io.stdout(rows.join(''));
  }
}

/** A sample as the table shows it: the float, or a histogram's count, sum and bucket count. */
function tableValue(s: EvaluatedResult['series'][number], i: number): string {
  const h = s.histograms?.[i];
  if (!h) return formatFloatF(s.values[i]);
  return `histogram count=${formatFloatF(h.count)} sum=${formatFloatF(h.sum)} buckets=${(histogramToApiJson(h).buckets ?? []).length}`;
}

function writeTable(r: EvaluatedResult, io: CliIO): void {
  if (r.resultType === 'string') {
    io.stdout(`${r.stringValue ?? ''}\n`);
    return;
  }
  if (r.series.length === 0) {
    io.stdout('(empty result)\n');
    return;
  }
  const names = r.series.map((s) => formatLabels(s.labels));
  const width = Math.min(100, Math.max(...names.map((n) => n.length)));
  r.series.forEach((s, k) => {
    if (s.timestamps.length === 1) io.stdout(`${names[k].padEnd(width)}  ${tableValue(s, 0)}\n`);
    else {
      io.stdout(`${names[k]}\n`);
      for (let i = 0; i < s.timestamps.length; i++) io.stdout(`  ${new Date(s.timestamps[i]).toISOString()}  ${tableValue(s, i)}\n`);
    }
  });
}

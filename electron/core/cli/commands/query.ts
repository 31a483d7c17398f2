// `rrx query`: PromQL over the merged cluster (or one node), printed in the Prometheus HTTP API's exact JSON shape
// (so it can be diffed against a Prometheus server), as a table, or as CSV. Exit 1 for a failed query, 2 for usage.
import { parseArgs } from 'node:util';
import { anyHistograms, HISTOGRAM_CSV_COLUMNS, histogramCsvCells } from '@core/export/histogram-rows';
import { errorToPrometheusApiJson, histogramToApiJson, toPrometheusApiJson } from '@core/promql/engine/api-json';
import { formatFloatF } from '@core/promql/engine/format-float';
import { evaluateSnapshot, readForQuery } from '@core/query/run-cluster-query';
import { instantFrame, rangeFrame, type TimeFrame } from '@core/query/time-frame';
import { toEngineResult } from '@core/query/evaluate';
import { formatLabels } from '@core/series/labels';
import type { EvaluatedResult } from '@shared/api/query-types';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIO } from '../command';
import { CLUSTER_OPTIONS, CLUSTER_USAGE, clusterFromFlags, type ClusterFlagValues } from '../cluster-flags';
import { errorSentence } from '../main';
import { parseDurationMs, parseTimeArg } from '../time-arg';

const USAGE = `rrx query --expr E (--time T | --start T --end T --step D) (--endpoint URL… | --profile NAME)
          [--dedup STRATEGY] [--compat prometheus2] [--format json|table|csv] [cluster and transport flags]

Evaluates PromQL locally over what remote_read returns from every node, merged.

  --expr E                    the PromQL expression
  --time T                    instant query at T (unix seconds, RFC 3339, now, now-5m); default now
  --start T --end T --step D  range query (step as a duration like 15s, or seconds)
  --lookback-delta D          how far back instant selectors look (default 5m)
  --format FORMAT             json (the Prometheus HTTP API response, default), table or csv

${CLUSTER_USAGE}`;

const OPTIONS = {
  expr: { type: 'string' },
  time: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  step: { type: 'string' },
  'lookback-delta': { type: 'string' },
  format: { type: 'string' },
  ...CLUSTER_OPTIONS,
} as const;

type Values = ClusterFlagValues & { expr?: string; time?: string; start?: string; end?: string; step?: string; 'lookback-delta'?: string; format?: string };

export function parseFlags(argv: string[], options: object): Values {
  try {
    return parseArgs({ args: argv, options: options as typeof OPTIONS, strict: true, allowPositionals: false }).values as Values;
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0].replace(/\.$/, ''));
  }
}

/** --time or --start/--end/--step into a frame; Prometheus's rules (and wording) for steps. */
export function frameFromFlags(v: Values, now = Date.now()): TimeFrame {
  const isRange = v.start !== undefined || v.end !== undefined || v.step !== undefined;
  if (isRange) {
    if (v.time !== undefined) throw new UsageError('give either --time or --start/--end/--step');
    if (v.start === undefined || v.end === undefined || v.step === undefined) throw new UsageError('a range query needs --start, --end and --step');
    const stepMs = /^\d+(\.\d+)?$/.test(v.step) ? Math.round(Number(v.step) * 1000) : parseDurationMs(v.step);
    if (!stepMs || stepMs <= 0) throw new UsageError(`--step must be a positive duration such as 15s, got "${v.step}"`);
    try {
      return rangeFrame(parseTimeArg(v.start, now, '--start'), parseTimeArg(v.end, now, '--end'), stepMs);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  return instantFrame(v.time !== undefined ? parseTimeArg(v.time, now, '--time') : now);
}

export const queryCommand: CliCommand = {
  name: 'query',
  summary: 'evaluate PromQL over the merged replicas of a cluster',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const v = parseFlags(argv, OPTIONS);
    if (!v.expr) throw new UsageError('--expr is required');
    const format = v.format ?? 'json';
    if (!['json', 'table', 'csv'].includes(format)) throw new UsageError('--format must be json, table or csv');
    const frame = frameFromFlags(v);
    const lookbackDeltaMs = v['lookback-delta'] !== undefined ? parseDurationMs(v['lookback-delta']) ?? undefined : undefined;
    if (v['lookback-delta'] !== undefined && !lookbackDeltaMs) throw new UsageError('--lookback-delta must be a duration such as 5m');
    const spec = await clusterFromFlags(v, io);

    let result: EvaluatedResult;
    try {
      const input = { expr: v.expr, frame, lookbackDeltaMs };
      const { ast, snapshot } = await readForQuery(spec, input, { signal: io.signal });
      result = evaluateSnapshot(spec, ast, input, snapshot, { signal: io.signal }).merged;
    } catch (e) {
      if (format === 'json') io.stdout(JSON.stringify(errorToPrometheusApiJson(e)) + '\n');
      io.stderr(`rrx query: ${errorSentence(e)}\n`);
      return EXIT_FAILED;
    }
    for (const w of result.warnings) io.stderr(`rrx query: warning: ${w}\n`);
    if (format === 'json') io.stdout(JSON.stringify(toPrometheusApiJson(toEngineResult(result, frame.endMs))) + '\n');
    else if (format === 'csv') writeCsv(result, io);
    else writeTable(result, io);
    return EXIT_OK;
  },
};

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

// `rrx read`: raw samples over remote_read, printed as JSON, CSV or text — from one endpoint as it answered, or
// from several nodes (repeated --endpoint or --profile) merged with a dedup strategy, with each sample's node. No
// PromQL. Output shapes are a contract (see usage); errors are one sentence on stderr (exit 1), usage exit 2.
import { formatFloatF } from '@core/promql/engine/format-float';
import { endpointDisplayName, remoteRead } from '@core/remote-read/client';
import type { ResponseType } from '@core/remote-read/endpoint-config';
import { stripUserinfo } from '@core/remote-read/redact';
import { SelectorError, parseSelector } from '@core/remote-read/selector';
import { anyHistograms, HISTOGRAM_CSV_COLUMNS, histogramCsvCells } from '@core/export/histogram-rows';
import { histogramToApiJson } from '@core/promql/engine/api-json';
import { compareLabels, formatLabels, labelsKey } from '@core/series/labels';
import type { RawSeries, SelectorRequest } from '@core/series/types';
import { EXIT_OK, UsageError, type CliCommand, type CliIO } from '../command';
import { parseFlags } from '../flags';
import { parseTimeArg } from '../time-arg';
import { endpointFromFlags, type TransportFlagValues } from '../transport-flags';
import { CLUSTER_OPTIONS, CLUSTER_USAGE, clusterFromFlags, type ClusterFlagValues } from '../cluster-flags';
import { readLimitsFromFlags, type ReadLimitFlagValues } from '../read-limit-flags';
import { fanOut, holdInBudget, withBudgetSignal } from '@core/cluster/fanout/fan-out';
import { QueryMemoryBudget, defaultQueryBudgetBytes } from '@core/query/memory-budget';
import { maxMemoryFromFlags, type MemoryFlagValues } from '../memory-flag';
import { ClusterReadError } from '@core/cluster/fanout/types';
import { mergeNodes } from '@core/cluster/merge';
import type { MergedSeries } from '@core/cluster/merge/types';

const USAGE = `rrx read (--endpoint URL [--endpoint URL…] | --profile NAME) --match SELECTOR [--match SELECTOR…]
         [--start T] [--end T] [--response-type chunks|samples] [--format json|csv|text] [cluster and transport flags]

Sends one Prometheus remote_read request per node (all selectors as queries of one request) and prints the raw
samples. With several nodes the series are merged (--dedup, default union) and each sample names its node.

  --endpoint URL             remote_read URL, e.g. http://127.0.0.1:9090/api/v1/read (repeat: one per node)
  --match SELECTOR           series selector, e.g. up{job="node"} or {__name__=~"node_.*"} (repeatable)
  --start T, --end T         unix seconds, RFC 3339, now, now-1h, now-1h30m (default: the last hour)
  --response-type TYPE       force chunks (STREAMED_XOR_CHUNKS) or samples (SAMPLES); default: accept both
  --format FORMAT            json (default), csv or text

JSON output: {"endpoint": "<url>", "series": [{"labels": {...}, "samples": [[<unix ms>, <value>], ...]}]}
with NaN/±Inf (and stale markers) as the strings "NaN", "+Inf", "-Inf". With several nodes: "endpoint" is null,
and "nodes" (names), "strategy", "warnings" are added; each series gets "nodes": [<node index per sample>].

${CLUSTER_USAGE}`;

const OPTIONS = {
  match: { type: 'string', multiple: true },
  start: { type: 'string' },
  end: { type: 'string' },
  'response-type': { type: 'string' },
  format: { type: 'string' },
  ...CLUSTER_OPTIONS,
} as const;

type Format = 'json' | 'csv' | 'text';

export const readCommand: CliCommand = {
  name: 'read',
  summary: 'read raw series over remote_read (one endpoint, or a cluster merged)',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const values = parseFlags(argv, OPTIONS) as Record<string, string | string[] | boolean | undefined>;
    const endpoints = (values.endpoint as string[] | undefined) ?? [];
    if (endpoints.length === 0 && !values.profile) throw new UsageError('--endpoint (one per node) or --profile is required');
    const selectors = (values.match as string[] | undefined) ?? [];
    if (selectors.length === 0) throw new UsageError('at least one --match selector is required');

    const now = Date.now();
    const endMs = values.end !== undefined ? parseTimeArg(values.end as string, now, '--end') : now;
    const startMs = values.start !== undefined ? parseTimeArg(values.start as string, now, '--start') : endMs - 3_600_000;
    if (startMs > endMs) throw new UsageError('--start must not be after --end');

    const format = (values.format ?? 'json') as Format;
    if (!['json', 'csv', 'text'].includes(format)) throw new UsageError('--format must be json, csv or text');
    const rt = values['response-type'] as string | undefined;
    let accepted: ResponseType[] | undefined;
    if (rt === 'chunks') accepted = ['STREAMED_XOR_CHUNKS'];
    else if (rt === 'samples') accepted = ['SAMPLES'];
    else if (rt !== undefined) throw new UsageError('--response-type must be chunks or samples');

    let queries: SelectorRequest[];
    try {
      queries = selectors.map((s) => ({ matchers: parseSelector(s), startMs, endMs }));
    } catch (e) {
      if (e instanceof SelectorError) throw new UsageError(e.message);
      throw e;
    }
    const clusterMode = endpoints.length > 1 || values.profile !== undefined || values.dedup !== undefined;
    if (clusterMode) return readCluster(values as ClusterFlagValues, queries, accepted, format, io);

    const cfg = endpointFromFlags(endpoints[0], values as TransportFlagValues);
    if (accepted) cfg.acceptedResponseTypes = accepted;

    const memory = new QueryMemoryBudget({ limitBytes: maxMemoryFromFlags(values as MemoryFlagValues) ?? defaultQueryBudgetBytes() });
    const limits = readLimitsFromFlags(values as ReadLimitFlagValues);
    const hold = holdInBudget(memory, queries, endpointDisplayName(cfg));
    const res = await remoteRead(cfg, queries, { signal: withBudgetSignal(io.signal, memory), env: io.env, limits, hold }).catch((e: unknown) => {
      throw memory.error ?? e;
    });
    for (const w of res.warnings) io.stderr(`rrx read: warning: ${formatLabels(w.series)}: ${w.message}\n`);
    const series = uniqueSorted(res.results.flat());
    const url = stripUserinfo(cfg.url);
    if (format === 'json') writeJson(url, series, io);
    else if (format === 'csv') writeCsv(series, io);
    else writeText(series, io);
    return EXIT_OK;
  },
};

/** Several nodes: fan out, merge with the chosen strategy, print merged series with each sample's node. */
async function readCluster(values: ClusterFlagValues, queries: SelectorRequest[], accepted: ResponseType[] | undefined, format: Format, io: CliIO): Promise<number> {
  const spec = await clusterFromFlags(values, io);
  if (accepted) for (const n of spec.nodes) n.endpoint = { ...n.endpoint, acceptedResponseTypes: accepted };
  const memory = new QueryMemoryBudget({ limitBytes: spec.maxMemoryBytes ?? defaultQueryBudgetBytes() });
  const outcomes = await fanOut(spec.nodes, queries, { signal: io.signal, timeoutMs: spec.timeoutMs, limits: spec.readLimits, memory });
  if (memory.error) throw memory.error;
  const failed = outcomes.filter((o) => !o.ok);
  const warnings = [...failed.map((o) => `node ${o.node.name} (${o.host}) did not answer: ${o.error}`), ...outcomes.flatMap((o) => o.warnings)];
  if (failed.length === outcomes.length) throw new ClusterReadError(`No node answered. ${warnings.join('; ')}`, []);
  if (failed.length && spec.partialPolicy === 'strict') throw new ClusterReadError(`Strict mode: not every node answered. ${warnings.join('; ')}`, []);
  for (const w of warnings) io.stderr(`rrx read: warning: ${w}\n`);
  // One merge over every selector's series at once: a label set read by two selectors is one series.
  const nodes = outcomes.filter((o) => o.ok).map((o) => ({ index: o.node.index, name: o.node.name, series: uniqueSorted(o.results.flat()) }));
  const merged = mergeNodes(nodes, { strategy: spec.strategy, replicaLabel: spec.replicaLabel }).series;
  if (format === 'json') {
    io.stdout(`{"endpoint": null, "nodes": ${JSON.stringify(spec.nodes.map((n) => n.name))}, "strategy": ${JSON.stringify(spec.strategy)}, "warnings": ${JSON.stringify(warnings)}, "series": [`);
    merged.forEach((s, i) => {
      const j = samplesJson(s);
      const nodes = (keep: (k: number) => boolean) => Array.from(s.provenance).filter((_, k) => keep(k)).join(', ');
      const hist = j.histograms === undefined ? '' : `, "histograms": [${j.histograms}], "histogram_nodes": [${nodes((k) => !!s.histograms?.[k])}]`;
      io.stdout(`${i ? ', ' : ''}{"labels": ${sortedLabelsJson(s.labels)}, "samples": [${j.samples}], "nodes": [${nodes((k) => !s.histograms?.[k])}]${hist}}`);
    });
    io.stdout(']}\n');
  } else if (format === 'csv') {
    const withHist = anyHistograms(merged);
    io.stdout(`series,timestamp_ms,value,node${withHist ? ',' + HISTOGRAM_CSV_COLUMNS.join(',') : ''}\n`);
    for (const s of merged) {
      const name = csvField(formatLabels(s.labels));
      const lines: string[] = [];
      for (let k = 0; k < s.timestamps.length; k++) {
        const node = csvField(spec.nodes[s.provenance[k]]?.name ?? '');
        const h = s.histograms?.[k];
        if (h) for (const [v, ...rest] of histogramCsvCells(h)) lines.push(`${name},${s.timestamps[k]},${v},${node},${rest.join(',')}\n`);
        else lines.push(`${name},${s.timestamps[k]},${textValue(s.values[k])},${node}${withHist ? ',,,,' : ''}\n`);
      }
      io.stdout(lines.join(''));
    }
  } else writeText(merged, io, (s, k) => `  ${spec.nodes[(s as MergedSeries).provenance[k]]?.name ?? ''}`);
  return EXIT_OK;
}

/** Series from several selectors may repeat; keep each label set once, in Prometheus's label order. */
function uniqueSorted(all: RawSeries[]): RawSeries[] {
  const seen = new Map<string, RawSeries>();
  for (const s of all) {
    const k = labelsKey(s.labels);
    if (!seen.has(k)) seen.set(k, s);
  }
  return [...seen.values()].sort((a, b) => compareLabels(a.labels, b.labels));
}

/** A value as JSON: numbers as numbers, NaN (stale markers included) and ±Inf as Prometheus spells them. */
export function jsonValue(v: number): string {
  if (v !== v) return '"NaN"';
  if (v === Infinity) return '"+Inf"';
  if (v === -Infinity) return '"-Inf"';
  return JSON.stringify(v);
}

function sortedLabelsJson(labels: Record<string, string>): string {
  const names = Object.keys(labels).sort();
  return '{' + names.map((n) => `${JSON.stringify(n)}: ${JSON.stringify(labels[n])}`).join(', ') + '}';
}

/**
 * A series' samples as JSON array bodies: float samples as [t_ms, value]; native histogram samples, when the series
 * has any, separately as [t_ms, {count, sum, buckets}] in Prometheus's JSON form (histograms undefined otherwise).
 */
function samplesJson(s: RawSeries): { samples: string; histograms?: string } {
  const floats: string[] = [];
  const hists: string[] = [];
  for (let k = 0; k < s.timestamps.length; k++) {
    const h = s.histograms?.[k];
    if (h) hists.push(`[${s.timestamps[k]}, ${JSON.stringify(histogramToApiJson(h))}]`);
    else floats.push(`[${s.timestamps[k]}, ${jsonValue(s.values[k])}]`);
  }
  return { samples: floats.join(', '), histograms: s.histograms ? hists.join(', ') : undefined };
}

function writeJson(url: string, series: RawSeries[], io: CliIO): void {
  io.stdout(`{"endpoint": ${JSON.stringify(url)}, "series": [`);
  series.forEach((s, i) => {
    const j = samplesJson(s);
    const hist = j.histograms === undefined ? '' : `, "histograms": [${j.histograms}]`;
    io.stdout(`${i ? ', ' : ''}{"labels": ${sortedLabelsJson(s.labels)}, "samples": [${j.samples}]${hist}}`);
  });
  io.stdout(']}\n');
}

/** CSV cells: Go's FormatFloat 'f' digits, as every other number rrx writes as text (1e-7 → 0.0000001). */
function textValue(v: number): string {
  return formatFloatF(v);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(series: RawSeries[], io: CliIO): void {
  const withHist = anyHistograms(series);
  io.stdout(`series,timestamp_ms,value${withHist ? ',' + HISTOGRAM_CSV_COLUMNS.join(',') : ''}\n`);
  for (const s of series) {
    const name = csvField(formatLabels(s.labels));
    const lines: string[] = [];
    for (let k = 0; k < s.timestamps.length; k++) {
      const h = s.histograms?.[k];
      if (h) for (const cells of histogramCsvCells(h)) lines.push(`${name},${s.timestamps[k]},${cells.join(',')}\n`);
      else lines.push(`${name},${s.timestamps[k]},${textValue(s.values[k])}${withHist ? ',,,,' : ''}\n`);
    }
    io.stdout(lines.join(''));
  }
}

function writeText(series: readonly RawSeries[], io: CliIO, suffix: (s: RawSeries, k: number) => string = () => ''): void {
  for (const s of series) {
    const lines: string[] = [`${formatLabels(s.labels)} (${s.timestamps.length} samples)\n`];
    for (let k = 0; k < s.timestamps.length; k++) {
      const h = s.histograms?.[k];
      const v = h ? `histogram ${JSON.stringify(histogramToApiJson(h))}` : textValue(s.values[k]);
      lines.push(`  ${new Date(s.timestamps[k]).toISOString()}  ${s.timestamps[k]}  ${v}${suffix(s, k)}\n`);
    }
    io.stdout(lines.join(''));
  }
}

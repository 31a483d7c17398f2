// `rrx compare`: where and how the replicas of a cluster disagree for the series a query reads — gaps, divergence,
// one-sided series, one-node counter resets, scrape offsets — plus per-node coverage. For scripts and alerting:
// exit 0 whether or not there are findings, unless --fail-on names kinds that were found (exit 1).
import { coverageToCompareJson, toCompareJson, type FindingKind } from '@core/cluster/findings';
import { analyzeSnapshot, readForQuery } from '@core/query/run-cluster-query';
import { formatLabels } from '@core/series/labels';
import { compareAnswers, hasEngineColumns, type AnswerComparison } from '@core/query/answer-comparison';
import type { Finding as ReplicaFinding } from '@core/cluster/findings/types';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIO } from '../command';
import { CLUSTER_OPTIONS, CLUSTER_USAGE, clusterFromFlags } from '../cluster-flags';
import { frameFromFlags, parseFlags } from '../flags';

const KINDS: readonly FindingKind[] = ['gap', 'divergence', 'one-sided', 'reset', 'offset'];

const USAGE = `rrx compare (--endpoint URL --endpoint URL… | --profile NAME) --expr E --start T --end T [--step D]
            [--format json|table] [--fail-on KIND[,KIND…]] [cluster and transport flags]

Reads what the query needs from every node and reports where the replicas differ:
  gap         a stretch where a node has no samples (and which nodes covered it)
  divergence  the same series with values that differ beyond a tolerance (counters by rate, gauges by value)
  one-sided   series present on some nodes only
  reset       a counter reset seen on one node only
  offset      the scrape-time offset between replicas

  --expr E                the PromQL expression whose selectors are compared
  --start T --end T       the window (unix seconds, RFC 3339, now, now-1h)
  --step D                step of the query (only affects which samples its selectors read)
  --format FORMAT         json (default) or table
  --fail-on KINDS         exit 1 when findings of these kinds exist, e.g. --fail-on gap,divergence

JSON: {"nodes": [{"node", "seriesCount", "sampleCount", "coveragePct", "firstSample", "lastSample", "stale"}],
       "findings": [{"kind", "severity", "node", "labels", "start", "end", "duration", "coveredBy", "detail", …}]}
with times in unix seconds and durations in seconds.

With query APIs (--query-api: the nodes' own engines, or engine-only nodes such as Thanos Query, Mimir or the
seed's 9090) the query's answers are compared too, column by column: rrx over the merged replicas (the reference),
rrx over each node alone, and each engine — with the same findings, so a dedup or interleaving that gives another
number shows. JSON then adds "answers": {"columns": [{"name", "kind": "merged"|"node"|"engine", "ok", "error",
"series"}], "findings": [...same shape...]}. --fail-on also counts these findings.

${CLUSTER_USAGE}`;

const OPTIONS = {
  expr: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  step: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  ...CLUSTER_OPTIONS,
} as const;

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'report gaps and disagreements between the replicas of a cluster',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const v = parseFlags(argv, OPTIONS) as ReturnType<typeof parseFlags> & { 'fail-on'?: string };
    if (!v.expr) throw new UsageError('--expr is required');
    if (v.start === undefined || v.end === undefined) throw new UsageError('--start and --end are required');
    const format = v.format ?? 'json';
    if (format !== 'json' && format !== 'table') throw new UsageError('--format must be json or table');
    const failOn = (v['fail-on'] ?? '').split(',').map((k) => k.trim()).filter(Boolean);
    for (const k of failOn) if (!(KINDS as readonly string[]).includes(k)) throw new UsageError(`--fail-on takes ${KINDS.join(', ')}; got "${k}"`);
    const frame = frameFromFlags({ ...v, step: v.step ?? '15s' });
    const spec = await clusterFromFlags(v, io);

    const { ast, snapshot } = await readForQuery(spec, { expr: v.expr, frame }, { signal: io.signal });
    for (const o of snapshot.outcomes) if (!o.ok) io.stderr(`rrx compare: warning: node ${o.node.name} (${o.host}) did not answer: ${o.error}\n`);
    const analysis = analyzeSnapshot(spec, frame.startMs, frame.endMs, snapshot);
    let answers: AnswerComparison | undefined;
    if (hasEngineColumns(spec)) {
      answers = await compareAnswers(spec, ast, { expr: v.expr, frame }, snapshot, io.signal);
      for (const c of answers.columns) if (!c.ok) io.stderr(`rrx compare: warning: ${c.name} has no answer: ${c.error}\n`);
    }

    if (format === 'json') {
      const out: Record<string, unknown> = { nodes: analysis.coverage.map(coverageToCompareJson), findings: analysis.findings.map(toCompareJson) };
      if (answers) out.answers = { columns: answers.columns, findings: answers.analysis.findings.map(toCompareJson) };
      io.stdout(JSON.stringify(out, null, 2) + '\n');
    } else {
      io.stdout('NODE                 SERIES   SAMPLES  COVERAGE  LAST SAMPLE\n');
      for (const c of analysis.coverage) {
        const last = c.lastSampleMs === null ? '-' : new Date(c.lastSampleMs).toISOString();
        io.stdout(`${c.node.padEnd(20)} ${String(c.seriesCount).padStart(6)} ${String(c.sampleCount).padStart(9)} ${c.coveragePct.toFixed(1).padStart(8)}%  ${last}${c.stale ? '  STALE' : ''}\n`);
      }
      io.stdout(analysis.findings.length ? '\n' : '\nNo findings: the replicas agree.\n');
      for (const f of analysis.findings) writeFinding(f, io);
      if (answers) {
        io.stdout('\nANSWER                               SERIES  STATUS\n');
        for (const c of answers.columns) io.stdout(`${c.name.padEnd(36)} ${String(c.series).padStart(6)}  ${c.ok ? c.kind : `no answer: ${c.error}`}\n`);
        io.stdout(answers.analysis.findings.length ? '\n' : '\nNo findings: every answer agrees with rrx merged.\n');
        for (const f of answers.analysis.findings) writeFinding(f, io);
      }
    }
    const tripped = [...analysis.findings, ...(answers?.analysis.findings ?? [])].some((f) => failOn.includes(f.kind));
    return tripped ? EXIT_FAILED : EXIT_OK;
  },
};

function writeFinding(f: ReplicaFinding, io: CliIO): void {
  io.stdout(`${f.severity.toUpperCase().padEnd(6)} ${f.kind.padEnd(10)} ${f.node.padEnd(20)} ${new Date(f.startMs).toISOString()} +${(f.durationMs / 1000).toFixed(0)}s  ${formatLabels(f.labels)}\n         ${f.detail}\n`);
}

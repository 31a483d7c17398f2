// `rrx rules check FILE…` (promtool's validation and wording) and `rrx rules backtest`: would these alerting and
// recording rules have fired on each replica, and on the merged view, over a past window? Exit codes: 0 ok, 1 a
// failed read, 2 bad usage or an invalid rule file, 3 (--fail-on divergence) when the nodes would have alerted
// differently.
import { errorToPrometheusApiJson } from '@core/promql/engine/api-json';
import { analyzeSnapshot } from '@core/query/run-cluster-query';
import { formatLabels } from '@core/series/labels';
import { toBacktestJson } from '@core/rules/backtest-json';
import { alertDifferences, alertTimelines, type NodeGap } from '@core/rules/differences';
import { loadRuleFiles } from '@core/rules/load-rule-files';
import { RuleFileError, type RuleGroupSpec } from '@core/rules/rule-file';
import { backtestSnapshot, readForRules, type BacktestWindow } from '@core/rules/run-backtest';
import { DEFAULT_EVALUATION_INTERVAL_MS } from '@core/rules/schedule';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIO } from '../command';
import { CLUSTER_OPTIONS, CLUSTER_USAGE, clusterFromFlags, type ClusterFlagValues } from '../cluster-flags';
import { errorSentence } from '../main';
import { parseDurationMs, parseTimeArg } from '../time-arg';
import { parseFlags } from '../flags';
import { expandRulesFlag } from '../rules-flag';

/** `--fail-on divergence` found nodes that would have alerted differently. */
export const EXIT_DIVERGENCE = 3;

const USAGE = `rrx rules check FILE…
rrx rules backtest --rules FILE… --start T --end T [--format table|json] [--fail-on divergence]
                   [--evaluation-interval D] [--evaluation-offset D] [--lookback-delta D]
                   [--external-label NAME=VALUE…]
                   (--endpoint URL --endpoint URL… | --profile NAME) [cluster and transport flags]

check      validates rule files as "promtool check rules" does (same errors, with line:column); exit 1 if invalid.
backtest   evaluates the rules over a past window as Prometheus's rule manager would have: each group at its
           interval (aligned to multiples of it since the epoch), rules in order, recording rules feeding later
           rules, the alert state machine (for, keep_firing_for) — on every node alone and on the merged view.

  --rules FILE…             rule files (YAML, as Prometheus's rule_files); repeat the flag or list several
  --start T --end T         the window (unix seconds, RFC 3339, now, now-1h)
  --evaluation-interval D   global evaluation_interval for groups without their own (default 1m)
  --evaluation-offset D     evaluate at multiples of the interval plus D (default 0); to line up with a
                            collector's own evaluations, give the sub-interval part of its ALERTS timestamps
  --lookback-delta D        as Prometheus's --query.lookback-delta (default 5m)
  --external-label N=V      an external label, for $externalLabels in templates (repeatable)
  --format FORMAT           table (default) or json
  --fail-on divergence      exit 3 when the nodes would have fired differently

Alerts are evaluated from the longest for + keep_firing_for before --start, so an alert already due at --start
is firing there; intervals are clipped to the window.

JSON: {"status":"success","data":{"alerts":[{"name","labels":{…},"node":"<node>"|"merged",
       "intervals":[{"state":"pending"|"firing","start":<unix s>,"end":<unix s>}]}],
       "recorded":[{"name","node","series":<count>}]},"warnings":[…]}

${CLUSTER_USAGE}`;

const OPTIONS = {
  rules: { type: 'string', multiple: true },
  start: { type: 'string' },
  end: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  'evaluation-interval': { type: 'string' },
  'evaluation-offset': { type: 'string' },
  'lookback-delta': { type: 'string' },
  'external-label': { type: 'string', multiple: true },
  ...CLUSTER_OPTIONS,
} as const;

type Values = ClusterFlagValues & {
  rules?: string[];
  start?: string;
  end?: string;
  format?: string;
  'fail-on'?: string;
  'evaluation-interval'?: string;
  'evaluation-offset'?: string;
  'lookback-delta'?: string;
  'external-label'?: string[];
};

function durationFlag(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const ms = parseDurationMs(v);
  if (!ms || ms <= 0) throw new UsageError(`${flag} must be a positive duration such as 1m, got "${v}"`);
  return ms;
}

function externalLabels(list: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UsageError(`--external-label takes NAME=VALUE, got "${kv}"`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

async function check(files: string[], io: CliIO): Promise<number> {
  if (!files.length) throw new UsageError('rrx rules check needs at least one rule file');
  let bad = false;
  for (const f of files) {
    try {
      const groups = await loadRuleFiles([f], io.cwd);
      io.stdout(`Checking ${f}\n  SUCCESS: ${groups.reduce((n, g) => n + g.rules.length, 0)} rules found\n`);
    } catch (e) {
      if (!(e instanceof RuleFileError)) throw e;
      bad = true;
      io.stdout(`Checking ${f}\n  FAILED:\n`);
      io.stderr(e.problems.join('\n') + '\n');
    }
  }
  return bad ? EXIT_FAILED : EXIT_OK;
}

async function backtest(argv: string[], io: CliIO): Promise<number> {
  const v = parseFlags(expandRulesFlag(argv), OPTIONS) as Values;
  const files = v.rules ?? [];
  if (!files.length) throw new UsageError('--rules FILE is required');
  if (v.start === undefined || v.end === undefined) throw new UsageError('--start and --end are required');
  const format = v.format ?? 'table';
  if (format !== 'json' && format !== 'table') throw new UsageError('--format must be table or json');
  const failOn = (v['fail-on'] ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  for (const k of failOn) if (k !== 'divergence') throw new UsageError(`--fail-on takes divergence; got "${k}"`);
  const now = Date.now();
  let startMs: number;
  let endMs: number;
  try {
    startMs = parseTimeArg(v.start, now, '--start');
    endMs = parseTimeArg(v.end, now, '--end');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (endMs < startMs) throw new UsageError('--end must not be before --start');
  const window: BacktestWindow = {
    startMs,
    endMs,
    globalIntervalMs: durationFlag(v['evaluation-interval'], '--evaluation-interval') ?? DEFAULT_EVALUATION_INTERVAL_MS,
    lookbackDeltaMs: durationFlag(v['lookback-delta'], '--lookback-delta'),
    externalLabels: externalLabels(v['external-label']),
    alignOffsetMs: v['evaluation-offset'] === '0' ? 0 : durationFlag(v['evaluation-offset'], '--evaluation-offset'),
  };
  const spec = await clusterFromFlags(v, io);
  let groups: RuleGroupSpec[];
  try {
    groups = await loadRuleFiles(files, io.cwd, spec.compat === 'prometheus2');
  } catch (e) {
    if (!(e instanceof RuleFileError)) throw e;
    io.stderr(e.problems.map((p) => `rrx rules backtest: ${p}`).join('\n') + '\n');
    return EXIT_USAGE;
  }

  let bt;
  let gaps: NodeGap[];
  try {
    const snapshot = await readForRules(spec, groups, window, { signal: io.signal });
    bt = backtestSnapshot(spec, groups, snapshot, window, { signal: io.signal });
    gaps = analyzeSnapshot(spec, window.startMs, window.endMs, snapshot).findings.filter((f) => f.kind === 'gap').map((f) => ({ node: f.node, startMs: f.startMs, endMs: f.endMs }));
  } catch (e) {
    if (format === 'json') io.stdout(JSON.stringify(errorToPrometheusApiJson(e)) + '\n');
    io.stderr(`rrx rules backtest: ${errorSentence(e)}\n`);
    return EXIT_FAILED;
  }
  const timelines = alertTimelines(bt);
  const diffs = alertDifferences(timelines, gaps);
  const json = toBacktestJson(bt, timelines);
  for (const w of json.warnings) io.stderr(`rrx rules backtest: warning: ${w}\n`);
  if (format === 'json') io.stdout(JSON.stringify(json) + '\n');
  else {
    const iso = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
    if (!json.data.alerts.length) io.stdout('No alert was pending or firing on any node.\n');
    for (const a of json.data.alerts) {
      io.stdout(`${a.name} ${formatLabels(a.labels)}  [${a.node}]\n`);
      if (!a.intervals.length) io.stdout('  (never pending or firing)\n');
      for (const iv of a.intervals) io.stdout(`  ${iv.state.padEnd(8)} ${iso(iv.start)} → ${iso(iv.end)}  (${Math.round(iv.end - iv.start)}s)\n`);
    }
    if (json.data.recorded.length) io.stdout('\nRECORDED                                  NODE                 SERIES\n');
    for (const r of json.data.recorded) io.stdout(`${r.name.padEnd(41)} ${r.node.padEnd(20)} ${String(r.series).padStart(6)}\n`);
    io.stdout(diffs.length ? '\nDifferences between the nodes:\n' : '\nThe nodes would have alerted the same way.\n');
    for (const d of diffs) io.stdout(`  ${d.rule} ${formatLabels(d.labels)}: ${d.detail}\n`);
  }
  return failOn.includes('divergence') && diffs.length > 0 ? EXIT_DIVERGENCE : EXIT_OK;
}

export const rulesCommand: CliCommand = {
  name: 'rules',
  summary: 'check rule files, and backtest alerting and recording rules on each replica and merged',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const [sub, ...rest] = argv;
    if (sub === 'check') return check(rest, io);
    if (sub === 'backtest') return backtest(rest, io);
    throw new UsageError(sub ? `unknown rules subcommand "${sub}"; use check or backtest` : 'rrx rules needs a subcommand: check or backtest');
  },
};

// A backtest over one store (one node's raw data, or the merged view): every group evaluated at its timestamps,
// rules in order, recording-rule output and ALERTS written back where later rules read them through normal
// lookback, alerts through the state machine. Rules whose inputs are complete before they run are evaluated as
// one range query per rule; a rule reading an output not yet complete (its own ALERTS, a later rule's record)
// makes the evaluation interleaved: every group timestamp in time order, each rule by an instant query.
import { labelsKey } from '@core/series/labels';
import type { Labels, RawSeries, SeriesStore } from '@core/series/types';
import { AlertRuleError, AlertStateMachine, type AlertInstance, type ExprSample, type OutputSample } from './alert-state';
import { LayeredStore, RecordedStore, RuleSeriesWriter } from './recorded-store';
import type { RuleGroupSpec, RuleSpec } from './rule-file';
import { needsInstantQueries, queryAt, queryRange, readsName, selectorsOf, type RuleQueryOptions, type StepOutcome } from './rule-query';
import { evaluationTimes, groupIntervalMs } from './schedule';

export interface BacktestOptions extends Omit<RuleQueryOptions, 'noStepSubqueryIntervalMs'> {
  /** First and last instant evaluated (ms). Alerts start empty at the first evaluation. */
  startMs: number;
  endMs: number;
  /** Reported intervals still open at the end close here (default endMs). */
  reportEndMs?: number;
  globalIntervalMs: number;
  externalLabels?: Record<string, string>;
  externalURL?: string;
  /** Evaluation alignment (see schedule.ts); default 0 = multiples of the interval since the epoch. */
  alignOffsetMs?: number;
}

export interface RuleEvalError {
  group: string;
  rule: string;
  /** How many evaluations failed, and the first failure. */
  count: number;
  firstMs: number;
  message: string;
}

export interface AlertRuleResult {
  group: string;
  rule: string;
  expr: string;
  instances: AlertInstance[];
}

export interface RecordedResult {
  group: string;
  name: string;
  expr: string;
  /** The recorded series (stale markers included, as the TSDB would hold them). */
  series: RawSeries[];
}

export interface BacktestResult {
  alerts: AlertRuleResult[];
  recorded: RecordedResult[];
  errors: RuleEvalError[];
  warnings: string[];
  /** Every group's evaluation timestamps (for charts). */
  evaluations: { group: string; intervalMs: number; count: number }[];
}

/** The names every rule output takes, to hide raw series of the same name and to find forward references. */
export function outputNames(groups: readonly RuleGroupSpec[]): Set<string> {
  const names = new Set<string>();
  for (const g of groups)
    for (const r of g.rules) {
      if (r.kind === 'recording') names.add(r.name);
      else names.add('ALERTS').add('ALERTS_FOR_STATE');
    }
  return names;
}

/** One rule's evaluation state: where it writes, its alert state machine, its failures and last evaluation. */
export interface RuleRun {
  group: RuleGroupSpec;
  rule: RuleSpec;
  times: Float64Array;
  offsetMs: number;
  writer: RuleSeriesWriter;
  alerts?: AlertStateMachine;
  error?: RuleEvalError;
  /** The last evaluation: its group timestamp, and its error (undefined when it succeeded). */
  lastEvalMs?: number;
  lastError?: string;
}

export interface RuleRunOptions {
  globalIntervalMs: number;
  externalLabels?: Record<string, string>;
  externalURL?: string;
}

/** The runs of every rule, in group and rule order, writing into `recorded`. */
export function createRuleRuns(groups: readonly RuleGroupSpec[], recorded: RecordedStore, o: RuleRunOptions, warn: (m: string) => void, timesOf: (g: RuleGroupSpec, intervalMs: number) => Float64Array = () => new Float64Array(0)): RuleRun[] {
  const runs: RuleRun[] = [];
  for (const group of groups) {
    const times = timesOf(group, groupIntervalMs(group, o.globalIntervalMs));
    for (const rule of group.rules) {
      const run: RuleRun = { group, rule, times, offsetMs: group.queryOffsetMs ?? 0, writer: new RuleSeriesWriter(recorded) };
      if (rule.kind === 'alerting') {
        run.alerts = new AlertStateMachine(rule, {
          externalLabels: o.externalLabels ?? {},
          externalURL: o.externalURL ?? '',
          groupLabels: group.labels,
          limit: group.limit,
          warn,
        });
      }
      runs.push(run);
    }
  }
  return runs;
}

/**
 * Backtest `groups` over `base`. `resume` continues existing rule runs (their alert states and recorded series)
 * instead of starting empty — how a live evaluator warms up.
 */
export function backtestStore(groups: readonly RuleGroupSpec[], base: SeriesStore, o: BacktestOptions, resume?: { runs: RuleRun[]; recorded: RecordedStore }): BacktestResult {
  const recorded = resume?.recorded ?? new RecordedStore();
  const names = outputNames(groups);
  const store = new LayeredStore(base, recorded, names);
  const warnings = new Set<string>();
  const qopts: RuleQueryOptions = { compat: o.compat, lookbackDeltaMs: o.lookbackDeltaMs, noStepSubqueryIntervalMs: o.globalIntervalMs, signal: o.signal };

  const evaluations: BacktestResult['evaluations'] = [];
  const timesOf = (group: RuleGroupSpec, intervalMs: number): Float64Array => {
    const times = evaluationTimes(o.startMs, o.endMs, intervalMs, o.alignOffsetMs);
    evaluations.push({ group: group.name, intervalMs, count: times.length });
    return times;
  };
  let runs: RuleRun[];
  if (resume) {
    runs = resume.runs;
    for (const g of groups) {
      const times = timesOf(g, groupIntervalMs(g, o.globalIntervalMs));
      for (const r of runs) if (r.group === g) r.times = times;
    }
  } else runs = createRuleRuns(groups, recorded, o, (m) => void warnings.add(m), timesOf);

  // A rule reading an output produced at or after its own position needs the interleaved schedule.
  const interleaved = runs.some((run, i) => {
    const sel = selectorsOf(run.rule.ast);
    return runs.slice(i).some((later) => (later.rule.kind === 'recording' ? [later.rule.name] : ['ALERTS', 'ALERTS_FOR_STATE']).some((n) => readsName(sel, n)));
  });

  if (interleaved) {
    const events: { t: number; gi: number; run: RuleRun }[] = [];
    const groupIndex = new Map(groups.map((g, i) => [g, i]));
    for (const run of runs) for (const t of run.times) events.push({ t, gi: groupIndex.get(run.group)!, run });
    events.sort((a, b) => a.t - b.t || a.gi - b.gi); // stable: rules of a group stay in order
    for (const ev of events) applyStep(ev.run, ev.t, queryAt(ev.run.rule.ast, ev.run.rule.expr, store, ev.t - ev.run.offsetMs, qopts));
  } else {
    for (const run of runs) {
      const shifted = run.times.map((t) => t - run.offsetMs);
      const all = needsInstantQueries(run.rule.expr) ? undefined : queryRange(run.rule.ast, run.rule.expr, store, shifted, qopts);
      for (let i = 0; i < run.times.length; i++) {
        const outcome: StepOutcome = all ? { ok: true, samples: all[i] } : queryAt(run.rule.ast, run.rule.expr, store, shifted[i], qopts);
        applyStep(run, run.times[i], outcome);
      }
    }
  }

  const reportEnd = o.reportEndMs ?? o.endMs;
  const alerts: AlertRuleResult[] = [];
  const recordedOut: RecordedResult[] = [];
  const allRecorded = recorded.all();
  for (const run of runs) {
    if (run.alerts) alerts.push({ group: run.group.name, rule: run.rule.name, expr: run.rule.expr, instances: run.alerts.instances(reportEnd) });
    else if (!recordedOut.some((r) => r.name === run.rule.name && r.group === run.group.name)) {
      recordedOut.push({ group: run.group.name, name: run.rule.name, expr: run.rule.expr, series: allRecorded.filter((s) => s.labels.__name__ === run.rule.name) });
    }
  }
  return { alerts, recorded: recordedOut, errors: runs.flatMap((r) => (r.error ? [r.error] : [])), warnings: [...warnings], evaluations };
}

/** One evaluation of one rule at group timestamp t: what Group.Eval does with the rule's result. */
export function applyStep(run: RuleRun, t: number, outcome: StepOutcome): void {
  const writeAt = t - run.offsetMs;
  run.lastEvalMs = t;
  run.lastError = undefined;
  const fail = (message: string): void => {
    run.lastError = message;
    if (run.error) run.error.count++;
    else run.error = { group: run.group.name, rule: run.rule.name, count: 1, firstMs: t, message };
  };
  // A failed query leaves the alert state and the previous series as they were (AlertingRule.Eval returns early).
  if (!outcome.ok) return fail(outcome.error);
  let out: OutputSample[];
  try {
    out = run.alerts ? run.alerts.step(t, outcome.samples) : recordingOutput(run, outcome.samples);
  } catch (e) {
    if (e instanceof AlertRuleError || e instanceof RecordingRuleError) return fail(e.message);
    throw e;
  }
  run.writer.write(writeAt, out);
}

class RecordingRuleError extends Error {}

function recordingOutput(run: RuleRun, samples: readonly ExprSample[]): OutputSample[] {
  const extra = { ...run.group.labels, ...run.rule.labels };
  const seen = new Set<string>();
  const out: OutputSample[] = [];
  for (const s of samples) {
    const labels: Labels = { ...s.labels, __name__: run.rule.name, ...extra };
    const k = labelsKey(labels);
    if (seen.has(k)) throw new RecordingRuleError('vector contains metrics with the same labelset after applying rule labels');
    seen.add(k);
    out.push({ labels, value: s.value });
  }
  if (run.group.limit > 0 && out.length > run.group.limit) throw new RecordingRuleError(`exceeded limit of ${run.group.limit} with ${out.length} series`);
  return out;
}

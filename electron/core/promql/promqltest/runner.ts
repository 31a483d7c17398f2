// Runs promqltest scripts against this engine: loads data, executes each eval as upstream does (instant evals
// also in range mode and with `@` variants), and reports passed / failed / skipped per eval.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse, allFeatures } from '../parser';
import { executeInstantQuery, executeRangeQuery, type QueryResult } from '../engine/query';
import { parseScript, type EvalCmd } from './script';
import { TestStore } from './test-store';
import { checkAnnotations, checkFailure, compareResult } from './compare';
import { atModifierCases } from './at-modifier-cases';
import { skipReason, type SkipList } from './skips';

export type EvalStatus = 'passed' | 'failed' | 'skipped';

export interface EvalOutcome {
  file: string;
  line: number;
  expr: string;
  status: EvalStatus;
  /** Failure description or skip reason. */
  detail?: string;
}

export interface FileReport {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  outcomes: EvalOutcome[];
  /** A script that could not be parsed at all. */
  scriptError?: string;
}

function baseOptions(store: TestStore) {
  return {
    store,
    parserOptions: allFeatures,
    features: { enableExperimentalFunctions: true },
    noStepSubqueryIntervalMs: 60_000,
  };
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One query run: a result, or the error it ended with. */
type Run = { ok: true; result: QueryResult } | { ok: false; error: string };

function runInstant(store: TestStore, expr: string, evalMs: number): Run {
  try {
    return { ok: true, result: executeInstantQuery({ ...baseOptions(store), expr, timeMs: evalMs }) };
  } catch (e) {
    return { ok: false, error: describeError(e) };
  }
}

function runRange(store: TestStore, expr: string, startMs: number, endMs: number, stepMs: number): Run {
  try {
    return { ok: true, result: executeRangeQuery({ ...baseOptions(store), expr, startMs, endMs, stepMs }) };
  } catch (e) {
    return { ok: false, error: describeError(e) };
  }
}

function isFail(cmd: EvalCmd): boolean {
  return cmd.fail || (cmd.expects.get('fail')?.length ?? 0) > 0;
}

function isOrdered(cmd: EvalCmd): boolean {
  return cmd.ordered || (cmd.expects.get('ordered')?.length ?? 0) > 0;
}

/** Judge one run of one query the way runInstantQuery/execRangeEval do; null when it passes. */
function judge(cmd: EvalCmd, run: Run, expr: string): string | null {
  if (!run.ok) {
    if (isFail(cmd)) return checkFailure(cmd, run.error);
    return `error evaluating query ${JSON.stringify(expr)}: ${run.error}`;
  }
  if (isFail(cmd)) return `expected error evaluating query ${JSON.stringify(expr)} but got none`;
  return checkAnnotations(cmd, run.result.warnings, run.result.infos) ?? compareResult(cmd, run.result);
}

function execEval(store: TestStore, cmd: EvalCmd): string | null {
  if (cmd.isRange) return judge(cmd, runRange(store, cmd.expr, cmd.startMs, cmd.endMs, cmd.stepMs), cmd.expr);
  let cases: { expr: string; evalMs: number }[] = [{ expr: cmd.expr, evalMs: cmd.evalMs }];
  try {
    cases = cases.concat(atModifierCases(cmd.expr, cmd.evalMs));
  } catch (e) {
    return `cannot build @ modifier variants: ${describeError(e)}`;
  }
  for (const c of cases) {
    const variant = c.expr === cmd.expr && c.evalMs === cmd.evalMs ? '' : ` [@ variant at ${c.evalMs}ms: ${c.expr}]`;
    const run = runInstant(store, c.expr, c.evalMs);
    const bad = judge(cmd, run, c.expr);
    if (bad) return bad + variant;
    if (!run.ok || cmd.excludeFromRangeQuery) continue;
    if (/(start|end|range|step)\(\)/.test(c.expr)) continue;
    // The same query in range mode must agree at the middle step.
    const rr = runRange(store, c.expr, c.evalMs - 60_000, c.evalMs + 60_000, 60_000);
    if (!rr.ok) return `error evaluating query ${JSON.stringify(c.expr)} in range mode: ${rr.error}${variant}`;
    if (isOrdered(cmd)) continue;
    const mid = rr.result;
    if (mid.resultType !== 'matrix') return `range mode returned ${mid.resultType}${variant}`;
    let asInstant: QueryResult;
    if (run.result.resultType === 'scalar') {
      const s = mid.series[0];
      const i = s ? Array.from(s.timestamps).indexOf(c.evalMs) : -1;
      asInstant = { resultType: 'scalar', timestampMs: c.evalMs, value: i >= 0 ? s.values[i] : NaN, warnings: [], infos: [] };
    } else {
      const series = [];
      for (const s of mid.series) {
        const i = Array.from(s.timestamps).indexOf(c.evalMs);
        if (i < 0) continue;
        const h = s.histograms?.[i] ?? null;
        const one = { labels: s.labels, timestamps: Float64Array.of(c.evalMs), values: Float64Array.of(s.values[i]) };
        series.push(h ? { ...one, histograms: [h] } : one);
      }
      asInstant = { resultType: 'vector', series, warnings: [], infos: [] };
    }
    const badRange = compareResult(cmd, asInstant);
    if (badRange) return `${badRange} (range mode)${variant}`;
  }
  return null;
}

export function runScript(path: string, skips: SkipList): FileReport {
  const file = basename(path);
  const report: FileReport = { file, passed: 0, failed: 0, skipped: 0, outcomes: [] };
  const text = readFileSync(path, 'utf8');
  const fileReason = skips.files[file];
  if (fileReason !== undefined) {
    // A whole-file skip may cover syntax this runner does not parse (e.g. `@st` lines): count evals by line.
    text.split('\n').forEach((l, i) => {
      const expr = l.trim();
      if (!/^eval/.test(expr)) return;
      report.skipped++;
      report.outcomes.push({ file, line: i + 1, expr, status: 'skipped', detail: fileReason });
    });
    return report;
  }
  let cmds;
  try {
    cmds = parseScript(text);
  } catch (e) {
    report.scriptError = describeError(e);
    report.failed++;
    return report;
  }
  let store = new TestStore();
  for (const cmd of cmds) {
    if (cmd.kind === 'clear') {
      store = new TestStore();
      continue;
    }
    if (cmd.kind === 'load') {
      store.load(cmd);
      continue;
    }
    const out: EvalOutcome = { file, line: cmd.line, expr: cmd.expr, status: 'passed' };
    const reason = skipReason(skips, file, cmd.line);
    if (reason !== null) {
      out.status = 'skipped';
      out.detail = reason;
    } else {
      let bad: string | null;
      try {
        parse(cmd.expr, allFeatures);
        bad = execEval(store, cmd);
      } catch (e) {
        bad = isFail(cmd) ? checkFailure(cmd, describeError(e)) : `parse error: ${describeError(e)}`;
      }
      if (bad !== null) {
        out.status = 'failed';
        out.detail = bad;
      }
    }
    report[out.status]++;
    report.outcomes.push(out);
  }
  return report;
}

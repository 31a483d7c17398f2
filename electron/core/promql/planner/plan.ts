// The planner: which series an expression will read and over which time window, before anything is fetched
// (Prometheus's populateSeries / getTimeRangesForSelector). One SelectorRequest per distinct matcher set, windows of
// identical sets merged. Pure: it never reads data; evaluation-time semantics stay in the engine.
import type { LabelMatcher, SelectHints, SelectorRequest } from '../../series/types';
import type { Call, Expr, VectorSelector } from '../parser/ast';
import { inspect } from '../parser/ast';
import { matchersKey } from '../../series/matchers-key';
import { preprocessExpr } from '../engine/preprocess';
import { resolveOptions, type Compat } from '../engine/options';

export interface PlanOptions {
  /** Query start and end, unix ms; equal for an instant query. */
  startMs: number;
  endMs: number;
  /** Resolution of a range query, ms; 0 for an instant query. */
  stepMs: number;
  /** How far back an instant selector looks (Prometheus's lookback delta); 5m by default. */
  lookbackDeltaMs?: number;
  /** Step of a subquery written without one (`[1h:]`); 1m by default, as the engine uses. */
  noStepSubqueryIntervalMs?: number;
  /** prometheus2 windows are closed on the left ([t-r, t]) and read 1ms further back. */
  compat?: Compat;
}

/** One selector occurrence before merging. */
interface Occurrence {
  matchers: readonly LabelMatcher[];
  startMs: number;
  endMs: number;
  hints: SelectHints;
}

/**
 * Offset and range added by the subqueries enclosing a node, and the innermost `@` among them (Prometheus's
 * subqueryTimes): an `@` on a subquery resets what enclosing subqueries added.
 */
function subqueryTimes(path: readonly Expr[]): { offsetMs: number; rangeMs: number; ts: number | null } {
  let offsetMs = 0;
  let rangeMs = 0;
  let ts: number | null = null;
  for (const n of path) {
    if (n.kind !== 'SubqueryExpr') continue;
    offsetMs += n.offsetMs;
    rangeMs += n.rangeMs;
    if (n.timestamp !== null) {
      offsetMs = n.offsetMs;
      rangeMs = n.rangeMs;
      ts = n.timestamp;
    }
  }
  return { offsetMs, rangeMs, ts };
}

/** The first function or aggregation above a selector, stopping at binary operators (Prometheus's hint Func). */
function funcFromPath(path: readonly Expr[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i];
    if (n.kind === 'AggregateExpr') return n.op;
    if (n.kind === 'Call') return n.func.name;
    if (n.kind === 'BinaryExpr') return undefined;
  }
  return undefined;
}

function lastSubqueryStep(path: readonly Expr[], noStepMs: number): number {
  let step = 0;
  for (const n of path) if (n.kind === 'SubqueryExpr') step = n.stepMs || noStepMs;
  return step;
}

const isInfoCall = (n: Expr | undefined): n is Call => n?.kind === 'Call' && n.func.name === 'info';

/** The __name__ matchers info() selects info series with (Prometheus's effectiveInfoNameMatchers). */
function effectiveInfoNameMatchers(ms: readonly LabelMatcher[]): LabelMatcher[] {
  if (ms.some((m) => m.type === '=' || m.type === '=~')) return [...ms];
  if (ms.length > 0) return [{ type: '=~', name: '__name__', value: '.+_info' }, ...ms];
  return [{ type: '=', name: '__name__', value: 'target_info' }];
}

/** The `@` and offset of the first selector in info()'s first argument, walking out through its subqueries. */
function infoTimestampAndOffset(arg: Expr): { ts: number | null; offsetMs: number } {
  let out = { ts: null as number | null, offsetMs: 0 };
  let found = false;
  inspect(arg, (n, path) => {
    if (found) return false;
    if (n.kind !== 'VectorSelector') return;
    found = true;
    let ts = n.timestamp;
    let offsetMs = n.offsetMs;
    for (let i = path.length - 1; ts === null && i >= 0; i--) {
      const p = path[i];
      if (p.kind === 'SubqueryExpr') {
        offsetMs += p.offsetMs;
        ts = p.timestamp;
      }
    }
    out = { ts, offsetMs };
    return false;
  });
  return out;
}

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}

/** Hints of merged reads: a field survives only where every occurrence agrees; the finest step wins. */
function mergeHints(a: SelectHints, b: SelectHints, startMs: number, endMs: number): SelectHints {
  const steps = [a.stepMs, b.stepMs].filter((s): s is number => s !== undefined && s > 0);
  const sameGrouping = a.by === b.by && sameStrings(a.grouping, b.grouping);
  return {
    startMs,
    endMs,
    ...(steps.length ? { stepMs: Math.min(...steps) } : {}),
    ...(a.func === b.func && a.func !== undefined ? { func: a.func } : {}),
    ...(a.rangeMs === b.rangeMs && a.rangeMs !== undefined ? { rangeMs: a.rangeMs } : {}),
    ...(sameGrouping && a.grouping !== undefined ? { grouping: a.grouping, by: a.by } : {}),
  };
}

/**
 * Every read the expression needs for a query over [startMs, endMs] at stepMs: one SelectorRequest per distinct
 * matcher set, its window [startMs, endMs] inclusive covering every occurrence (offsets, `@`, matrix ranges,
 * subquery ranges and the lookback delta included). Duration expressions and `@ start()`/`@ end()` are resolved
 * with the engine's own preprocessing, so the windows are those the evaluator will look at.
 */
export function planSelectors(expr: Expr, opts: PlanOptions): SelectorRequest[] {
  const o = resolveOptions({
    lookbackDeltaMs: opts.lookbackDeltaMs,
    noStepSubqueryIntervalMs: opts.noStepSubqueryIntervalMs,
    compat: opts.compat,
  });
  // Prometheus 3 windows are open on the left, (t-r, t]: the first millisecond is not read.
  const leftOpen = o.leftClosedWindows ? 0 : 1;
  // Prometheus 2.x's populateSeries saw the parentheses its PreprocessExpr kept: `sum by (a) ((x))` reads x with
  // no grouping hint there, and with one in 3.x.
  const pre = preprocessExpr(expr, {
    startMs: opts.startMs,
    endMs: opts.endMs,
    stepMs: opts.stepMs,
    keepAggregationParens: opts.compat === 'prometheus2',
  });
  const occurrences: Occurrence[] = [];

  /**
   * The instants a node at `path` is evaluated at, before its own range and offset: the query's, moved by the
   * enclosing subqueries; an `@` on the node itself (ts) overrides everything.
   */
  const evalWindow = (path: readonly Expr[], ts: number | null): { start: number; end: number } => {
    if (ts !== null) return { start: ts, end: ts };
    const sq = subqueryTimes(path);
    let start = opts.startMs;
    let end = opts.endMs;
    if (sq.ts !== null) start = end = sq.ts;
    return { start: start - sq.offsetMs - sq.rangeMs, end: end - sq.offsetMs };
  };

  const hintsFor = (path: readonly Expr[], startMs: number, endMs: number, rangeMs: number): SelectHints => {
    const step = lastSubqueryStep(path, o.noStepSubqueryIntervalMs) || opts.stepMs;
    const parent = path[path.length - 1];
    const func = funcFromPath(path);
    return {
      startMs,
      endMs,
      ...(step > 0 ? { stepMs: step } : {}),
      ...(rangeMs > 0 ? { rangeMs } : {}),
      ...(func !== undefined ? { func } : {}),
      ...(parent?.kind === 'AggregateExpr' ? { grouping: parent.grouping, by: !parent.without } : {}),
    };
  };

  const addSelector = (vs: VectorSelector, path: readonly Expr[]): void => {
    const parent = path[path.length - 1];
    const rangeMs = parent?.kind === 'MatrixSelector' ? parent.rangeMs : 0;
    let { start, end } = evalWindow(path, vs.timestamp);
    if (rangeMs === 0) {
      start -= o.lookbackDeltaMs - leftOpen;
      if (vs.smoothed) end += o.lookbackDeltaMs;
    } else if (vs.anchored) {
      start -= o.lookbackDeltaMs + rangeMs - leftOpen;
    } else if (vs.smoothed) {
      start -= o.lookbackDeltaMs + rangeMs - leftOpen;
      end += o.lookbackDeltaMs;
    } else {
      start -= rangeMs - leftOpen;
    }
    start -= vs.offsetMs;
    end -= vs.offsetMs;
    occurrences.push({ matchers: vs.matchers, startMs: start, endMs: end, hints: hintsFor(path, start, end, rangeMs) });
  };

  const addInfoSeries = (call: Call, path: readonly Expr[]): void => {
    const labelSelector = call.args[1];
    const selectorMatchers = labelSelector?.kind === 'VectorSelector' ? labelSelector.matchers : [];
    const dataMatchers = selectorMatchers.filter((m) => m.name !== '__name__');
    const nameMatchers = selectorMatchers.filter((m) => m.name === '__name__');
    const { ts, offsetMs } = infoTimestampAndOffset(call.args[0]);
    let { start, end } = evalWindow(path, ts);
    start -= o.lookbackDeltaMs - leftOpen;
    start -= offsetMs;
    end -= offsetMs;
    const step = lastSubqueryStep(path, o.noStepSubqueryIntervalMs) || opts.stepMs;
    occurrences.push({
      matchers: [...dataMatchers, ...effectiveInfoNameMatchers(nameMatchers)],
      startMs: start,
      endMs: end,
      hints: { startMs: start, endMs: end, ...(step > 0 ? { stepMs: step } : {}), func: 'info' },
    });
  };

  inspect(pre, (n, path) => {
    if (n.kind === 'VectorSelector') {
      const parent = path[path.length - 1];
      // info()'s second argument only filters info series; it is not read on its own.
      if (isInfoCall(parent) && parent.args[1] === n) return;
      addSelector(n, path);
    } else if (isInfoCall(n)) {
      addInfoSeries(n, path);
    }
  });

  const byKey = new Map<string, { matchers: readonly LabelMatcher[]; startMs: number; endMs: number; hints: SelectHints }>();
  for (const occ of occurrences) {
    const key = matchersKey(occ.matchers);
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { ...occ });
      continue;
    }
    const startMs = Math.min(prev.startMs, occ.startMs);
    const endMs = Math.max(prev.endMs, occ.endMs);
    byKey.set(key, { matchers: prev.matchers, startMs, endMs, hints: mergeHints(prev.hints, occ.hints, startMs, endMs) });
  }
  return [...byKey.values()];
}

// Prepares a parsed expression for one evaluation (Prometheus's PreprocessExpr): folds start()/end()/range()/
// step(), computes duration expressions, resolves `@ start()`/`@ end()`, drops redundant parentheses around call
// and aggregation arguments and wraps step-invariant subtrees. Works on a deep copy; the caller's AST is untouched.
import type { DurationExpr, Expr, NumberLiteral, StepInvariantExpr } from '../parser/ast';
import { QueryError } from './errors';

/** Functions whose value depends on the evaluation time even when their arguments do not. */
export const AT_MODIFIER_UNSAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  'days_in_month',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'end',
  'hour',
  'minute',
  'month',
  'year',
  'predict_linear',
  'range',
  'start',
  'step',
  'time',
  'timestamp',
]);

export interface PreprocessTimes {
  startMs: number;
  endMs: number;
  /** 0 for an instant query. */
  stepMs: number;
  /**
   * Keep parentheses around an aggregation's argument, as Prometheus 2.x did (3.x drops them). Only visible in the
   * read hints (a selector's parent is then the parentheses, not the aggregation); evaluation is the same.
   */
  keepAggregationParens?: boolean;
}

export function preprocessExpr(input: Expr, t: PreprocessTimes): Expr {
  let expr = structuredClone(input);
  expr = foldQueryContextFunctions(expr, t);
  resolveDurations(expr, t);
  const [, wrap] = markStepInvariant(expr, t);
  return wrap ? stepInvariant(expr) : expr;
}

function numberLiteral(val: number, from: Expr): NumberLiteral {
  return { kind: 'NumberLiteral', val, duration: false, posRange: from.posRange };
}

function foldQueryContextFunctions(e: Expr, t: PreprocessTimes): Expr {
  if (e.kind === 'Call') {
    switch (e.func.name) {
      case 'start':
        return numberLiteral(t.startMs / 1000, e);
      case 'end':
        return numberLiteral(t.endMs / 1000, e);
      case 'range':
        return numberLiteral((t.endMs - t.startMs) / 1000, e);
      case 'step':
        return numberLiteral(t.startMs !== t.endMs ? t.stepMs / 1000 : 0, e);
    }
    e.args = e.args.map((a) => foldQueryContextFunctions(a, t));
    return e;
  }
  switch (e.kind) {
    case 'BinaryExpr':
      e.lhs = foldQueryContextFunctions(e.lhs, t);
      e.rhs = foldQueryContextFunctions(e.rhs, t);
      break;
    case 'AggregateExpr':
      e.expr = foldQueryContextFunctions(e.expr, t);
      if (e.param) e.param = foldQueryContextFunctions(e.param, t);
      break;
    case 'UnaryExpr':
    case 'ParenExpr':
    case 'SubqueryExpr':
    case 'StepInvariantExpr':
      e.expr = foldQueryContextFunctions(e.expr, t);
      break;
  }
  return e;
}

function walk(e: Expr, f: (n: Expr) => void): void {
  f(e);
  switch (e.kind) {
    case 'AggregateExpr':
      if (e.param) walk(e.param, f);
      walk(e.expr, f);
      break;
    case 'BinaryExpr':
      walk(e.lhs, f);
      walk(e.rhs, f);
      break;
    case 'Call':
      for (const a of e.args) walk(a, f);
      break;
    case 'MatrixSelector':
      walk(e.vectorSelector, f);
      break;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      walk(e.expr, f);
      break;
  }
}

function resolveDurations(root: Expr, t: PreprocessTimes): void {
  const step = t.startMs !== t.endMs ? t.stepMs / 1000 : 0;
  const range = (t.endMs - t.startMs) / 1000;
  walk(root, (n) => {
    if (n.kind === 'VectorSelector' && n.offsetExpr) n.offsetMs = durationMs(n.offsetExpr, true, step, range);
    if (n.kind === 'MatrixSelector' && n.rangeExpr) n.rangeMs = durationMs(n.rangeExpr, false, step, range);
    if (n.kind === 'SubqueryExpr') {
      if (n.offsetExpr) n.offsetMs = durationMs(n.offsetExpr, true, step, range);
      if (n.stepExpr) n.stepMs = durationMs(n.stepExpr, false, step, range);
      if (n.rangeExpr) n.rangeMs = durationMs(n.rangeExpr, false, step, range);
    }
  });
}

function durationMs(e: DurationExpr, allowNegative: boolean, step: number, range: number): number {
  const v = evaluateDuration(e, step, range);
  const p = `${e.posRange.start}:${e.posRange.end}`;
  if (!Number.isFinite(v)) throw new QueryError(`${p}: duration is NaN or infinite`, 'bad_data');
  if (v <= 0 && !allowNegative) throw new QueryError(`${p}: duration must be greater than 0`, 'bad_data');
  if (Math.abs(v) > 9223372036.854776) throw new QueryError(`${p}: duration is out of range`, 'bad_data');
  return Math.trunc(v * 1000);
}

/** Value in seconds of a duration expression (or of a plain number literal inside one). */
export function evaluateDuration(e: Expr, step: number, range: number): number {
  if (e.kind === 'NumberLiteral') return e.val;
  if (e.kind === 'ParenExpr') return evaluateDuration(e.expr, step, range);
  if (e.kind === 'UnaryExpr') {
    const v = evaluateDuration(e.expr, step, range);
    return e.op === '-' ? -v : v;
  }
  if (e.kind !== 'DurationExpr') throw new QueryError(`unexpected duration expression type ${e.kind}`, 'bad_data');
  const lhs = e.lhs ? evaluateDuration(e.lhs, step, range) : 0;
  const rhs = e.rhs ? evaluateDuration(e.rhs, step, range) : 0;
  const p = `${e.posRange.start}:${e.posRange.end}`;
  switch (e.op) {
    case 'step':
      return step;
    case 'range':
      return range;
    case 'min_of':
      return Math.min(lhs, rhs);
    case 'max_of':
      return Math.max(lhs, rhs);
    case '+':
      return e.lhs ? lhs + rhs : rhs;
    case '-':
      return e.lhs ? lhs - rhs : -rhs;
    case '*':
      return lhs * rhs;
    case '/':
      if (rhs === 0) throw new QueryError(`${p}: division by zero`, 'bad_data');
      return lhs / rhs;
    case '%':
      if (rhs === 0) throw new QueryError(`${p}: modulo by zero`, 'bad_data');
      return lhs % rhs;
    case '^':
      return lhs ** rhs;
  }
}

function stepInvariant(expr: Expr): StepInvariantExpr {
  return { kind: 'StepInvariantExpr', expr, posRange: expr.posRange };
}

function unwrapParens(e: Expr): Expr {
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

/** Returns [isStepInvariant, shouldWrap] like Prometheus's preprocessExprHelper, wrapping children in place. */
function markStepInvariant(e: Expr, t: PreprocessTimes): [boolean, boolean] {
  switch (e.kind) {
    case 'VectorSelector':
      if (e.startOrEnd === 'start') e.timestamp = t.startMs;
      else if (e.startOrEnd === 'end') e.timestamp = t.endMs;
      return [e.timestamp !== null, e.timestamp !== null];
    case 'AggregateExpr': {
      if (!t.keepAggregationParens) {
        e.expr = unwrapParens(e.expr);
        if (e.param) e.param = unwrapParens(e.param);
      }
      return markStepInvariant(e.expr, t);
    }
    case 'BinaryExpr': {
      const [li, lw] = markStepInvariant(e.lhs, t);
      const [ri, rw] = markStepInvariant(e.rhs, t);
      if (li && ri) return [true, true];
      if (lw) e.lhs = stepInvariant(e.lhs);
      if (rw) e.rhs = stepInvariant(e.rhs);
      return [false, false];
    }
    case 'Call': {
      let inv = !AT_MODIFIER_UNSAFE_FUNCTIONS.has(e.func.name);
      let timestampSafe = e.func.name === 'timestamp';
      const wraps: boolean[] = [];
      for (let i = 0; i < e.args.length; i++) {
        e.args[i] = unwrapParens(e.args[i]);
        const [ai, aw] = markStepInvariant(e.args[i], t);
        wraps.push(aw);
        inv = inv && ai;
        if (!ai || e.args[i].kind !== 'VectorSelector') timestampSafe = false;
      }
      if (inv || timestampSafe) return [true, true];
      for (let i = 0; i < wraps.length; i++) if (wraps[i]) e.args[i] = stepInvariant(e.args[i]);
      return [false, false];
    }
    case 'MatrixSelector': {
      const [inv] = markStepInvariant(e.vectorSelector, t);
      return [inv, false];
    }
    case 'SubqueryExpr': {
      const [inv] = markStepInvariant(e.expr, t);
      if (inv) e.expr = stepInvariant(e.expr);
      if (e.startOrEnd === 'start') e.timestamp = t.startMs;
      else if (e.startOrEnd === 'end') e.timestamp = t.endMs;
      return [e.timestamp !== null, false];
    }
    case 'ParenExpr':
    case 'UnaryExpr':
      return markStepInvariant(e.expr, t);
    case 'StringLiteral':
    case 'NumberLiteral':
      return [true, false];
    case 'DurationExpr':
      return [true, false];
    case 'StepInvariantExpr':
      return [true, false];
  }
}

// Which queries stream: an expression whose value for each series depends on that series alone (selectors,
// per-series functions, arithmetic and comparisons against constants), optionally under one aggregation that
// folds (sum/avg/min/max/count/group/stddev/stdvar, by/without) — over exactly one selector. Everything else
// (joins of two selectors, topk/bottomk/quantile/count_values, sort, absent, histogram_quantile, subqueries,
// @-pinned or step-invariant selectors) needs every series at once and keeps the whole-snapshot path.
import { exprType, type AggregateExpr, type Expr } from '@core/promql/parser/ast';
import { STREAMABLE_AGGREGATIONS } from './incremental-aggregate';

/** Functions whose output series k depends only on input series k (and constant arguments). */
const PER_SERIES_FUNCTIONS: ReadonlySet<string> = new Set([
  'abs', 'ceil', 'floor', 'round', 'exp', 'ln', 'log2', 'log10', 'sqrt', 'sgn', 'clamp', 'clamp_min', 'clamp_max',
  'timestamp', 'label_replace', 'label_join', 'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month',
  'hour', 'minute', 'month', 'year', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'sin',
  'sinh', 'tan', 'tanh', 'deg', 'rad',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'resets', 'changes',
  'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'last_over_time',
  'present_over_time', 'stddev_over_time', 'stdvar_over_time', 'quantile_over_time', 'mad_over_time',
  'holt_winters', 'double_exponential_smoothing',
]);

const SET_OPS = new Set(['and', 'or', 'unless']);

export interface StreamPlan {
  /** The aggregation folded incrementally, if the query has one at its root. */
  aggregate?: AggregateExpr;
  /** What is evaluated per batch of merged series (the aggregation's argument, or the whole query). */
  perSeries: Expr;
}

/** The plan for a preprocessed expression, or the reason it cannot stream. */
export function streamPlan(expr: Expr): StreamPlan | string {
  let root = expr;
  while (root.kind === 'ParenExpr') root = root.expr;
  if (root.kind === 'AggregateExpr') {
    if (!STREAMABLE_AGGREGATIONS.has(root.op) || root.param) return `${root.op} needs every series at each step`;
    const why = perSeriesReason(root.expr);
    return why ?? { aggregate: root, perSeries: root.expr };
  }
  return perSeriesReason(root) ?? { perSeries: root };
}

/** undefined when `e` is per-series over one selector, else why not. */
function perSeriesReason(e: Expr): string | undefined {
  switch (e.kind) {
    case 'VectorSelector':
      return undefined;
    case 'ParenExpr':
    case 'UnaryExpr':
      return perSeriesReason(e.expr);
    case 'Call': {
      if (!PER_SERIES_FUNCTIONS.has(e.func.name)) return `${e.func.name}() is not a per-series function`;
      const data = e.args.filter((a) => !isConstant(a));
      if (data.length !== 1) return `${e.func.name}() needs one series argument`;
      const a = unparen(data[0]);
      if (a.kind === 'MatrixSelector') return undefined;
      return perSeriesReason(a);
    }
    case 'BinaryExpr': {
      if (SET_OPS.has(e.op)) return `${e.op} matches two vectors`;
      const l = isConstant(e.lhs);
      const r = isConstant(e.rhs);
      if (l === r) return l ? undefined : 'a binary operation between two selectors needs both sides at once';
      return perSeriesReason(l ? e.rhs : e.lhs);
    }
    case 'AggregateExpr':
      return 'only an aggregation at the root folds incrementally';
    case 'StepInvariantExpr':
      return 'a step-invariant (@-pinned) selector is evaluated once for all steps';
    case 'SubqueryExpr':
      return 'subqueries are evaluated over the whole snapshot';
    default:
      return `${e.kind} is not streamed`;
  }
}

function unparen(e: Expr): Expr {
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

/** A scalar or string with no selector below (numbers, durations, pi(), time(), arithmetic of them). */
function isConstant(e: Expr): boolean {
  const t = exprType(e);
  return (t === 'scalar' || t === 'string') && !hasSelector(e);
}

function hasSelector(e: Expr): boolean {
  switch (e.kind) {
    case 'VectorSelector':
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return true;
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return hasSelector(e.expr);
    case 'BinaryExpr':
      return hasSelector(e.lhs) || hasSelector(e.rhs);
    case 'AggregateExpr':
      return hasSelector(e.expr) || (e.param !== null && hasSelector(e.param));
    case 'Call':
      return e.args.some(hasSelector);
    default:
      return false;
  }
}

// The PromQL syntax tree, shaped after Prometheus's promql/parser/ast.go: plain data nodes told apart by `kind`.
// Nothing here evaluates or reads data; times are integer milliseconds, positions are UTF-16 offsets into the query.
import type { LabelMatcher } from '../../series/types';
import type { FunctionDef } from './functions';

export type ValueType = 'none' | 'scalar' | 'vector' | 'matrix' | 'string';

/** Half-open [start, end) range of UTF-16 code-unit offsets into the query text. */
export interface PositionRange {
  start: number;
  end: number;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
/** Native-histogram trim operators (`</` trims the upper part, `>/` the lower part). */
export type TrimOp = '</' | '>/';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp | TrimOp;
export type UnaryOp = '+' | '-';

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'count'
  | 'min'
  | 'max'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'count_values'
  | 'quantile'
  | 'limitk'
  | 'limit_ratio';

export type StartOrEnd = 'start' | 'end';

export type VectorMatchCardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

/** Fill-in values used when a series on one side finds no match on the other (`fill`, `fill_left`, `fill_right`). */
export interface VectorMatchFillValues {
  /** Value to use for a missing left-hand side; null = no fill. */
  lhs: number | null;
  /** Value to use for a missing right-hand side; null = no fill. */
  rhs: number | null;
}

/** How two vectors in a binary operation are matched (Prometheus's VectorMatching). */
export interface VectorMatching {
  card: VectorMatchCardinality;
  /** Labels of `on(...)` (when `on`) or of `ignoring(...)` (when not `on`). */
  matchingLabels: string[];
  /** True for `on(...)`, false for `ignoring(...)` or no clause. */
  on: boolean;
  /** Labels of `group_left(...)` / `group_right(...)`. */
  include: string[];
  fillValues: VectorMatchFillValues;
}

export interface NumberLiteral {
  kind: 'NumberLiteral';
  val: number;
  /** Written as a duration (`5m`): the value is in seconds and prints back as a duration. */
  duration: boolean;
  posRange: PositionRange;
}

export interface StringLiteral {
  kind: 'StringLiteral';
  /** Unquoted value. */
  val: string;
  posRange: PositionRange;
}

export interface VectorSelector {
  kind: 'VectorSelector';
  /** Metric name as written before `{`, or '' when the name only appears as a matcher / quoted string. */
  name: string;
  /** All matchers, including the `__name__` one derived from `name` (as Prometheus stores them). */
  matchers: LabelMatcher[];
  /** The `offset` as written (Prometheus's OriginalOffset), ms; 0 when absent. Negative offsets allowed. */
  offsetMs: number;
  /** Set instead of a literal offset when the offset is a duration expression (`offset (1h + step())`). */
  offsetExpr: DurationExpr | null;
  /** `@ <ts>` in unix ms; null when absent (or when `@ start()`/`@ end()` is not resolved yet). */
  timestamp: number | null;
  /** `@ start()` / `@ end()`; resolve to a timestamp with `preprocessExpr`. */
  startOrEnd: StartOrEnd | null;
  /** Extended range selector modifiers (experimental). */
  anchored: boolean;
  smoothed: boolean;
  /** True for `info()`'s second argument, which may match the empty string everywhere. */
  bypassEmptyMatcherCheck: boolean;
  posRange: PositionRange;
}

export interface MatrixSelector {
  kind: 'MatrixSelector';
  /** Offset, `@`, anchored and smoothed of a `foo[5m] offset 1m` live on this inner selector, as in Prometheus. */
  vectorSelector: VectorSelector;
  rangeMs: number;
  /** Set instead of a literal range when the range is a duration expression. */
  rangeExpr: DurationExpr | null;
  posRange: PositionRange;
}

export interface SubqueryExpr {
  kind: 'SubqueryExpr';
  expr: Expr;
  rangeMs: number;
  rangeExpr: DurationExpr | null;
  /** 0 when omitted (`[1h:]`): the evaluator uses the default resolution then. */
  stepMs: number;
  stepExpr: DurationExpr | null;
  offsetMs: number;
  offsetExpr: DurationExpr | null;
  timestamp: number | null;
  startOrEnd: StartOrEnd | null;
  posRange: PositionRange;
}

export interface Call {
  kind: 'Call';
  func: FunctionDef;
  args: Expr[];
  posRange: PositionRange;
}

export interface AggregateExpr {
  kind: 'AggregateExpr';
  op: AggregateOp;
  expr: Expr;
  /** topk/bottomk/quantile/count_values/limitk/limit_ratio parameter; null for the others. */
  param: Expr | null;
  grouping: string[];
  without: boolean;
  posRange: PositionRange;
}

export interface BinaryExpr {
  kind: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** Present when both sides are vectors (Prometheus sets it to nil otherwise). */
  matching: VectorMatching | null;
  /** Comparison with `bool`: return 0/1 instead of filtering. */
  returnBool: boolean;
  posRange: PositionRange;
}

export interface UnaryExpr {
  kind: 'UnaryExpr';
  op: UnaryOp;
  expr: Expr;
  posRange: PositionRange;
}

export interface ParenExpr {
  kind: 'ParenExpr';
  expr: Expr;
  posRange: PositionRange;
}

/** Marks a subtree whose value is the same at every step; never produced by `parse`, only by `preprocessExpr`. */
export interface StepInvariantExpr {
  kind: 'StepInvariantExpr';
  expr: Expr;
  posRange: PositionRange;
}

export type DurationOp = '+' | '-' | '*' | '/' | '%' | '^' | 'step' | 'range' | 'max_of' | 'min_of';

/**
 * Experimental duration arithmetic (`offset (1h + 5m)`, `[step()*2]`). Operands are NumberLiterals (seconds) or
 * DurationExprs. Unary minus is op '-' with lhs null. `step`/`range` have no operands; `max_of`/`min_of` have both.
 */
export interface DurationExpr {
  kind: 'DurationExpr';
  op: DurationOp;
  lhs: Expr | null;
  rhs: Expr | null;
  /** Written inside parentheses. */
  wrapped: boolean;
  posRange: PositionRange;
}

export type Expr =
  | AggregateExpr
  | BinaryExpr
  | Call
  | MatrixSelector
  | SubqueryExpr
  | NumberLiteral
  | ParenExpr
  | StringLiteral
  | UnaryExpr
  | VectorSelector
  | StepInvariantExpr
  | DurationExpr;

export type ExprKind = Expr['kind'];

/** The type an expression evaluates to (Prometheus's Expr.Type()). */
export function exprType(e: Expr): ValueType {
  switch (e.kind) {
    case 'AggregateExpr':
    case 'VectorSelector':
      return 'vector';
    case 'Call':
      return e.func.returnType;
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'NumberLiteral':
    case 'DurationExpr':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return exprType(e.expr);
    case 'BinaryExpr':
      return exprType(e.lhs) === 'scalar' && exprType(e.rhs) === 'scalar' ? 'scalar' : 'vector';
  }
}

/** Direct children in evaluation order (Prometheus's Children); duration expressions of modifiers are not included. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'AggregateExpr':
      // Prometheus lists the parameter first for aggregations that take one.
      return e.param ? [e.param, e.expr] : [e.expr];
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    case 'Call':
      return e.args;
    case 'MatrixSelector':
      return [e.vectorSelector];
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return [e.expr];
    case 'DurationExpr': {
      const out: Expr[] = [];
      if (e.lhs) out.push(e.lhs);
      if (e.rhs) out.push(e.rhs);
      return out;
    }
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'VectorSelector':
      return [];
  }
}

/**
 * Depth-first walk (Prometheus's Inspect). `path` holds the ancestors of `node`, outermost first; it is reused, so
 * copy it to keep it. Returning false from `visit` skips the node's children.
 */
export function inspect(root: Expr, visit: (node: Expr, path: readonly Expr[]) => boolean | void): void {
  const path: Expr[] = [];
  const walk = (n: Expr): void => {
    if (visit(n, path) === false) return;
    path.push(n);
    for (const c of children(n)) walk(c);
    path.pop();
  };
  walk(root);
}

/** Strip any number of enclosing ParenExpr / StepInvariantExpr wrappers. */
export function unwrapParens(e: Expr): Expr {
  while (e.kind === 'ParenExpr' || e.kind === 'StepInvariantExpr') e = e.expr;
  return e;
}

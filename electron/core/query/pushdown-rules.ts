// When the merged view can be built from the nodes' own answers (pushdown) and equal what rrx computes over the
// merged raw data (local). The rules and their reasons are written down in docs/pushdown.md; this is the one place
// that decides. Pure: looks at the parsed expression and the merge strategy only.
import type { MergeStrategy } from '@core/cluster/merge/types';
import type { Expr } from '@core/promql/parser/ast';

/** How per-node answers combine into the merged answer, per label set and step. */
export type PushdownCombine = 'max' | 'min';

export type PushdownVerdict = { exact: true; combine: PushdownCombine } | { exact: false; reason: string };

/** Range functions whose value over the union of replicas' samples is the max (or min) of their per-node values. */
const RANGE_COMBINE: Readonly<Record<string, PushdownCombine>> = {
  max_over_time: 'max',
  min_over_time: 'min',
  // Always 1 where any sample exists: max and min of per-node answers agree.
  present_over_time: 'max',
};

function unwrap(e: Expr): Expr {
  while (e.kind === 'ParenExpr' || e.kind === 'StepInvariantExpr') e = e.expr;
  return e;
}

/**
 * The combine a subtree allows, or a reason it allows none. `want` is the combine an enclosing aggregation imposes:
 * max of maxes is the max of the union, but a max of per-node minimums is not the minimum of anything.
 */
function combineOf(e: Expr, want: PushdownCombine | null): PushdownCombine | string {
  e = unwrap(e);
  if (e.kind === 'AggregateExpr') {
    if (e.op !== 'max' && e.op !== 'min') return `the aggregation ${e.op} of per-node answers is not the ${e.op} of the merged data (only max and min are)`;
    if (want && e.op !== want) return `${e.op} inside ${want} does not commute with combining replicas`;
    return combineOf(e.expr, e.op);
  }
  if (e.kind === 'Call') {
    const c = RANGE_COMBINE[e.func.name];
    if (!c) return `${e.func.name}() over merged replicas is not a function of the replicas' own ${e.func.name}() values`;
    const arg = unwrap(e.args[0]);
    if (arg.kind !== 'MatrixSelector') return `${e.func.name}() of a subquery is not pushed down`;
    const vs = arg.vectorSelector;
    if (vs.anchored || vs.smoothed) return 'anchored and smoothed range selectors are not pushed down';
    if (e.func.name === 'present_over_time') return want ?? 'max';
    if (want && c !== want) return `${e.func.name}() inside ${want} does not commute with combining replicas`;
    return c;
  }
  if (e.kind === 'VectorSelector') return 'an instant selector takes the newest sample, which per-node answers cannot tell apart by time';
  return `${e.kind.replace(/Expr$/, '').toLowerCase() || 'this'} expressions are not pushed down`;
}

/** Is the pushdown merged view exact for this query under this merge strategy (and if so, how to combine)? */
export function pushdownVerdict(ast: Expr, strategy: MergeStrategy): PushdownVerdict {
  if (strategy !== 'union') {
    return { exact: false, reason: `the ${strategy} merge picks one replica's samples per stretch, which per-node answers cannot reproduce (only union can be pushed down)` };
  }
  const c = combineOf(ast, null);
  return c === 'max' || c === 'min' ? { exact: true, combine: c } : { exact: false, reason: c };
}

// The extra instant queries promqltest runs for every instant eval: the same expression with `@ <eval time>` on
// every selector (not under an `@` subquery), evaluated at other times, to prove step invariance.
import { exprToString, parse, type Expr, allFeatures } from '../parser';
import { AT_MODIFIER_UNSAFE_FUNCTIONS } from '../engine/preprocess';

export interface AtCase {
  expr: string;
  evalMs: number;
}

export function atModifierCases(exprText: string, evalMs: number): AtCase[] {
  const root = parse(exprText, allFeatures);
  let unsafe = false;
  const visit = (e: Expr, underAt: boolean): void => {
    switch (e.kind) {
      case 'VectorSelector':
        if (!underAt && e.timestamp === null) {
          e.timestamp = evalMs;
          e.startOrEnd = null;
        }
        return;
      case 'MatrixSelector':
        visit(e.vectorSelector, underAt);
        return;
      case 'SubqueryExpr': {
        const had = e.timestamp !== null || e.startOrEnd !== null;
        if (!underAt && e.timestamp === null) {
          e.timestamp = evalMs;
          e.startOrEnd = null;
        }
        // Upstream never touches anything below a subquery: it always carries an `@` by now.
        void had;
        visit(e.expr, true);
        return;
      }
      case 'Call':
        if (!underAt && AT_MODIFIER_UNSAFE_FUNCTIONS.has(e.func.name)) unsafe = true;
        e.args.forEach((a) => visit(a, underAt));
        return;
      case 'AggregateExpr':
        if (e.param) visit(e.param, underAt);
        visit(e.expr, underAt);
        return;
      case 'BinaryExpr':
        visit(e.lhs, underAt);
        visit(e.rhs, underAt);
        return;
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'StepInvariantExpr':
        visit(e.expr, underAt);
        return;
      default:
        return;
    }
  };
  visit(root, false);
  if (unsafe) return [];
  const text = exprToString(root);
  const ts = evalMs;
  const times = ts === 0 ? [-1000, 0, 1000] : [-10 * ts, 0, Math.trunc(ts / 5), ts, 10 * ts];
  return times.map((t) => ({ expr: text, evalMs: t }));
}

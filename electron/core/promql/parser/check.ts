// Static type checking of a parsed expression, a port of Prometheus's checkAST: the same checks, in the same order,
// with the same messages and positions. It may adjust the tree the way Prometheus does (set operators become
// many-to-many, matching is dropped when a side is not a vector, info()'s selector skips the empty-matcher check).
import { compileMatcher } from '../../series/matcher';
import { exprType, type BinaryExpr, type Expr, type PositionRange, type ValueType } from './ast';
import { ParseError } from './errors';
import { goQuote } from './quote';

/** Prometheus's DocumentedType: how a value type is named in error messages. */
export function documentedType(t: ValueType): string {
  switch (t) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return t;
  }
}

const COMPARISON = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS = new Set(['and', 'or', 'unless']);

const goQ = goQuote;

export function checkAST(input: string, root: Expr): ParseError[] {
  const errors: ParseError[] = [];
  const err = (r: PositionRange, msg: string): void => {
    errors.push(new ParseError(input, r, msg));
  };

  const expectType = (node: Expr, want: ValueType, context: string): void => {
    const t = check(node);
    if (t !== want) err(node.posRange, `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
  };

  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

  /** The operator's own range, whitespace trimmed (Prometheus's opRange). */
  const opRange = (n: BinaryExpr): PositionRange => {
    let start = n.lhs.posRange.end;
    while (isSpace(input[start])) start++;
    let end = n.rhs.posRange.start - 1;
    while (isSpace(input[end])) end--;
    return { start, end };
  };

  function check(node: Expr): ValueType {
    const typ = exprType(node);
    switch (node.kind) {
      case 'AggregateExpr':
        expectType(node.expr, 'vector', 'aggregation expression');
        if (['topk', 'bottomk', 'quantile', 'limitk', 'limit_ratio'].includes(node.op)) {
          expectType(node.param!, 'scalar', 'aggregation parameter');
        }
        if (node.op === 'count_values') expectType(node.param!, 'string', 'aggregation parameter');
        break;

      case 'BinaryExpr': {
        const lt = check(node.lhs);
        const rt = check(node.rhs);
        const m = node.matching;
        if (node.returnBool && !COMPARISON.has(node.op)) {
          err(opRange(node), 'bool modifier can only be used on comparison operators');
        }
        if (COMPARISON.has(node.op) && !node.returnBool && rt === 'scalar' && lt === 'scalar') {
          err(opRange(node), 'comparisons between scalars must use BOOL modifier');
        }
        if (m && SET_OPS.has(node.op) && m.card === 'one-to-one') m.card = 'many-to-many';
        if (m && m.on) {
          for (const l1 of m.matchingLabels) {
            for (const l2 of m.include) {
              if (l1 === l2) err(opRange(node), `label ${goQ(l1)} must not occur in ON and GROUP clause at once`);
            }
          }
        }
        if (lt !== 'scalar' && lt !== 'vector') {
          err(node.lhs.posRange, 'binary expression must contain only scalar and instant vector types');
        }
        if (rt !== 'scalar' && rt !== 'vector') {
          err(node.rhs.posRange, 'binary expression must contain only scalar and instant vector types');
        }
        if ((lt !== 'vector' || rt !== 'vector') && m) {
          if (m.matchingLabels.length > 0) err(node.posRange, 'vector matching only allowed between instant vectors');
          if (m.fillValues.lhs !== null || m.fillValues.rhs !== null) {
            err(node.posRange, 'filling in missing series only allowed between instant vectors');
          }
          node.matching = null;
        } else if (m && SET_OPS.has(node.op)) {
          if (m.card === 'one-to-many' || m.card === 'many-to-one') {
            err(node.posRange, `no grouping allowed for ${goQ(node.op)} operation`);
          }
          if (m.card !== 'many-to-many') err(node.posRange, 'set operations must always be many-to-many');
          if (m.fillValues.lhs !== null || m.fillValues.rhs !== null) {
            err(node.posRange, 'filling in missing series not allowed for set operators');
          }
        }
        if ((lt === 'scalar' || rt === 'scalar') && SET_OPS.has(node.op)) {
          err(node.posRange, `set operator ${goQ(node.op)} not allowed in binary scalar expression`);
        }
        break;
      }

      case 'Call': {
        const fn = node.func;
        const nargs = fn.argTypes.length;
        const n = node.args.length;
        if (fn.variadic === 0) {
          if (nargs !== n) err(node.posRange, `expected ${nargs} argument(s) in call to ${goQ(fn.name)}, got ${n}`);
        } else {
          const na = nargs - 1;
          if (na > n) {
            err(node.posRange, `expected at least ${na} argument(s) in call to ${goQ(fn.name)}, got ${n}`);
          } else if (fn.variadic > 0 && na + fn.variadic < n) {
            err(node.posRange, `expected at most ${na + fn.variadic} argument(s) in call to ${goQ(fn.name)}, got ${n}`);
          }
        }
        if (fn.name === 'info' && n > 1) {
          const arg = node.args[1];
          if (exprType(arg) !== 'vector') {
            err(
              node.posRange,
              `expected type instant vector in call to function ${goQ(fn.name)}, got ${documentedType(exprType(arg))}`,
            );
          }
          if (arg.kind === 'VectorSelector' && arg.name !== '') {
            err(arg.posRange, 'expected label selectors only, got vector selector instead');
          } else if (arg.kind === 'VectorSelector') {
            arg.bypassEmptyMatcherCheck = true;
          } else {
            err(arg.posRange, 'expected label selectors only');
          }
        }
        for (let i = 0; i < n; i++) {
          let ti = i;
          if (i >= nargs) {
            if (fn.variadic === 0) break;
            ti = nargs - 1;
          }
          const t = check(node.args[i]);
          if (t !== fn.argTypes[ti]) {
            err(
              node.args[i].posRange,
              `expected type ${documentedType(fn.argTypes[ti])} in call to function ${goQ(fn.name)}, got ${documentedType(t)}`,
            );
          }
        }
        break;
      }

      case 'ParenExpr':
      case 'StepInvariantExpr':
        check(node.expr);
        break;

      case 'UnaryExpr': {
        const t = check(node.expr);
        if (t !== 'scalar' && t !== 'vector') {
          err(
            node.posRange,
            `unary expression only allowed on expressions of type scalar or instant vector, got ${goQ(documentedType(t))}`,
          );
        }
        break;
      }

      case 'SubqueryExpr': {
        const t = check(node.expr);
        if (t !== 'vector') err(node.posRange, `subquery is only allowed on instant vector, got ${t} instead`);
        break;
      }

      case 'MatrixSelector':
        check(node.vectorSelector);
        break;

      case 'VectorSelector': {
        if (node.name !== '') {
          // The last matcher is the one made from the name written before the braces.
          for (const m of node.matchers.slice(0, -1)) {
            if (m.name === '__name__') {
              err(node.posRange, `metric name must not be set twice: ${goQ(node.name)} or ${goQ(m.value)}`);
            }
          }
          break;
        }
        if (!node.bypassEmptyMatcherCheck) {
          const notEmpty = node.matchers.some((m) => !compileMatcher(m)({}));
          if (!notEmpty) err(node.posRange, 'vector selector must contain at least one non-empty matcher');
        }
        break;
      }

      case 'NumberLiteral':
      case 'StringLiteral':
      case 'DurationExpr':
        break;
    }
    return typ;
  }

  check(root);
  return errors;
}

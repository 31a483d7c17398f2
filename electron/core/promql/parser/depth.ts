// The nesting limit of PromQL expressions. Prometheus's parser and evaluator are Go (stacks grow to a gigabyte);
// ours recurse on a fixed JavaScript stack, so an expression deeper than this is a parse error, never a
// "Maximum call stack size exceeded" from the parser, checker, planner, printer or evaluator.
import type { Expr } from './ast';
import { children } from './ast';

/** Deepest AST accepted: well past any query a person or Grafana writes, well within every walker's stack. */
export const MAX_EXPR_DEPTH = 1000;

export function depthExceededMessage(): string {
  return `expression nesting too deep: more than ${MAX_EXPR_DEPTH} levels of parentheses, calls or operators`;
}

/**
 * The first node (in evaluation order) that sits deeper than `limit`, or undefined. Walks with its own stack, so
 * it is safe on trees too deep for the recursive walkers it protects.
 */
export function tooDeepNode(root: Expr, limit = MAX_EXPR_DEPTH): Expr | undefined {
  const stack: { e: Expr; depth: number }[] = [{ e: root, depth: 1 }];
  while (stack.length > 0) {
    const { e, depth } = stack.pop()!;
    if (depth > limit) return e;
    const cs = children(e);
    for (let i = cs.length - 1; i >= 0; i--) stack.push({ e: cs[i], depth: depth + 1 });
  }
  return undefined;
}

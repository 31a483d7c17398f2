// Public API of the PromQL parser: parse a query into the AST of ./ast.ts (type-checked), or throw a ParseError
// worded as Prometheus words it. Nothing here reads data or evaluates.
export * from './ast';
export { ParseError } from './errors';
export { functions, getFunction, type FunctionDef } from './functions';
export { type ParserOptions, allFeatures } from './options';
export { exprToString, formatDuration, formatFloat, matcherToString } from './printer';
export { documentedType } from './check';
export { MAX_EXPR_DEPTH } from './depth';
export { goQuote, isValidUtf8 } from './quote';
import type { Expr } from './ast';
import { checkAST } from './check';
import { depthExceededMessage, tooDeepNode } from './depth';
import { ParseError } from './errors';
import type { ParserOptions } from './options';
import { Parser } from './parser';

/** Parse and type-check a PromQL expression. Throws ParseError (first error, with all in `errors`) on failure. */
export function parse(input: string, opts: ParserOptions = {}): Expr {
  const p = new Parser(input, opts);
  const expr = p.parseExpression();
  let errors: readonly ParseError[] = p.errors;
  // A long operator chain is built by a loop, not recursion: its depth is checked before any recursive walker.
  const deep = expr && errors.length === 0 ? tooDeepNode(expr) : undefined;
  if (deep) errors = [new ParseError(input, deep.posRange, depthExceededMessage())];
  if (expr && errors.length === 0) errors = checkAST(input, expr);
  if (errors.length > 0 || !expr) {
    const first = errors[0];
    throw new ParseError(input, first.positionRange, first.detail, errors);
  }
  return expr;
}

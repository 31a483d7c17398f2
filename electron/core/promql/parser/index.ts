// Public API of the PromQL parser: parse a query into the AST of ./ast.ts, or throw a ParseError.
export * from './ast';
export { ParseError } from './errors';
export { functions, getFunction, type FunctionDef } from './functions';
export { type ParserOptions, allFeatures } from './options';
import type { Expr } from './ast';
import { ParseError } from './errors';
import type { ParserOptions } from './options';

/** Parse and type-check a PromQL expression. Throws ParseError with Prometheus's message on failure. */
export function parse(input: string, opts: ParserOptions = {}): Expr {
  void opts;
  throw new ParseError(input, { start: 0, end: input.length }, 'parser not implemented yet');
}

// Deep expressions end in a Prometheus-style parse error, never in "Maximum call stack size exceeded"; the
// deepest accepted expression goes through every recursive walker (checker, planner, printer, evaluator).
import { describe, expect, it } from 'vitest';
import { MAX_EXPR_DEPTH, ParseError, exprToString, parse } from '@core/promql/parser';
import { planSelectors } from '@core/promql/planner';
import { executeInstantQuery, executeRangeQuery } from '@core/promql/engine/query';
import { MemorySeriesStore } from '@core/series/memory-store';

const store = new MemorySeriesStore([
  { labels: { __name__: 'up', job: 'a' }, timestamps: Float64Array.from([0, 15_000, 30_000]), values: Float64Array.from([1, 1, 1]) },
]);

function parseError(q: string): ParseError {
  try {
    parse(q);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error('expected a parse error');
}

const parens = (n: number): string => '('.repeat(n) + 'up' + ')'.repeat(n);
const orChain = (n: number): string => Array.from({ length: n }, () => 'up').join(' or ');

describe('expression nesting depth', () => {
  it('5 000 nested parentheses: a positioned parse error naming the limit', () => {
    const e = parseError(parens(5000));
    expect(e.message).toMatch(/^1:\d+: parse error: expression nesting too deep: more than 1000 levels/);
    expect(e.message).not.toContain('call stack');
  });

  it('a 5 000-term `or` chain and a long `+` chain: the same parse error, at the chain', () => {
    expect(parseError(orChain(5000)).message).toMatch(/^1:1: parse error: expression nesting too deep/);
    expect(parseError(Array.from({ length: 3000 }, (_, i) => String(i)).join(' + ')).message).toMatch(/parse error: expression nesting too deep/);
    expect(parseError(`sum(${'-'.repeat(4000)}up)`).message).toMatch(/parse error: expression nesting too deep/);
    expect(parseError(`${'abs('.repeat(3000)}up${')'.repeat(3000)}`).message).toMatch(/parse error: expression nesting too deep/);
  });

  it('the deepest accepted expressions parse, plan, print and evaluate', () => {
    // A ParenExpr per level plus the selector: MAX_EXPR_DEPTH levels in all.
    for (const q of [parens(MAX_EXPR_DEPTH - 1), orChain(MAX_EXPR_DEPTH / 2), `${'abs('.repeat(MAX_EXPR_DEPTH - 1)}up${')'.repeat(MAX_EXPR_DEPTH - 1)}`]) {
      const ast = parse(q);
      expect(exprToString(ast).length).toBeGreaterThan(0);
      expect(planSelectors(ast, { startMs: 0, endMs: 30_000, stepMs: 15_000 }).length).toBeGreaterThan(0);
      const r = executeRangeQuery({ ast, expr: q, store, startMs: 0, endMs: 30_000, stepMs: 15_000 });
      expect(r.resultType).toBe('matrix');
      const i = executeInstantQuery({ ast, expr: q, store, timeMs: 30_000 });
      expect(i.resultType).toBe('vector');
    }
    expect(() => parse(parens(MAX_EXPR_DEPTH))).toThrow(/nesting too deep/);
  });
});

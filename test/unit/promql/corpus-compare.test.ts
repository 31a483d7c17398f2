// The differential corpus's comparison rules (test/integration/promql/corpus/compare.ts): exact by default, and
// the stated exclusions only where they apply.
import { describe, expect, it } from 'vitest';
import { diffAnswers, orderDependentAggregation, type ApiAnswer } from '../../integration/promql/corpus/compare';

const vec = (v: string, metric: Record<string, string> = { a: '1' }): ApiAnswer => ({ status: 'success', data: { resultType: 'vector', result: [{ metric, value: [1, v] }] } });

describe('differential comparison', () => {
  it('compares value digits exactly, NaN and ±Inf as text', () => {
    expect(diffAnswers('x', vec('0.30000000000000004'), vec('0.30000000000000004'), false)).toBeNull();
    expect(diffAnswers('x', vec('0.30000000000000004'), vec('0.3'), false)).toMatch(/point 0/);
    expect(diffAnswers('x', vec('1e-07'), vec('0.0000001'), false)).toMatch(/point 0/);
    expect(diffAnswers('x', vec('NaN'), vec('+Inf'), false)).toMatch(/point 0/);
  });
  it('tolerates last-bit differences only for order-dependent aggregations over computed input', () => {
    expect(orderDependentAggregation('sum(rrx_temperature)')).toBe(false);
    expect(orderDependentAggregation('sum by (svc) (rrx_temperature{svc="a"} offset 1m)')).toBe(false);
    expect(orderDependentAggregation('sum by (svc) (rate(rrx_requests_total[1m]))')).toBe(true);
    expect(orderDependentAggregation('max(rate(rrx_requests_total[1m]))')).toBe(false);
    expect(orderDependentAggregation('stddev (sort(rrx_temperature{inst="1"}))')).toBe(true);
    expect(diffAnswers('sum(rate(x[1m]))', vec('33.19165619372168'), vec('33.19165619372167'), false)).toBeNull();
    expect(diffAnswers('sum(rrx_x)', vec('33.19165619372168'), vec('33.19165619372167'), false)).toMatch(/point 0/);
  });
  it('different series, statuses and error types are mismatches', () => {
    expect(diffAnswers('x', vec('1', { a: '1' }), vec('1', { a: '2' }), false)).toMatch(/series differ/);
    expect(diffAnswers('x', { status: 'error', errorType: 'execution', error: 'e' }, vec('1'), false)).toMatch(/status/);
    expect(diffAnswers('x', { status: 'error', errorType: 'execution', error: 'a' }, { status: 'error', errorType: 'execution', error: 'b' }, false)).toMatch(/error/);
  });
});

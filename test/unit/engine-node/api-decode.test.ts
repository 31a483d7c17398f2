// Decoding an engine's Prometheus-API answer: exact values (incl. NaN, ±Inf), every result type, native histograms
// dropped with a warning, and malformed answers refused with a specific reason.
import { describe, expect, it } from 'vitest';
import { ApiDecodeError, decodeQueryAnswer, decodeSeriesAnswer, parseSampleValue } from '@core/engine-node/api-decode';
import { queryApiBase } from '@core/engine-node/types';

describe('engine answers', () => {
  it('parses Prometheus sample values exactly', () => {
    expect(parseSampleValue('0.1')).toBe(0.1);
    expect(parseSampleValue('+Inf')).toBe(Infinity);
    expect(parseSampleValue('-Inf')).toBe(-Infinity);
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(parseSampleValue('1e-300')).toBe(1e-300);
    expect(() => parseSampleValue('abc')).toThrow(ApiDecodeError);
    expect(() => parseSampleValue('')).toThrow(/not a sample value/);
  });

  it('decodes matrix, vector, scalar and string answers, keeping warnings and infos', () => {
    const m = decodeQueryAnswer({ status: 'success', warnings: ['w'], infos: ['i'], data: { resultType: 'matrix', result: [{ metric: { job: 'a' }, values: [[1.5, '1'], [2.5, '+Inf']] }] } });
    expect(m.resultType).toBe('matrix');
    expect(Array.from(m.series[0].timestamps)).toEqual([1500, 2500]);
    expect(Array.from(m.series[0].values)).toEqual([1, Infinity]);
    expect([m.warnings, m.infos]).toEqual([['w'], ['i']]);
    const v = decodeQueryAnswer({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [10, '3'] }, { metric: { h: '1' }, histogram: [10, {}] }] } });
    expect(v.series).toHaveLength(1);
    expect(v.warnings[0]).toMatch(/1 native histogram series/);
    expect(decodeQueryAnswer({ status: 'success', data: { resultType: 'scalar', result: [10, '2'] } }).series[0].values[0]).toBe(2);
    expect(decodeQueryAnswer({ status: 'success', data: { resultType: 'string', result: [10, 'x'] } }).stringValue).toBe('x');
  });

  it('refuses malformed answers with the reason', () => {
    expect(() => decodeQueryAnswer({ status: 'error' })).toThrow(/not a successful/);
    expect(() => decodeQueryAnswer({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { a: 1 }, values: [] }] } })).toThrow(/label a is not a string/);
    expect(() => decodeQueryAnswer({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: ['x', '1'] }] } })).toThrow(/timestamp/);
    expect(() => decodeQueryAnswer({ status: 'success', data: { resultType: 'tensor', result: [] } })).toThrow(/unknown resultType "tensor"/);
    expect(decodeSeriesAnswer({ status: 'success', data: [{ __name__: 'up' }] })).toEqual([{ __name__: 'up' }]);
  });

  it('takes the API base with or without /api/v1', () => {
    expect(queryApiBase('http://h:9090/')).toBe('http://h:9090');
    expect(queryApiBase('http://mimir/prometheus/api/v1')).toBe('http://mimir/prometheus');
  });
});

// The bench's answer check: rrx's pushdown/delegate answers against the 9090's JSON, value by value as Prometheus
// writes them, whatever the order of series and labels.
import { describe, expect, it } from 'vitest';
import type { EvaluatedResult } from '@shared/api/query-types';
import { firstDifference } from '../../../bench/queries/answer-check';

const ours: EvaluatedResult = {
  resultType: 'matrix',
  series: [
    { labels: { job: 'node', instance: 'a' }, timestamps: Float64Array.from([60_000, 120_000]), values: Float64Array.from([0.5, 1e-7]) },
    { labels: { instance: 'b', job: 'node' }, timestamps: Float64Array.from([60_000]), values: Float64Array.from([3]) },
  ],
  warnings: [],
  infos: [],
};

describe('firstDifference', () => {
  it('is undefined for the same answer in another order, values compared as Prometheus writes them', () => {
    expect(firstDifference(ours, [
      { metric: { job: 'node', instance: 'b' }, values: [[60, '3']] },
      { metric: { instance: 'a', job: 'node' }, values: [[60, '0.5'], [120, '1e-07']] },
    ])).toBeUndefined();
  });

  it('names the first difference: a value, a missing point, a missing series', () => {
    expect(firstDifference(ours, [
      { metric: { job: 'node', instance: 'b' }, values: [[60, '3']] },
      { metric: { instance: 'a', job: 'node' }, values: [[60, '0.5'], [120, '2']] },
    ])).toBe('[["instance","a"],["job","node"]] at 120: rrx 1e-07 @120, the 9090 2');
    expect(firstDifference(ours, [
      { metric: { job: 'node', instance: 'b' }, values: [[60, '3'], [120, '3']] },
      { metric: { instance: 'a', job: 'node' }, values: [[60, '0.5'], [120, '1e-07']] },
    ])).toBe('[["instance","b"],["job","node"]]: 1 points, the 9090 has 2');
    expect(firstDifference(ours, [{ metric: { job: 'node', instance: 'b' }, values: [[60, '3']] }])).toBe('2 series, the 9090 has 1');
    expect(firstDifference(ours, [
      { metric: { job: 'node', instance: 'b' }, values: [[60, '3']] },
      { metric: { instance: 'c', job: 'node' }, values: [[60, '0.5']] },
    ])).toBe('the 9090 has [["instance","c"],["job","node"]], rrx does not');
  });
});

import { describe, expect, it } from 'vitest';
import type { EvaluatedResult } from '@shared/api/query-types';
import { engineKindLabel, engineValueRows } from '../../../../renderer/src/lib/compare/engine-values';

const result = (series: { labels: Record<string, string>; points: [number, number][] }[]): EvaluatedResult => ({
  resultType: 'matrix',
  series: series.map((s) => ({ labels: s.labels, timestamps: Float64Array.from(s.points, (p) => p[0]), values: Float64Array.from(s.points, (p) => p[1]) })),
  warnings: [],
  infos: [],
});

describe('engineValueRows', () => {
  const merged = result([
    { labels: { job: 'a' }, points: [[1000, 5], [2000, 5], [3000, NaN]] },
    { labels: { job: 'b' }, points: [[1000, 1]] },
  ]);
  const engine = result([{ labels: { job: 'a' }, points: [[1000, 5], [2000, 10], [3000, NaN], [4000, 7]] }]);

  it('pairs each engine point with merged at the same step and marks the ones that differ', () => {
    expect(engineValueRows(engine, merged, '{job="a"}')).toEqual([
      { tMs: 1000, engine: 5, merged: 5, differs: false },
      { tMs: 2000, engine: 10, merged: 5, differs: true },
      { tMs: 3000, engine: NaN, merged: NaN, differs: false },
      { tMs: 4000, engine: 7, merged: null, differs: true },
    ]);
  });

  it('has no rows for a series the engine lacks or a failed engine, and honours the limit', () => {
    expect(engineValueRows(engine, merged, '{job="b"}')).toEqual([]);
    expect(engineValueRows(null, merged, '{job="a"}')).toEqual([]);
    expect(engineValueRows(engine, merged, '{job="a"}', 2)).toHaveLength(2);
  });

  it('labels the two kinds of engine column', () => {
    expect(engineKindLabel('engine')).toBe('engine node');
    expect(engineKindLabel('node-engine')).toBe("node's own engine");
  });
});

import { describe, expect, it } from 'vitest';
import type { ResultSeries } from '../../../shared/api/query-types';
import { alignSeries, alignSeriesAsync, stackColumns, unionTimestamps } from '../../../renderer/src/lib/graph/align';

const series = (ts: number[], vs: number[], prov?: number[]): ResultSeries => ({
  labels: {},
  timestamps: Float64Array.from(ts),
  values: Float64Array.from(vs),
  provenance: prov ? Uint8Array.from(prov) : undefined,
});

describe('aligning result series for uPlot', () => {
  it('unions and de-duplicates timestamps', () => {
    expect(Array.from(unionTimestamps([series([3000, 1000], [0, 0]), series([2000, 3000], [0, 0])]))).toEqual([1000, 2000, 3000]);
  });
  it('fills gaps with null and converts x to seconds', () => {
    const a = alignSeries([series([1000, 2000, 4000], [1, 2, 4]), series([2000, 3000], [20, 30])]);
    expect(Array.from(a.xs)).toEqual([1, 2, 3, 4]);
    expect(a.ys[0]).toEqual([1, 2, null, 4]);
    expect(a.ys[1]).toEqual([null, 20, 30, null]);
    expect(Array.from(a.sampleIndex[1])).toEqual([-1, 0, 1, -1]);
  });
  it('turns non-finite values into gaps (uPlot cannot scale them)', () => {
    const a = alignSeries([series([1000, 2000, 3000], [1, NaN, Infinity])]);
    expect(a.ys[0]).toEqual([1, null, null]);
    expect(Array.from(a.sampleIndex[0])).toEqual([0, 1, 2]);
  });
  it('handles no series and empty series', () => {
    expect(alignSeries([]).xs.length).toBe(0);
    const a = alignSeries([series([], []), series([1000], [5])]);
    expect(a.ys.map((c) => Array.from(c))).toEqual([[null], [5]]);
  });
  it('keeps a series with a sample at every x as a Float64Array; only a column with gaps is a plain array', () => {
    const a = alignSeries([series([1000, 2000], [1, 2]), series([1000], [7]), series([1000, 2000], [3, NaN])]);
    expect(a.ys[0]).toBeInstanceOf(Float64Array);
    expect(Array.from(a.ys[0])).toEqual([1, 2]);
    expect(a.ys[1]).toEqual([7, null]);
    expect(a.ys[2]).toEqual([3, null]);
  });
  it('the union of many runs equals sorting every timestamp and dropping repeats', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const runs = Array.from({ length: 37 }, (_, i) => {
      const ts = Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 200) * 1000).sort((x, y) => x - y);
      // One run out of order: results are ascending, but the union must not depend on it.
      return series(i === 5 ? ts.reverse() : ts, ts.map(() => 0));
    });
    const naive = [...new Set(runs.flatMap((r) => Array.from(r.timestamps)))].sort((x, y) => x - y);
    expect(Array.from(unionTimestamps(runs))).toEqual(naive);
  });
  it('async variant yields between chunks and gives the same answer', async () => {
    const many = Array.from({ length: 50 }, (_, i) => series([1000, 2000 + i * 1000], [i, i]));
    let t = 0;
    const a = await alignSeriesAsync(many, { budgetMs: 5, now: () => (t += 3) });
    expect(a).toEqual(alignSeries(many));
  });
  it('async variant stops when superseded', async () => {
    const ctl = new AbortController();
    ctl.abort();
    let t = 0;
    await expect(alignSeriesAsync([series([1], [1]), series([2], [2])], { budgetMs: 0, now: () => (t += 1), signal: ctl.signal })).rejects.toThrow('superseded');
  });
  it('stacks visible columns, keeping gaps as gaps', () => {
    const out = stackColumns([[1, 1, null], [2, null, 2], [5, 5, 5]], [true, true, false]);
    expect(out).toEqual([[1, 1, null], [3, null, 2], [5, 5, 5]]);
    const typed = stackColumns([Float64Array.of(1, 2), [null, 3], Float64Array.of(10, 10)], [true, true, true]);
    expect(typed[2]).toBeInstanceOf(Float64Array);
    expect(typed.map((c) => Array.from(c))).toEqual([[1, 2], [null, 5], [11, 15]]);
  });
});

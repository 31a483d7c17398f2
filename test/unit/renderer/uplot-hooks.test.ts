import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { withHooks, withLinePainter } from '../../../renderer/src/lib/graph/uplot-hooks';

describe('adding to uPlot options', () => {
  it('runs added hooks after the options’ own, and leaves the others alone', () => {
    const own = () => undefined;
    const other = () => undefined;
    const added = () => undefined;
    const o = withHooks({ width: 1, height: 1, series: [], hooks: { draw: [own], ready: [other] } }, { draw: [added], destroy: [added] });
    expect(o.hooks?.draw).toEqual([own, added]);
    expect(o.hooks?.ready).toEqual([other]);
    expect(o.hooks?.destroy).toEqual([added]);
  });
  it('hands every line series (not x) to the painter’s path builder', () => {
    const paths: uPlot.Series.PathBuilder = () => null;
    const o = withLinePainter({ width: 1, height: 1, series: [{}, { label: 'a' }, { label: 'b' }] }, paths, {});
    expect(o.series[0].paths).toBeUndefined();
    expect(o.series.slice(1).map((s) => [s.label, s.paths])).toEqual([
      ['a', paths],
      ['b', paths],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { clickIsolate, clickToggle, drawnCount, filterLegend, legendItems, MAX_DRAWN_SERIES, seriesColor } from '../../../renderer/src/lib/graph/legend';
import { nearestSeries, tooltipFor } from '../../../renderer/src/lib/graph/tooltip';
import { alignSeries } from '../../../renderer/src/lib/graph/align';

describe('legend', () => {
  const items = legendItems([
    { __name__: 'up', job: 'node', instance: 'a:9100' },
    { __name__: 'up', job: 'prometheus', instance: 'b:9090' },
    { job: 'x', mode: 'idle' },
  ]);
  it('labels series like Prometheus and colours them by index', () => {
    expect(items[0].label).toBe('up{instance="a:9100", job="node"}');
    expect(items[2].label).toBe('{job="x", mode="idle"}');
    expect(items[1].color).toBe(seriesColor(1));
  });
  it('searches every word, case-insensitive', () => {
    expect(filterLegend(items, 'UP prom').map((i) => i.index)).toEqual([1]);
    expect(filterLegend(items, 'mode idle').map((i) => i.index)).toEqual([2]);
    expect(filterLegend(items, '  ')).toHaveLength(3);
  });
  it('click isolates, clicking the isolated one shows all again', () => {
    const iso = clickIsolate([true, true, true], 1);
    expect(iso).toEqual([false, true, false]);
    expect(clickIsolate(iso, 1)).toEqual([true, true, true]);
    expect(clickIsolate(iso, 2)).toEqual([false, false, true]);
  });
  it('ctrl-click toggles one', () => {
    expect(clickToggle([true, true], 0)).toEqual([false, true]);
  });
  it('caps the drawn series unless asked for all', () => {
    expect(drawnCount(10_000, false)).toBe(MAX_DRAWN_SERIES);
    expect(drawnCount(10_000, true)).toBe(10_000);
    expect(drawnCount(3, false)).toBe(3);
  });
});

describe('tooltip', () => {
  it('finds the nearest visible series with a sample at the index', () => {
    const ys = [[1, 10], [5, null], [9, 9]];
    expect(nearestSeries(ys, [true, true, true], 0, 6)).toBe(1);
    expect(nearestSeries(ys, [true, false, true], 0, 6)).toBe(2);
    expect(nearestSeries(ys, [true, true, true], 1, 9.4)).toBe(2);
    expect(nearestSeries(ys, [false, false, false], 0, 6)).toBeNull();
  });
  it('names the node a raw sample came from', () => {
    const series = [
      { labels: { __name__: 'up' }, timestamps: Float64Array.from([1000, 2000]), values: Float64Array.from([1, 0]), provenance: Uint8Array.from([0, 1]) },
      { labels: { __name__: 'x' }, timestamps: Float64Array.from([2000]), values: Float64Array.from([7]) },
    ];
    const aligned = alignSeries(series);
    expect(tooltipFor(series, aligned, 0, 1, ['prom-a', 'prom-b'])).toEqual({ seriesIndex: 0, timeMs: 2000, value: 0, labels: { __name__: 'up' }, node: 'prom-b' });
    expect(tooltipFor(series, aligned, 1, 1, ['prom-a'])?.node).toBeUndefined();
    expect(tooltipFor(series, aligned, 1, 0, ['prom-a'])).toBeNull();
  });
});

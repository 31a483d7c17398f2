// Generated series for remote-read unit tests: a few counters/gauges at 15 s with a stale marker and special values.
import type { RawSeries } from '@core/series/types';
import { STALE_NAN } from '@core/series/stale-marker';

export const T0 = 1_700_000_000_000;

export function makeSeries(count = 3, samples = 500): RawSeries[] {
  const out: RawSeries[] = [];
  for (let s = 0; s < count; s++) {
    const ts = new Float64Array(samples);
    const vs = new Float64Array(samples);
    for (let i = 0; i < samples; i++) {
      ts[i] = T0 + i * 15_000 + ((i * 7 + s) % 5);
      vs[i] = s * 1000 + i * 0.5 + (i % 3 === 0 ? 0.125 : 0);
    }
    if (samples > 10) {
      vs[7] = STALE_NAN;
      vs[8] = Infinity;
      vs[9] = -Infinity;
      vs[10] = NaN;
    }
    out.push({ labels: { __name__: 'test_metric', job: 'node', instance: `host-${s}:9100` }, timestamps: ts, values: vs });
  }
  out.push({
    labels: { __name__: 'up', job: 'node', instance: 'host-0:9100' },
    timestamps: new Float64Array(samples).map((_, i) => T0 + i * 15_000),
    values: new Float64Array(samples).fill(1),
  });
  return out;
}

export function wordsOf(values: Float64Array): number[] {
  return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length * 2));
}

// The same bench data as typed arrays in memory, for the micro-benchmarks that must not depend on Prometheus
// (merge, evaluation) — identical values to what the backfilled collectors serve.
import type { RawSeries } from '@core/series/types';
import { benchFamilies } from './series-model';
import { scrapeTimes, type Replica, type Window } from './timeline';

export function replicaSeries(hosts: number, replica: Replica, w: Window): RawSeries[] {
  const times = scrapeTimes(replica, w);
  return benchFamilies(hosts).flatMap((f) =>
    f.series.map((s) => {
      const values = new Float64Array(times.length);
      for (let i = 0; i < times.length; i++) values[i] = s.value(times[i]);
      return { labels: { __name__: s.name, ...s.labels }, timestamps: times, values };
    }),
  );
}

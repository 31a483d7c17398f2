// CSV rows for native histogram samples, one row per bucket (the documented layout shared by `rrx read` and
// `rrx export`): a histogram sample becomes a `count` row, a `sum` row and one `bucket` row per non-empty bucket
// (Prometheus's JSON order: negative buckets, zero bucket, positive buckets), each with the bucket's lower and upper
// bound and its boundary rule (0 (a,b], 1 [a,b), 2 (a,b), 3 [a,b], as in Prometheus's JSON). Float samples
// leave the four histogram columns empty.
import { formatFloatF } from '@core/promql/engine/format-float';
import type { FloatHistogram } from '@core/series/histogram';
import { histogramBuckets } from '@shared/histogram/buckets';

/** The columns appended to a CSV header when any series holds native histograms. */
export const HISTOGRAM_CSV_COLUMNS = ['histogram_part', 'bucket_lower', 'bucket_upper', 'bucket_rule'] as const;

/** Cells after the value column: [value, part, lower, upper, rule] per row of one histogram sample. */
export function histogramCsvCells(h: FloatHistogram): string[][] {
  const rows: string[][] = [
    [formatFloatF(h.count), 'count', '', '', ''],
    [formatFloatF(h.sum), 'sum', '', '', ''],
  ];
  for (const b of histogramBuckets(h)) rows.push([formatFloatF(b.count), 'bucket', formatFloatF(b.lower), formatFloatF(b.upper), String(b.rule)]);
  return rows;
}

/** True when any series holds a histogram sample (then the CSV gets HISTOGRAM_CSV_COLUMNS). */
export function anyHistograms(series: readonly { histograms?: readonly (FloatHistogram | null)[] }[]): boolean {
  return series.some((s) => s.histograms?.some((h) => h !== null));
}

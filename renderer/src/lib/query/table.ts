// Table view rows: instant vectors and scalars as one row per series, range results as one row per series with its
// raw samples. Sorting and the tab-separated text copied to the clipboard live here. Pure.
import type { EvaluatedResult, HistogramSample } from '@shared/api/query-types';
import { formatSeriesLabels } from '../format';
import { histogramSummary } from './histogram-cell';
import { formatValue, type Unit } from '../graph/units';

export interface TableRow {
  /** Position in the result (stable key). */
  index: number;
  labels: Record<string, string>;
  labelText: string;
  /** Last value (instant) or the last sample of the range. */
  value: number | null;
  timeMs: number | null;
  /** Range results: number of samples in the series. */
  samples: number;
  /** The shown sample when it is a native histogram (then `value` is its count, for sorting). */
  histogram: HistogramSample | null;
}

export type SortKey = 'labels' | 'value';
export type SortDir = 'asc' | 'desc';

export function tableRows(result: EvaluatedResult): TableRow[] {
  return result.series.map((s, index) => {
    const n = s.values.length;
    const histogram = n ? (s.histograms?.[n - 1] ?? null) : null;
    return {
      index,
      labels: s.labels,
      labelText: result.resultType === 'scalar' ? 'scalar' : formatSeriesLabels(s.labels),
      value: histogram ? histogram.count : n ? s.values[n - 1] : null,
      timeMs: n ? s.timestamps[n - 1] : null,
      samples: n,
      histogram,
    };
  });
}

/** NaN and missing values sort last whichever way; labels compare naturally ("node10" after "node9"). */
export function sortRows(rows: readonly TableRow[], key: SortKey, dir: SortDir): TableRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const collator = new Intl.Collator('en', { numeric: true });
  return rows.slice().sort((a, b) => {
    if (key === 'labels') return sign * collator.compare(a.labelText, b.labelText) || a.index - b.index;
    const av = a.value;
    const bv = b.value;
    const aBad = av === null || Number.isNaN(av);
    const bBad = bv === null || Number.isNaN(bv);
    if (aBad || bBad) return aBad === bBad ? a.index - b.index : aBad ? 1 : -1;
    return sign * (av - bv) || a.index - b.index;
  });
}

/** Raw samples of one series as "value @timestamp" lines, like Prometheus' table for range vectors. */
export function sampleLines(result: EvaluatedResult, seriesIndex: number, limit = 1000): string[] {
  const s = result.series[seriesIndex];
  const out: string[] = [];
  const start = Math.max(0, s.values.length - limit);
  for (let i = start; i < s.values.length; i++) {
    const h = s.histograms?.[i];
    out.push(`${h ? histogramSummary(h) : s.values[i]} @${s.timestamps[i] / 1000}`);
  }
  return out;
}

/**
 * A value as the table shows it: in the unit when there is one, else at most 7 significant digits (0.1234568, not
 * 0.12345678912345678); the full value stays in the cell's title and in what "Copy" copies.
 */
export function formatCell(v: number | null, unit: Unit): string {
  if (v === null) return '—';
  if (unit !== 'none') return formatValue(v, unit, 4);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e15)) return v.toExponential(6).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(7)));
}

/** Tab-separated text: a header line, then one line per row (series, value, unix seconds). */
export function rowsToTsv(rows: readonly TableRow[]): string {
  const lines = ['series\tvalue\ttimestamp'];
  for (const r of rows) {
    const value = r.histogram ? histogramSummary(r.histogram) : (r.value ?? '');
    lines.push(`${r.labelText}\t${value}\t${r.timeMs === null ? '' : r.timeMs / 1000}`);
  }
  return lines.join('\n');
}

// The two CSV layouts. Both start with node, timestamp (RFC 3339, UTC) and timestamp_ms (unix ms).
//   long: one row per sample: node, timestamp, timestamp_ms, value, then one column per label name (__name__ first,
//         then sorted; a label whose name clashes with a fixed column is headed "label:<name>"), empty when absent.
//   wide: one row per (node, timestamp): then one column per distinct series across all views, headed by its label
//         set ({a="b"} text); a cell is empty where that series has no sample at that time in that view.
// Native histograms: in `long`, when any series holds one, the columns histogram_part, bucket_lower, bucket_upper
// and bucket_rule follow `value`, and a histogram sample is one row per part (count, sum, then one per non-empty
// bucket, see histogram-rows.ts); float rows leave them empty. In `wide`, a histogram cell holds the sample in
// Prometheus's JSON form ({"count":…,"sum":…,"buckets":[[rule,lower,upper,count],…]}).
import { histogramToApiJson } from '@core/promql/engine/api-json';
import { formatLabels, labelsKey } from '@core/series/labels';
import { csvRow, numberCell, textCell } from './csv-cell';
import { anyHistograms, HISTOGRAM_CSV_COLUMNS, histogramCsvCells } from './histogram-rows';
import type { CsvView } from './csv-views';

export type CsvLayout = 'wide' | 'long';

const FIXED = ['node', 'timestamp', 'timestamp_ms', 'value'];

export interface CsvText {
  csv: string;
  /** Data rows (without the header). */
  rows: number;
}

function timeCells(ms: number): string[] {
  return [new Date(ms).toISOString(), numberCell(ms)];
}

export function toCsv(views: readonly CsvView[], layout: CsvLayout): CsvText {
  return layout === 'long' ? longCsv(views) : wideCsv(views);
}

function longCsv(views: readonly CsvView[]): CsvText {
  const names = new Set<string>();
  for (const v of views) for (const s of v.result.series) for (const n of Object.keys(s.labels)) names.add(n);
  const labelNames = [...names].sort((a, b) => (a === '__name__' ? -1 : b === '__name__' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const withHist = views.some((v) => anyHistograms(v.result.series));
  const fixed = withHist ? [...FIXED, ...HISTOGRAM_CSV_COLUMNS] : FIXED;
  const histBlank = withHist ? HISTOGRAM_CSV_COLUMNS.map(() => '') : [];
  const out: string[] = [csvRow([...fixed, ...labelNames.map((n) => (fixed.includes(n) ? `label:${n}` : n))].map(textCell))];
  let rows = 0;
  for (const v of views) {
    const node = textCell(v.node);
    if (v.result.resultType === 'string') {
      out.push(csvRow([node, '', '', textCell(v.result.stringValue ?? ''), ...histBlank, ...labelNames.map(() => '')]));
      rows++;
      continue;
    }
    for (const s of v.result.series) {
      const labelCells = labelNames.map((n) => (n in s.labels ? textCell(s.labels[n]) : ''));
      for (let i = 0; i < s.timestamps.length; i++) {
        const h = s.histograms?.[i];
        if (h) {
          for (const [value, part, lower, upper, rule] of histogramCsvCells(h)) {
            out.push(csvRow([node, ...timeCells(s.timestamps[i]), value, textCell(part), lower, upper, rule, ...labelCells]));
            rows++;
          }
          continue;
        }
        out.push(csvRow([node, ...timeCells(s.timestamps[i]), numberCell(s.values[i]), ...histBlank, ...labelCells]));
        rows++;
      }
    }
  }
  return { csv: out.join(''), rows };
}

function wideCsv(views: readonly CsvView[]): CsvText {
  const columns = new Map<string, number>();
  const headers: string[] = [];
  for (const v of views)
    for (const s of v.result.series) {
      const k = labelsKey(s.labels);
      if (!columns.has(k)) {
        columns.set(k, headers.length);
        headers.push(formatLabels(s.labels));
      }
    }
  const out: string[] = [csvRow(['node', 'timestamp', 'timestamp_ms', ...headers].map(textCell))];
  let rows = 0;
  for (const v of views) {
    const node = textCell(v.node);
    if (v.result.resultType === 'string') {
      out.push(csvRow([node, '', '', ...headers.map(() => '')]));
      rows++;
      continue;
    }
    // timestamp → cells; rows in time order.
    const byTime = new Map<number, string[]>();
    for (const s of v.result.series) {
      const col = columns.get(labelsKey(s.labels)) as number;
      for (let i = 0; i < s.timestamps.length; i++) {
        const t = s.timestamps[i];
        let cells = byTime.get(t);
        if (!cells) byTime.set(t, (cells = new Array<string>(headers.length).fill('')));
        const h = s.histograms?.[i];
        cells[col] = h ? textCell(JSON.stringify(histogramToApiJson(h))) : numberCell(s.values[i]);
      }
    }
    for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
      out.push(csvRow([node, ...timeCells(t), ...(byTime.get(t) as string[])]));
      rows++;
    }
  }
  return { csv: out.join(''), rows };
}

// The two CSV layouts. Both start with node, timestamp (RFC 3339, UTC) and timestamp_ms (unix ms).
//   long: one row per sample: node, timestamp, timestamp_ms, value, then one column per label name (__name__ first,
//         then sorted; a label whose name clashes with a fixed column is headed "label:<name>"), empty when absent.
//   wide: one row per (node, timestamp): then one column per distinct series across all views, headed by its label
//         set ({a="b"} text); a cell is empty where that series has no sample at that time in that view.
import { formatLabels, labelsKey } from '@core/series/labels';
import { csvRow, numberCell, textCell } from './csv-cell';
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
  const out: string[] = [csvRow([...FIXED, ...labelNames.map((n) => (FIXED.includes(n) ? `label:${n}` : n))].map(textCell))];
  let rows = 0;
  for (const v of views) {
    const node = textCell(v.node);
    if (v.result.resultType === 'string') {
      out.push(csvRow([node, '', '', textCell(v.result.stringValue ?? ''), ...labelNames.map(() => '')]));
      rows++;
      continue;
    }
    for (const s of v.result.series) {
      const labelCells = labelNames.map((n) => (n in s.labels ? textCell(s.labels[n]) : ''));
      for (let i = 0; i < s.timestamps.length; i++) {
        out.push(csvRow([node, ...timeCells(s.timestamps[i]), numberCell(s.values[i]), ...labelCells]));
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
        cells[col] = numberCell(s.values[i]);
      }
    }
    for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
      out.push(csvRow([node, ...timeCells(t), ...(byTime.get(t) as string[])]));
      rows++;
    }
  }
  return { csv: out.join(''), rows };
}

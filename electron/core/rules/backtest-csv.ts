// The backtest as CSV: one row per alert instance, node and interval (alertname, labels, node, state, start, end,
// unix times, duration), RFC 4180 rows with text cells neutralised as every rrx CSV. Instances that never fired on a
// node get no row for it. Pure.
import { csvRow, numberCell, textCell } from '@core/export/csv-cell';
import { formatLabels } from '@core/series/labels';
import type { AlertTimeline } from './differences';

const HEADER = ['alertname', 'labels', 'node', 'state', 'start', 'end', 'start_unix', 'end_unix', 'duration_seconds'];

export function backtestCsv(timelines: readonly AlertTimeline[]): string {
  let out = csvRow(HEADER.map(textCell));
  for (const t of timelines) {
    const rest: Record<string, string> = { ...t.labels };
    delete rest.alertname;
    for (const iv of t.intervals) {
      out += csvRow([
        textCell(t.rule),
        textCell(formatLabels(rest)),
        textCell(t.node),
        textCell(iv.state),
        textCell(new Date(iv.startMs).toISOString()),
        textCell(new Date(iv.endMs).toISOString()),
        numberCell(iv.startMs / 1000),
        numberCell(iv.endMs / 1000),
        numberCell((iv.endMs - iv.startMs) / 1000),
      ]);
    }
  }
  return out;
}

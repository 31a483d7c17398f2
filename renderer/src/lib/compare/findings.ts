// The findings table's logic: sort by severity, format cells, and the CSV export (RFC 4180, CRLF, every cell that
// a spreadsheet would run as a formula neutralised with a leading '). Pure; the component only renders and
// downloads.
import type { Finding } from '@shared/api/query-types';
import { formatSeriesLabels } from '../format';
import { formatDuration } from '../time-range';
import { DEFAULT_TIME_FORMAT, formatMoment, type TimeFormat } from '../time-format';

const SEVERITY_RANK: Record<Finding['severity'], number> = { high: 0, medium: 1, low: 2 };

/** Most severe first; then earliest; then longest; then kind and node so the order is stable across runs. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings.slice().sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.startMs - b.startMs ||
      b.durationMs - a.durationMs ||
      a.kind.localeCompare(b.kind) ||
      a.node.localeCompare(b.node),
  );
}

/** "4m2s"; a reset or other instant finding is "instant" rather than "0s". */
export function formatFindingDuration(ms: number): string {
  if (!(ms > 0)) return 'instant';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return formatDuration(Math.round(ms / 1000) * 1000);
}

/** Finding and coverage times in the window's one format. */
export function formatTime(ms: number, f: TimeFormat = DEFAULT_TIME_FORMAT): string {
  return formatMoment(ms, f);
}

export function formatCoveredBy(nodes: readonly string[]): string {
  return nodes.length ? nodes.join(', ') : 'nobody';
}

/** Node-wide findings (a scrape offset) carry no labels: say so instead of printing "{}". */
export function findingLabels(f: Finding): string {
  return Object.keys(f.labels).length ? formatSeriesLabels(f.labels) : '(all series)';
}

/** A cell a spreadsheet would evaluate (= + - @, or a leading tab / CR) gets a leading ' so it stays text. */
export function neutraliseCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** One RFC 4180 field: quoted when it holds a quote, comma, CR or LF; quotes doubled. */
export function csvField(raw: string): string {
  const v = neutraliseCell(raw);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const CSV_HEADER = ['kind', 'severity', 'node', 'series', 'start', 'end', 'duration_seconds', 'covered_by', 'detail'];

/** The findings as CSV, in the table's order; times as ISO 8601 UTC so the file means the same everywhere. */
export function findingsCsv(findings: readonly Finding[]): string {
  const rows = [CSV_HEADER];
  for (const f of sortFindings(findings)) {
    rows.push([
      f.kind,
      f.severity,
      f.node,
      findingLabels(f),
      new Date(f.startMs).toISOString(),
      new Date(f.endMs).toISOString(),
      String(f.durationMs / 1000),
      f.coveredBy.join(' '),
      f.detail,
    ]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvFileName(expr: string, nowMs: number): string {
  const slug = expr.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'query';
  return `rrx-findings-${slug}-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}.csv`;
}

// The README.md of an incident bundle: per panel the query, range, nodes (and which failed), coverage and the top
// findings, in plain Markdown a colleague can read without rrx. Only names, secret-free URLs and data appear.
import { formatLabels } from '@core/series/labels';
import type { Finding, QueryResultView } from '@shared/api/query-types';
import type { WorkspaceDocument, WorkspacePanel } from '@shared/api/workspace-types';

export interface SummaryPanel {
  panel: WorkspacePanel;
  view?: QueryResultView;
  /** Why the panel could not be evaluated from the snapshot. */
  error?: string;
  files: string[];
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;
const TOP_FINDINGS = 10;

const iso = (ms: number) => new Date(ms).toISOString();
/** Markdown table cells: no pipes or newlines. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  return `${(s / 3600).toFixed(1)}h`;
}

function topFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.durationMs - a.durationMs).slice(0, TOP_FINDINGS);
}

export function bundleReadme(doc: WorkspaceDocument, panels: readonly SummaryPanel[], createdAt: Date): string {
  const out: string[] = [];
  out.push(`# Incident bundle — ${doc.profile.name}`, '');
  out.push(`Created ${createdAt.toISOString()} by ${doc.app.name} ${doc.app.version}. Cluster **${doc.profile.name}**:`, '');
  for (const n of doc.profile.nodes) out.push(`- ${n.name} — ${n.url}`);
  out.push(
    '',
    'Contents: `workspace.rrxw` (open it in rrx, or `rrx export --workspace workspace.rrxw …`; it holds the raw per-node samples, so everything below can be re-evaluated offline), `csv/` (per panel: the merged view and every node, long and wide layouts), `png/` (charts as drawn in the app).',
    '',
  );
  panels.forEach(({ panel, view, error, files }, i) => {
    out.push(`## ${i + 1}. ${panel.title ?? panel.expr}`, '', '```promql', panel.expr, '```', '');
    if (view) {
      const range = panel.kind === 'range' ? `${iso(view.startMs)} → ${iso(view.endMs)}, step ${duration(view.stepMs)}` : `instant at ${iso(view.endMs)}`;
      out.push(`- Range: ${range}`, `- Merge strategy: ${view.strategy}`);
      const failed = new Map(view.partial.map((p) => [p.node, p.reason]));
      out.push(`- Nodes: ${view.nodes.map((n) => (failed.has(n.name) ? `${n.name} (failed: ${failed.get(n.name)})` : n.name)).join(', ')}`);
      out.push(`- Result: ${view.merged.resultType}, ${view.merged.series.length} series`);
    } else {
      out.push(`- Not evaluated: ${error ?? 'no data'}`);
    }
    if (files.length) out.push(`- Files: ${files.map((f) => `\`${f}\``).join(', ')}`);
    out.push('');
    if (view?.coverage?.length) {
      out.push('| Node | Series | Samples | Coverage | Last sample | Stale |', '|---|---:|---:|---:|---|---|');
      for (const c of view.coverage) {
        out.push(`| ${cell(c.node)} | ${c.series} | ${c.samples} | ${c.coveragePct.toFixed(1)}% | ${c.lastSampleMs === null ? '—' : iso(c.lastSampleMs)} | ${c.stale ? 'yes' : 'no'} |`);
      }
      out.push('');
    }
    if (view?.findings) {
      if (!view.findings.length) out.push('No findings: the replicas agree for the series this query reads.', '');
      else {
        const top = topFindings(view.findings);
        out.push(`Top findings (${top.length} of ${view.findings.length}):`, '', '| Severity | Kind | Node | Series | Start | Duration | Detail |', '|---|---|---|---|---|---|---|');
        for (const f of top) {
          out.push(`| ${f.severity} | ${f.kind} | ${cell(f.node)} | ${cell(formatLabels(f.labels))} | ${iso(f.startMs)} | ${duration(f.durationMs)} | ${cell(f.detail)} |`);
        }
        out.push('');
      }
    }
  });
  return out.join('\n');
}

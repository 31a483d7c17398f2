// The incident bundle: one zip with the workspace (and its data snapshot), CSVs of every panel (merged and every node,
// long and wide), the PNGs the renderer drew, and a README.md summarising the findings.
import type { QueryResultView } from '@shared/api/query-types';
import type { WorkspaceDocument } from '@shared/api/workspace-types';
import { resultViewCsv, fileStem } from './panel-csv';
import { bundleReadme, type SummaryPanel } from './readme-summary';
import { zip, type ZipEntry } from './zip-writer';

export interface BundleInput {
  document: WorkspaceDocument;
  /** The workspace file's text, snapshot included. */
  workspaceText: string;
  /** Per panel (same order as document.panels): its offline evaluation, or why there is none. */
  results: { view?: QueryResultView; error?: string }[];
  pngs?: { panelId: string; name?: string; data: Uint8Array }[];
  createdAt?: Date;
}

export function buildBundle(input: BundleInput): { bytes: Uint8Array; entries: string[] } {
  const createdAt = input.createdAt ?? new Date();
  const enc = new TextEncoder();
  const entries: ZipEntry[] = [{ name: 'workspace.rrxw', data: enc.encode(input.workspaceText) }];
  const summary: SummaryPanel[] = input.document.panels.map((panel, i) => {
    const { view, error } = input.results[i] ?? {};
    const stem = `${i + 1}-${fileStem(panel.title ?? panel.expr, panel.id)}`;
    const files: string[] = [];
    if (view) {
      for (const layout of ['long', 'wide'] as const) {
        const name = `csv/${stem}-${layout}.csv`;
        entries.push({ name, data: enc.encode(resultViewCsv(view, layout).csv) });
        files.push(name);
      }
    }
    (input.pngs ?? [])
      .filter((p) => p.panelId === panel.id)
      .forEach((p, k) => {
        const name = `png/${stem}${p.name ? `-${fileStem(p.name, String(k + 1))}` : k ? `-${k + 1}` : ''}.png`;
        entries.push({ name, data: p.data });
        files.push(name);
      });
    return { panel, view, error, files };
  });
  entries.push({ name: 'README.md', data: enc.encode(bundleReadme(input.document, summary, createdAt)) });
  return { bytes: zip(entries, createdAt), entries: entries.map((e) => e.name) };
}

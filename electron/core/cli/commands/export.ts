// `rrx export`: re-evaluate a workspace's panels from its data snapshot (no network) and write CSV — or, for scripts
// and checks, the Prometheus API JSON of one view or the `rrx compare` JSON of the replicas.
import { extname, resolve } from 'node:path';
import { coverageToCompareJson, toCompareJson } from '@core/cluster/findings';
import { MERGE_STRATEGIES, type MergeStrategy } from '@core/cluster/merge/types';
import { toPrometheusApiJson } from '@core/promql/engine/api-json';
import { toEngineResult } from '@core/query/evaluate';
import { analyzeSnapshot } from '@core/query/run-cluster-query';
import { evaluatePanelOffThread, offlineResultView, readWorkspaceFile, writeFileAtomic } from '@core/workspace';
import { MERGED, resultViewCsv, selectViews } from '@core/export';
import type { WorkspacePanel } from '@shared/api/workspace-types';
import { EXIT_OK, UsageError, type CliCommand, type CliIO } from '../command';
import { parseFlags } from '../flags';

const USAGE = `rrx export --workspace FILE.rrxw [--panel N|ID] [--format csv|json|compare] [--layout wide|long]
           [--node NAME|merged] [--dedup STRATEGY] --out FILE|-

Re-evaluates workspace panels from the data snapshot saved in the file (no network) and writes them out.

  --workspace FILE     a workspace with a data snapshot (from the app or "rrx snapshot")
  --panel N|ID         the panel (1-based position or id); default every panel
  --format FORMAT      csv (default); json: the Prometheus HTTP API response of one view (merged unless --node);
                       compare: the "rrx compare" JSON (per-node coverage and replica findings)
  --layout LAYOUT      csv only: long (default; one row per sample: node, timestamp, timestamp_ms, value, labels…)
                       or wide (one row per node and time, one column per series)
  --node NAME|merged   only the merged view or one node; default the merged view and then every node, told apart
                       by the "node" column that both layouts start with
  --dedup STRATEGY     evaluate with this merge strategy instead of the panel's
  --out FILE|-         where to write ("-" for stdout). With several panels, one file per panel: NAME-p1.csv, …

Timestamps are written twice: RFC 3339 (UTC) and unix milliseconds. Text cells starting with = + - @ TAB or CR
are prefixed with ' (formula injection); numeric cells are plain numbers.`;

const OPTIONS = {
  workspace: { type: 'string' },
  panel: { type: 'string' },
  format: { type: 'string' },
  layout: { type: 'string' },
  node: { type: 'string' },
  dedup: { type: 'string' },
  out: { type: 'string' },
} as const;

type Values = { workspace?: string; panel?: string; format?: string; layout?: string; node?: string; dedup?: string; out?: string };

function pickPanels(panels: WorkspacePanel[], sel?: string): WorkspacePanel[] {
  if (sel === undefined) return panels;
  const byId = panels.find((p) => p.id === sel);
  if (byId) return [byId];
  const n = Number(sel);
  if (Number.isInteger(n) && n >= 1 && n <= panels.length) return [panels[n - 1]];
  throw new UsageError(`--panel "${sel}" is neither a panel id nor a position 1–${panels.length}`);
}

function outPath(out: string, index: number, count: number): string {
  if (count === 1) return out;
  const ext = extname(out);
  return `${out.slice(0, out.length - ext.length)}-p${index + 1}${ext || '.csv'}`;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write CSV (or JSON) of workspace panels from their saved data, offline',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const v = parseFlags(argv, OPTIONS) as Values;
    if (!v.workspace) throw new UsageError('--workspace FILE.rrxw is required');
    if (!v.out) throw new UsageError('--out FILE (or - for stdout) is required');
    const format = v.format ?? 'csv';
    if (!['csv', 'json', 'compare'].includes(format)) throw new UsageError('--format must be csv, json or compare');
    const layout = v.layout ?? 'long';
    if (layout !== 'wide' && layout !== 'long') throw new UsageError('--layout must be wide or long');
    if (v.layout !== undefined && format !== 'csv') throw new UsageError('--layout applies to --format csv only');
    if (v.dedup !== undefined && !(MERGE_STRATEGIES as readonly string[]).includes(v.dedup)) throw new UsageError(`--dedup must be one of ${MERGE_STRATEGIES.join(', ')}`);

    const parsed = await readWorkspaceFile(resolve(io.cwd, v.workspace));
    if (!parsed.hasSnapshot) throw new Error(`${v.workspace} has no data snapshot to export from; save it with data, or run the queries.`);
    const panels = pickPanels(parsed.document.panels, v.panel);
    if (v.out === '-' && panels.length > 1) throw new UsageError('--out - takes one panel; add --panel N');

    for (const [i, panel] of panels.entries()) {
      const p = format === 'csv' ? { ...panel, comparison: { ...panel.comparison, perNode: v.node !== MERGED } } : panel;
      const ev = await evaluatePanelOffThread(parsed.document.profile, p, parsed.reads, { strategy: v.dedup as MergeStrategy | undefined, signal: io.signal });
      let text: string;
      if (format === 'csv') {
        text = resultViewCsv(offlineResultView(panel.id, p, ev, 0), layout, v.node).csv;
      } else if (format === 'json') {
        const names = ev.spec.nodes.map((n) => n.name);
        const views = selectViews(ev.result.merged, ev.result.perNode, names, v.node ?? MERGED);
        text = JSON.stringify(toPrometheusApiJson(toEngineResult(views[0].result, ev.input.frame.endMs))) + '\n';
      } else {
        const analysis = analyzeSnapshot(ev.spec, ev.input.frame.startMs, ev.input.frame.endMs, ev.snapshot);
        text = JSON.stringify({ nodes: analysis.coverage.map(coverageToCompareJson), findings: analysis.findings.map(toCompareJson) }, null, 2) + '\n';
      }
      if (v.out === '-') io.stdout(text);
      else {
        const path = resolve(io.cwd, outPath(v.out, i, panels.length));
        await writeFileAtomic(path, text);
        io.stderr(`rrx export: wrote ${path}\n`);
      }
    }
    return EXIT_OK;
  },
};

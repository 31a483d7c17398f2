// `rrx snapshot`: read what one or more expressions need from every node (same cluster, transport and merge flags as
// `rrx query`) and write a workspace file with one panel per expression and its data snapshot, for offline use.
import { resolve } from 'node:path';
import { readForQuery } from '@core/query/run-cluster-query';
import { buildDocument, profileOfSpec, saveWorkspaceFile, type StoredRead } from '@core/workspace';
import type { WorkspacePanel } from '@shared/api/workspace-types';
import { EXIT_OK, UsageError, type CliCommand, type CliIO } from '../command';
import { CLUSTER_OPTIONS, CLUSTER_USAGE, clusterFromFlags } from '../cluster-flags';
import { parseDurationMs, parseTimeArg } from '../time-arg';
import { frameFromFlags, parseFlags } from '../flags';

const USAGE = `rrx snapshot (--endpoint URL… | --profile NAME) --expr E [--expr E…] (--start T --end T [--step D] | --time T)
             --out FILE.rrxw [--overwrite] [cluster and transport flags]

Reads what each expression needs from every node and writes a workspace with one panel per expression and the raw
per-node samples it read (the data snapshot). Open it in the app or use "rrx export" on it later, with no network.
The file holds node names and URLs only: never passwords, tokens, headers or URL userinfo.

  --expr E                    a PromQL expression (repeat for more panels)
  --start T --end T           the range (unix seconds, RFC 3339, now, now-1h)
  --step D                    query step (default 15s, or coarser so a panel stays under 11,000 points)
  --time T                    an instant query at T instead of a range
  --lookback-delta D          how far back instant selectors look (default 5m)
  --out FILE                  the workspace file to write (.rrxw)
  --overwrite                 replace FILE even if it is not a readable workspace (it is never replaced otherwise)

${CLUSTER_USAGE}`;

const OPTIONS = {
  expr: { type: 'string', multiple: true },
  time: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  step: { type: 'string' },
  'lookback-delta': { type: 'string' },
  out: { type: 'string' },
  overwrite: { type: 'boolean' },
  ...CLUSTER_OPTIONS,
} as const;

const DEFAULT_STEP_MS = 15_000;

function defaultStep(startMs: number, endMs: number): string {
  const stepMs = Math.max(DEFAULT_STEP_MS, Math.ceil((endMs - startMs) / 11_000 / 1000) * 1000);
  return `${stepMs / 1000}s`;
}

export const snapshotCommand: CliCommand = {
  name: 'snapshot',
  summary: 'save queries and the raw samples they read as a workspace file, for offline use',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const v = parseFlags(argv, OPTIONS) as unknown as Omit<ReturnType<typeof parseFlags>, 'expr'> & { expr?: string[]; out?: string; overwrite?: boolean };
    const exprs = v.expr ?? [];
    if (!exprs.length) throw new UsageError('--expr is required');
    if (!v.out) throw new UsageError('--out FILE.rrxw is required');
    const now = Date.now();
    const step = v.step ?? (v.start !== undefined && v.end !== undefined ? defaultStep(parseTimeArg(v.start, now, '--start'), parseTimeArg(v.end, now, '--end')) : undefined);
    const frame = frameFromFlags({ ...v, expr: undefined, step }, now);
    const lookbackDeltaMs = v['lookback-delta'] !== undefined ? (parseDurationMs(v['lookback-delta']) ?? undefined) : undefined;
    if (v['lookback-delta'] !== undefined && !lookbackDeltaMs) throw new UsageError('--lookback-delta must be a duration such as 5m');
    const spec = await clusterFromFlags(v, io);
    const out = resolve(io.cwd, v.out);

    const reads: StoredRead[] = [];
    const panels: WorkspacePanel[] = [];
    for (const [i, expr] of exprs.entries()) {
      const id = `p${i + 1}`;
      const input = { expr, frame, ...(lookbackDeltaMs ? { lookbackDeltaMs } : {}) };
      const { snapshot } = await readForQuery(spec, input, { signal: io.signal });
      for (const o of snapshot.outcomes) if (!o.ok) io.stderr(`rrx snapshot: warning: node ${o.node.name} (${o.host}) did not answer for ${expr}: ${o.error}\n`);
      reads.push({ panelId: id, expr, frame, ...(lookbackDeltaMs ? { lookbackDeltaMs } : {}), snapshot });
      panels.push({
        id,
        expr,
        kind: frame.stepMs > 0 ? 'range' : 'instant',
        range: { type: 'absolute', startMs: frame.startMs, endMs: frame.endMs },
        stepMs: frame.stepMs,
        ...(lookbackDeltaMs ? { lookbackDeltaMs } : {}),
        strategy: spec.strategy,
        view: { mode: 'graph' },
        comparison: { perNode: true, findings: true },
      });
    }
    const doc = buildDocument({ profile: profileOfSpec(spec), panels });
    const res = await saveWorkspaceFile(out, doc, reads, { overwrite: v.overwrite });
    const samples = reads.reduce((n, r) => n + r.snapshot.outcomes.reduce((m, o) => m + o.samples, 0), 0);
    io.stderr(`rrx snapshot: wrote ${out} (${panels.length} panel${panels.length === 1 ? '' : 's'}, ${samples} samples, ${res.bytes} bytes)\n`);
    return EXIT_OK;
  },
};

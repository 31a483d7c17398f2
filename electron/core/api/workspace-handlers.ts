// Handlers for workspace.* and export.*: save/open (atomic, typed errors, recent list), offline evaluation of panels
// from a workspace's data snapshot, autosave and crash recovery, CSV and the incident bundle. File paths are plain
// strings: Electron's dialogs choose them in the renderer's host; in the bridge they are paths on the (loopback)
// server machine. Nothing here ever writes a secret: profiles are reduced to node names and secret-free URLs.
import { promises as fs } from 'node:fs';
import { isAbsolute } from 'node:path';
import { evaluateOffThread } from '@core/query/eval-worker/off-thread';
import { buildBundle, fileStem, resultViewCsv } from '@core/export';
import {
  Autosave,
  buildDocument,
  evaluatePanelOffThread,
  offlineResultView,
  parseWorkspaceText,
  profileOfSpec,
  readWorkspaceFile,
  RecentFiles,
  sanitizeProfile,
  saveWorkspaceFile,
  workspaceToText,
  WorkspaceError,
  WorkspaceSessions,
  writeFileAtomic,
  type OpenWorkspace,
  type ParsedWorkspace,
  type StoredRead,
} from '@core/workspace';
import type { ClusterSpec } from '@core/query/cluster-spec';
import type { MergeStrategy } from '@shared/api/profile-types';
import type { QueryResultView } from '@shared/api/query-types';
import type {
  AutosaveResult,
  BundleResult,
  CsvExportResult,
  PanelResult,
  RecentWorkspace,
  RecoveryResult,
  WorkspaceDocument,
  WorkspaceInput,
  WorkspaceOpenResult,
  WorkspacePanel,
  WorkspaceSaveResult,
} from '@shared/api/workspace-types';
import { ApiCallError, toApiError } from './api-error';
import type { QuerySessions } from './query-sessions';

export interface WorkspaceHandlerDeps {
  dataDir: string;
  sessions: QuerySessions;
  /** The cluster a saved profile stands for (only its node names and URLs are used). */
  clusterFor(profileId: string): Promise<ClusterSpec>;
  autosaveIntervalMs?: number;
}

interface SnapshotSources {
  queryIds?: Record<string, string>;
  workspaceId?: string;
}

function requireAbsolute(path: string): string {
  if (!isAbsolute(path)) throw new ApiCallError('invalid-request', 'The file path must be absolute.', 'path');
  return path;
}

export function createWorkspaceHandlers(deps: WorkspaceHandlerDeps) {
  const open = new WorkspaceSessions();
  const recent = new RecentFiles(deps.dataDir);
  const autosave = new Autosave(deps.dataDir, deps.autosaveIntervalMs);

  function openWorkspace(id: string): OpenWorkspace {
    const ws = open.get(id);
    if (!ws) throw new ApiCallError('workspace-not-found', 'That workspace is no longer open; open the file again.', 'workspaceId');
    return ws;
  }

  /** The raw reads to save: each panel's finished query (queryIds), then the opened workspace's stored reads. */
  function collectReads(panels: readonly WorkspacePanel[], src: SnapshotSources): StoredRead[] {
    const reads: StoredRead[] = [];
    const fromQuery = new Set<string>();
    for (const panel of panels) {
      const queryId = src.queryIds?.[panel.id];
      if (!queryId) continue;
      const session = deps.sessions.get(queryId);
      if (!session?.snapshot) throw new ApiCallError('query-not-found', `The data of panel ${panel.title ?? panel.id} is no longer cached; run its query again before saving.`, `queryIds.${panel.id}`);
      const { input, snapshot } = session;
      reads.push({ panelId: panel.id, expr: input.expr, frame: input.frame, ...(input.lookbackDeltaMs ? { lookbackDeltaMs: input.lookbackDeltaMs } : {}), snapshot });
      fromQuery.add(panel.id);
    }
    if (src.workspaceId) for (const r of openWorkspace(src.workspaceId).reads) if (!r.panelId || !fromQuery.has(r.panelId)) reads.push(r);
    return reads;
  }

  async function documentOf(input: WorkspaceInput, src: SnapshotSources): Promise<WorkspaceDocument> {
    let profile = input.profile;
    if (!profile && input.profileId) profile = profileOfSpec(await deps.clusterFor(input.profileId));
    if (!profile && src.workspaceId) profile = openWorkspace(src.workspaceId).document.profile;
    if (!profile) {
      const firstQuery = Object.values(src.queryIds ?? {})
        .map((q) => deps.sessions.get(q))
        .find((s) => s);
      if (firstQuery) profile = profileOfSpec(firstQuery.spec);
    }
    if (!profile) throw new ApiCallError('invalid-request', 'Say which cluster the workspace belongs to (profileId or profile).', 'workspace.profileId');
    return buildDocument({ profile: sanitizeProfile(profile), panels: input.panels, createdAt: input.createdAt, rules: input.rules });
  }

  async function evaluate(ws: OpenWorkspace, panel: WorkspacePanel, strategy?: MergeStrategy): Promise<QueryResultView> {
    const started = performance.now();
    // As live: a comparison panel draws each node with a lookback of its own scrape interval.
    const ev = await evaluatePanelOffThread(ws.document.profile, panel, ws.reads, { strategy, nodeLookback: panel.comparison.findings ? 'scrape-interval' : 'query' });
    return offlineResultView(`${ws.id}:${panel.id}`, panel, ev, performance.now() - started);
  }

  async function openResult(parsed: ParsedWorkspace, path?: string): Promise<WorkspaceOpenResult> {
    const ws = open.add(parsed.document, parsed.reads, path);
    const panels: PanelResult[] = await Promise.all(
      parsed.document.panels.map(async (panel): Promise<PanelResult> => {
        if (!parsed.hasSnapshot) return { panelId: panel.id, error: { kind: 'no-snapshot', message: 'The workspace was saved without data; run the query to see results.' } };
        try {
          return { panelId: panel.id, result: await evaluate(ws, panel) };
        } catch (e) {
          return { panelId: panel.id, error: toApiError(e) };
        }
      }),
    );
    const snapshotReadAtMs: Record<string, number> = {};
    for (const r of parsed.reads) if (r.panelId) snapshotReadAtMs[r.panelId] = r.snapshot.readAtMs;
    return {
      workspaceId: ws.id,
      ...(path ? { path } : {}),
      workspace: parsed.document,
      ...(parsed.migratedFrom ? { migratedFrom: parsed.migratedFrom } : {}),
      hasSnapshot: parsed.hasSnapshot,
      snapshotReadAtMs,
      panels,
    };
  }

  /** Merged + per-node results of a finished live query, for CSV. */
  async function queryCsvView(queryId: string): Promise<{ view: Pick<QueryResultView, 'merged' | 'perNode' | 'nodes'>; title: string }> {
    const s = deps.sessions.get(queryId);
    if (!s?.snapshot || !s.ast) throw new ApiCallError('query-not-found', 'That query is no longer cached; run it again.', 'source.queryId');
    const res = await evaluateOffThread(s.spec, s.ast, s.input, s.snapshot, { strategy: s.request.strategy, perNode: true, timeoutMs: s.spec.queryTimeoutMs });
    return { view: { merged: res.merged, perNode: res.perNode, nodes: s.spec.nodes.map((n) => ({ index: n.index, name: n.name, host: '' })) }, title: s.request.expr };
  }

  return {
    'workspace.save': async (req: { path: string; workspace: WorkspaceInput; includeSnapshot?: boolean; overwrite?: boolean } & SnapshotSources): Promise<WorkspaceSaveResult> => {
      const path = requireAbsolute(req.path);
      const doc = await documentOf(req.workspace, req);
      const reads = req.includeSnapshot === false ? [] : collectReads(req.workspace.panels, req);
      const res = await saveWorkspaceFile(path, doc, reads, { overwrite: req.overwrite });
      await recent.add(path).catch(() => undefined);
      await autosave.discard().catch(() => undefined); // the work is saved: nothing left to recover
      return {
        path,
        savedAt: doc.savedAt as string,
        bytes: res.bytes,
        snapshotPanels: [...new Set(reads.flatMap((r) => (r.panelId ? [r.panelId] : [])))],
        ...(res.backupPath ? { backupPath: res.backupPath } : {}),
      };
    },

    'workspace.open': async ({ path }: { path: string }): Promise<WorkspaceOpenResult> => {
      const parsed = await readWorkspaceFile(requireAbsolute(path));
      await recent.add(path).catch(() => undefined);
      return await openResult(parsed, path);
    },

    'workspace.evaluate': async ({ workspaceId, panel, strategy }: { workspaceId: string; panel: WorkspacePanel; strategy?: MergeStrategy }): Promise<QueryResultView> => {
      const ws = openWorkspace(workspaceId);
      const view = await evaluate(ws, panel, strategy);
      ws.panels.set(panel.id, panel);
      return view;
    },

    'workspace.recent': async (): Promise<RecentWorkspace[]> => recent.list(),

    'workspace.autosave': async (req: { workspace: WorkspaceInput; includeSnapshot?: boolean; force?: boolean } & SnapshotSources): Promise<AutosaveResult> => {
      if (!req.force && Date.now() < autosave.nextAllowedMs()) return { written: false, nextAllowedMs: autosave.nextAllowedMs() };
      const doc = await documentOf(req.workspace, req);
      const reads = req.includeSnapshot === false ? [] : collectReads(req.workspace.panels, req);
      const res = await autosave.write(doc, reads, req.force);
      return { ...res, nextAllowedMs: autosave.nextAllowedMs() };
    },

    'workspace.recovery': async ({ action }: { action: 'check' | 'load' | 'discard' }): Promise<RecoveryResult> => {
      const pending = await autosave.pending();
      if (action === 'discard') {
        await autosave.discard();
        return { available: false };
      }
      if (pending === undefined) return { available: false };
      if (action === 'check') return { available: true, savedAtMs: pending };
      return { available: true, savedAtMs: pending, opened: await openResult(await autosave.load()) };
    },

    'workspace.cleanExit': async (): Promise<void> => autosave.markCleanExit(),

    'export.csv': async ({ source, layout, node }: { source: { queryId: string } | { workspaceId: string; panelId: string }; layout?: 'wide' | 'long'; node?: string }): Promise<CsvExportResult> => {
      const lay = layout ?? 'long';
      let view: Pick<QueryResultView, 'merged' | 'perNode' | 'nodes'>;
      let title: string;
      if ('queryId' in source) ({ view, title } = await queryCsvView(source.queryId));
      else {
        const ws = openWorkspace(source.workspaceId);
        const panel = ws.panels.get(source.panelId);
        if (!panel) throw new ApiCallError('panel-not-found', 'The workspace has no such panel.', 'source.panelId');
        view = await evaluate(ws, { ...panel, comparison: { ...panel.comparison, perNode: true } });
        title = panel.title ?? panel.expr;
      }
      const { csv, rows } = resultViewCsv(view, lay, node);
      return { csv, rows, filename: `${fileStem(title, 'query')}-${node ? fileStem(node, 'node') : 'all'}-${lay}.csv` };
    },

    'export.bundle': async (req: { path: string; workspace: WorkspaceInput; pngs?: { panelId: string; name?: string; base64: string }[]; overwrite?: boolean } & SnapshotSources): Promise<BundleResult> => {
      const path = requireAbsolute(req.path);
      if (!req.overwrite && (await fs.stat(path).then(() => true, () => false))) {
        throw new WorkspaceError('overwrite-refused', `Not written: ${path} already exists. Choose another name, or export again with overwrite to replace it.`);
      }
      const doc = await documentOf(req.workspace, req);
      const text = workspaceToText(doc, collectReads(req.workspace.panels, req));
      // Evaluate from what the bundle holds, so CSVs and README match the workspace inside it exactly.
      const parsed = parseWorkspaceText(text, 'The bundle workspace');
      const ws = open.add(parsed.document, parsed.reads);
      const results = await Promise.all(
        parsed.document.panels.map(async (panel) => {
          try {
            return { view: await evaluate(ws, panel) };
          } catch (e) {
            return { error: toApiError(e).message };
          }
        }),
      );
      const pngs = (req.pngs ?? []).map((p) => ({ panelId: p.panelId, name: p.name, data: new Uint8Array(Buffer.from(p.base64, 'base64')) }));
      const { bytes, entries } = buildBundle({ document: parsed.document, workspaceText: text, results, pngs });
      await writeFileAtomic(path, bytes);
      return { path, bytes: bytes.length, entries };
    },
  };
}

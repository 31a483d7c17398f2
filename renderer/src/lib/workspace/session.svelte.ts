// The workspace the window holds: which file it is (path, name, unsaved changes), the opened file's offline results
// and stored reads (workspaceId), each panel's last finished query (its data becomes the snapshot on save), autosave
// and crash recovery. Every file operation goes through here; components only show state and call methods.
import { tick } from 'svelte';
import type { QueryResultView } from '@shared/api/query-types';
import type { ApiError } from '@shared/api/define';
import type { RecentWorkspace, WorkspaceOpenResult, WorkspaceProfile, WorkspaceSaveResult, BundleResult } from '@shared/api/workspace-types';
import { ApiCallError, callApi } from '../api';
import { errorKind, errorMessage } from '../api-errors';
import type { PanelSettings } from '../query/panel-model';
import { workbench } from '../shell/workbench.svelte';
import { buildWorkspaceInput, fromWorkspacePanel, panelsFingerprint, queryIdsFor, toWorkspacePanel, workspaceName } from './document';
import { fileErrorMessage } from './file-errors';
import { recoveryStep, type RecoveryEvent, type RecoveryState } from './recovery';
import { rulesState } from '../rules/rules-state.svelte';

/** How often unsaved work is written to the autosave slot (the core throttles to one write per 15 s anyway). */
export const AUTOSAVE_EVERY_MS = 30_000;

export interface OfflinePanel {
  result?: QueryResultView;
  error?: ApiError;
  readAtMs?: number;
}

/** The latest result a panel shows, and which cluster it came from (for exports). */
export interface ShownResult {
  view: QueryResultView;
  clusterName: string;
  nodes: string[];
  offline: boolean;
}

export type FileError = { kind: string; message: string };

class WorkspaceSession {
  path = $state<string | null>(null);
  /** Handle of the opened (or recovered) file on the app side: offline evaluation and carried-over reads. */
  workspaceId = $state<string | null>(null);
  /** The opened file's cluster (names and URLs only). */
  profile = $state.raw<WorkspaceProfile | null>(null);
  createdAt = $state<string | null>(null);
  hasSnapshot = $state(false);
  savedFingerprint = $state('');
  recent = $state.raw<RecentWorkspace[]>([]);
  /** Panels evaluated from the snapshot (not run live since the file was opened). */
  offline = $state.raw<Record<string, OfflinePanel>>({});
  queryIds = $state.raw<Record<string, string>>({});
  steps = $state.raw<Record<string, number>>({});
  shown = $state.raw<Record<string, ShownResult>>({});
  recovery = $state<RecoveryState>({ phase: 'idle' });
  /** A workspace the OS (or browser mode's POST /api/open) asked to open while there were unsaved changes. */
  pendingOpen = $state<string | null>(null);
  /** A one-line outcome of the last file operation ("Saved …"), shown in the header. */
  notice = $state<string | null>(null);
  lastAutosaveMs = $state<number | null>(null);
  /** Bumped on every open: panels restored from a file remount and pick up their offline results. */
  generation = $state(0);

  private autosavedFingerprint = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private started = false;

  name = $derived(workspaceName(this.path));
  fingerprint = $derived(panelsFingerprint(workbench.panels) + rulesState.fingerprint());
  dirty = $derived(workbench.ready && this.fingerprint !== this.savedFingerprint);

  /** Called once the workbench has its panels: baseline for "unsaved", recent list, recovery, OS open requests. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.savedFingerprint = this.fingerprint;
    this.autosavedFingerprint = this.fingerprint;
    void this.refreshRecent();
    this.timer = setInterval(() => void this.autosave(), AUTOSAVE_EVERY_MS);
    await this.checkRecovery();
    await this.takeOpenRequests();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refreshRecent(): Promise<void> {
    try {
      this.recent = await callApi('workspace.recent', undefined);
    } catch {
      // The recent list is a convenience; its absence is not worth a banner.
    }
  }

  // ---- results the panels report ----

  recordLive(panelId: string, view: QueryResultView, clusterName: string): void {
    this.queryIds = { ...this.queryIds, [panelId]: view.queryId };
    this.steps = { ...this.steps, [panelId]: view.stepMs };
    this.shown = { ...this.shown, [panelId]: { view, clusterName, nodes: view.nodes.map((n) => n.name), offline: false } };
    if (this.offline[panelId]) {
      const { [panelId]: _gone, ...rest } = this.offline;
      this.offline = rest;
    }
  }

  recordOffline(panelId: string, view: QueryResultView): void {
    this.steps = { ...this.steps, [panelId]: view.stepMs };
    this.shown = { ...this.shown, [panelId]: { view, clusterName: this.profile?.name ?? 'workspace', nodes: view.nodes.map((n) => n.name), offline: true } };
  }

  isOffline(panelId: string): boolean {
    return !!this.workspaceId && panelId in this.offline;
  }

  /** The app profile with the opened workspace's cluster name, if this app has one (to re-run live). */
  matchingProfile(): { id: string; name: string } | null {
    const name = this.profile?.name;
    if (!name) return null;
    return workbench.profiles?.profiles.find((p) => p.name === name) ?? null;
  }

  /** Stop treating a panel as offline: its next run goes to the live cluster. */
  goLive(panelId: string): void {
    const { [panelId]: _gone, ...rest } = this.offline;
    this.offline = rest;
  }

  /** Re-evaluates an (edited) panel from the snapshot; throws ApiCallError("snapshot-missing") when not covered. */
  async evaluateOffline(p: PanelSettings): Promise<QueryResultView> {
    if (!this.workspaceId) throw new ApiCallError({ kind: 'workspace-not-found', message: 'No workspace is open.' });
    const panel = toWorkspacePanel(p, undefined);
    // A relative panel keeps the window it showed from the file. (Left relative, the core would anchor an edited
    // query at the newest read of any panel, which this panel's own data may not reach.)
    const seen = this.shown[p.id];
    if (panel.range.type === 'relative' && seen?.offline && seen.view.kind === 'range' && seen.view.endMs > seen.view.startMs) {
      panel.range = { type: 'absolute', startMs: seen.view.startMs, endMs: seen.view.endMs };
    }
    const view = await callApi('workspace.evaluate', { workspaceId: this.workspaceId, panel });
    this.recordOffline(p.id, view);
    return view;
  }

  csvSource(panelId: string): { queryId: string } | { workspaceId: string; panelId: string } | null {
    const s = this.shown[panelId];
    if (!s) return null;
    if (s.offline && this.workspaceId) return { workspaceId: this.workspaceId, panelId };
    return this.queryIds[panelId] ? { queryId: this.queryIds[panelId] } : null;
  }

  // ---- saving ----

  private input() {
    const src = this.profile && this.workspaceId ? { profile: this.profile } : { profileId: workbench.active?.id };
    const input = buildWorkspaceInput(workbench.panels, { ...src, ...(this.createdAt ? { createdAt: this.createdAt } : {}) }, this.steps);
    const live: Record<string, string> = {};
    for (const [id, q] of Object.entries(this.queryIds)) if (!this.isOffline(id)) live[id] = q;
    const rules = rulesState.toWorkspace();
    return { workspace: rules ? { ...input, rules } : input, queryIds: queryIdsFor(input, live), ...(this.workspaceId ? { workspaceId: this.workspaceId } : {}) };
  }

  async save(path: string, opts: { includeSnapshot: boolean; overwrite?: boolean }): Promise<WorkspaceSaveResult> {
    const fp = this.fingerprint;
    const res = await callApi('workspace.save', { path, ...this.input(), includeSnapshot: opts.includeSnapshot, ...(opts.overwrite ? { overwrite: true } : {}) });
    this.path = res.path;
    this.savedFingerprint = fp;
    this.autosavedFingerprint = fp;
    if (!this.createdAt) this.createdAt = res.savedAt;
    this.notice = `Saved ${res.path} (${res.snapshotPanels.length ? `data of ${res.snapshotPanels.length} panel${res.snapshotPanels.length === 1 ? '' : 's'}` : 'no data'})${res.backupPath ? ' — previous version kept as .bak' : ''}.`;
    void this.refreshRecent();
    return res;
  }

  async exportBundle(path: string, pngs: { panelId: string; name?: string; base64: string }[], overwrite = false): Promise<BundleResult> {
    return callApi('export.bundle', { path, ...this.input(), pngs, ...(overwrite ? { overwrite: true } : {}) });
  }

  async autosave(force = false): Promise<void> {
    if (!workbench.ready || !this.dirty) return;
    const fp = this.fingerprint;
    if (!force && fp === this.autosavedFingerprint) return;
    try {
      const input = this.input();
      if (!input.workspace.panels.length) return;
      const res = await callApi('workspace.autosave', { ...input, ...(force ? { force: true } : {}) });
      if (res.written) {
        this.autosavedFingerprint = fp;
        this.lastAutosaveMs = res.atMs ?? Date.now();
      }
    } catch {
      // Autosave is best effort: a missing profile or an evicted query must not nag every 30 s.
    }
  }

  // ---- opening ----

  /** Opens a file; answers a typed error sentence instead of throwing. */
  async open(path: string): Promise<FileError | null> {
    try {
      const res = await callApi('workspace.open', { path });
      await this.apply(res, res.path ?? path);
      this.notice = `Opened ${this.name}${res.migratedFrom ? ` (migrated from format ${res.migratedFrom})` : ''}${res.hasSnapshot ? '' : ' — saved without data: run the panels to see results'}.`;
      void this.refreshRecent();
      return null;
    } catch (e) {
      return { kind: errorKind(e), message: fileErrorMessage(errorKind(e), errorMessage(e)) };
    }
  }

  private async apply(res: WorkspaceOpenResult, path: string | null): Promise<void> {
    const panels = res.workspace.panels.map(fromWorkspacePanel);
    const offline: Record<string, OfflinePanel> = {};
    for (const p of res.panels) offline[p.panelId] = { ...(p.result ? { result: p.result } : {}), ...(p.error ? { error: p.error } : {}), readAtMs: res.snapshotReadAtMs[p.panelId] };
    // Unmount the old panels first so panels with the same ids as before start fresh from the file.
    workbench.panels = [];
    await tick();
    this.workspaceId = res.workspaceId;
    this.profile = res.workspace.profile;
    this.createdAt = res.workspace.createdAt;
    rulesState.fromWorkspace(res.workspace.rules);
    this.hasSnapshot = res.hasSnapshot;
    this.path = path;
    this.offline = offline;
    this.queryIds = {};
    this.shown = {};
    this.steps = {};
    this.generation++;
    workbench.panels = panels.length ? panels : workbench.panels;
    workbench.saveWorkspace();
    this.savedFingerprint = path ? panelsFingerprint(workbench.panels) : '';
    this.autosavedFingerprint = panelsFingerprint(workbench.panels);
  }

  async takeOpenRequests(): Promise<void> {
    let paths: string[];
    try {
      paths = await callApi('app.takeOpenRequests', undefined);
    } catch {
      return;
    }
    // One window shows one workspace: the newest request wins; the others are still in the recent list.
    const last = paths.at(-1);
    if (!last) return;
    // As File → Open does: unsaved changes are not discarded without asking (OpenRequestPrompt asks).
    if (this.dirty) {
      this.pendingOpen = last;
      return;
    }
    await this.openRequested(last);
  }

  /** The OS-requested file the user agreed to open (discarding unsaved changes), or a clean workbench's. */
  async openRequested(path: string): Promise<void> {
    if (this.pendingOpen === path) this.pendingOpen = null;
    const err = await this.open(path);
    if (err) this.notice = err.message;
  }

  // ---- recovery ----

  private recover(e: RecoveryEvent): void {
    this.recovery = recoveryStep(this.recovery, e);
  }

  async checkRecovery(): Promise<void> {
    this.recover({ type: 'check' });
    try {
      const r = await callApi('workspace.recovery', { action: 'check' });
      this.recover({ type: 'checked', available: r.available, savedAtMs: r.savedAtMs });
    } catch (e) {
      // No recovery support (or no backend): nothing to offer, not an error worth a banner.
      this.recover({ type: 'checked', available: false });
      void e;
    }
  }

  async restoreRecovery(): Promise<void> {
    this.recover({ type: 'restore' });
    try {
      const r = await callApi('workspace.recovery', { action: 'load' });
      if (!r.opened) throw new Error('The autosave is gone (another window may have restored or discarded it).');
      await this.apply(r.opened, null);
      this.notice = 'Restored the autosaved workspace: save it to keep it.';
      this.recover({ type: 'restored' });
    } catch (e) {
      this.recover({ type: 'failed', message: fileErrorMessage(errorKind(e), errorMessage(e)) });
    }
  }

  async discardRecovery(): Promise<void> {
    this.recover({ type: 'discard' });
    try {
      await callApi('workspace.recovery', { action: 'discard' });
      this.recover({ type: 'discarded' });
    } catch (e) {
      this.recover({ type: 'failed', message: errorMessage(e) });
    }
  }

  dismissRecovery(): void {
    this.recover({ type: 'dismiss' });
  }

  /** The window is closing normally: the autosave is not a crash leftover. */
  cleanExit(): void {
    callApi('workspace.cleanExit', undefined).catch(() => undefined);
  }

  /** Start over: an untitled workspace with the current panels, detached from any file. */
  detach(): void {
    this.path = null;
    this.workspaceId = null;
    this.profile = null;
    this.offline = {};
    this.createdAt = null;
  }
}

export const session = new WorkspaceSession();

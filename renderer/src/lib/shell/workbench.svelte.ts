// The workbench's shared reactive state: app info, profiles and the active one, per-node status dots, open panels
// and the theme. Components read it; every change goes through a method here that calls the typed API.
import type { AppInfo } from '@shared/api/types';
import type { NodeConnectionReport, ProfileView, ProfilesState } from '@shared/api/profile-types';
import type { NodeReadStats } from '@shared/api/query-types';
import { callApi } from '../api';
import { errorMessage } from '../api-errors';
import { newPanel, type PanelSettings } from '../query/panel-model';
import { loadPreference, resolveTheme, savePreference, toggledPreference, type ThemePreference } from './theme';
import { initialPanels, parseWorkspace, serializeWorkspace, WORKSPACE_KEY } from './workspace';

export interface NodeStatus {
  ok: boolean;
  detail: string;
  source: 'query' | 'test';
}

function readSavedPanels(): PanelSettings[] | null {
  try {
    return parseWorkspace(localStorage.getItem(WORKSPACE_KEY));
  } catch {
    return null;
  }
}

class Workbench {
  info = $state<AppInfo | null>(null);
  infoError = $state<string | null>(null);
  profiles = $state<ProfilesState | null>(null);
  profilesError = $state<string | null>(null);
  /** profileId → node name → last known status. */
  nodeStatus = $state<Record<string, Record<string, NodeStatus>>>({});
  panels = $state<PanelSettings[]>([]);
  /** Panels that run as soon as they mount (the first-start demo panel). */
  autorun = $state<string[]>([]);
  themePref = $state<ThemePreference>('system');
  systemDark = $state(false);
  ready = $state(false);

  active = $derived<ProfileView | null>(this.profiles?.profiles.find((p) => p.id === this.profiles?.activeId) ?? null);
  theme = $derived(resolveTheme(this.themePref, this.systemDark));

  async start(): Promise<void> {
    this.themePref = loadPreference();
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    this.systemDark = !!mq?.matches;
    mq?.addEventListener('change', (e) => (this.systemDark = e.matches));
    callApi('app.info', undefined).then(
      (v) => (this.info = v),
      (e) => (this.infoError = errorMessage(e)),
    );
    await this.loadProfiles();
    const init = initialPanels(readSavedPanels(), !!this.active?.demo);
    this.panels = init.panels;
    if (init.autorun) this.autorun = init.panels.map((p) => p.id);
    this.ready = true;
  }

  async loadProfiles(): Promise<void> {
    try {
      this.profiles = await callApi('profiles.list', undefined);
      this.profilesError = null;
    } catch (e) {
      this.profilesError = errorMessage(e);
    }
  }

  async setActive(id: string): Promise<void> {
    try {
      await callApi('profiles.setActive', { id });
      if (this.profiles) this.profiles.activeId = id;
      this.profilesError = null;
    } catch (e) {
      this.profilesError = errorMessage(e);
    }
  }

  recordQueryStats(profileId: string, stats: readonly NodeReadStats[]): void {
    const m: Record<string, NodeStatus> = { ...(this.nodeStatus[profileId] ?? {}) };
    for (const s of stats) m[s.name] = { ok: s.ok, detail: s.ok ? `read ${s.series} series in ${Math.round(s.readMs)} ms` : (s.error ?? 'failed'), source: 'query' };
    this.nodeStatus = { ...this.nodeStatus, [profileId]: m };
  }

  /**
   * A run that failed: nodes that finished reading keep their answer (ok or failed); when no node answered at all
   * every node is marked failed with the run's message. A parse error reads nothing and changes nothing.
   */
  recordFailedRun(profileId: string, progress: readonly { node: string; state: string; error?: string }[], message: string): void {
    const m: Record<string, NodeStatus> = { ...(this.nodeStatus[profileId] ?? {}) };
    let touched = false;
    for (const p of progress) {
      if (p.state === 'failed') m[p.node] = { ok: false, detail: p.error ?? message, source: 'query' };
      else if (p.state === 'done') m[p.node] = { ok: true, detail: 'answered the last run', source: 'query' };
      else continue;
      touched = true;
    }
    if (!touched && message.startsWith('No node answered')) {
      for (const p of progress) m[p.node] = { ok: false, detail: message, source: 'query' };
      touched = true;
    }
    if (touched) this.nodeStatus = { ...this.nodeStatus, [profileId]: m };
  }

  recordConnectionReport(profileId: string, nodes: readonly NodeConnectionReport[]): void {
    const m: Record<string, NodeStatus> = { ...(this.nodeStatus[profileId] ?? {}) };
    for (const n of nodes) m[n.nodeName] = { ok: n.ok, detail: n.summary, source: 'test' };
    this.nodeStatus = { ...this.nodeStatus, [profileId]: m };
  }

  addPanel(expr = ''): PanelSettings {
    const p = newPanel(expr);
    this.panels = [...this.panels, p];
    this.saveWorkspace();
    return p;
  }

  removePanel(id: string): void {
    this.panels = this.panels.filter((p) => p.id !== id);
    if (!this.panels.length) this.panels = [newPanel('')];
    this.saveWorkspace();
  }

  updatePanel(next: PanelSettings): void {
    this.panels = this.panels.map((p) => (p.id === next.id ? next : p));
    this.saveWorkspace();
  }

  consumeAutorun(id: string): boolean {
    if (!this.autorun.includes(id)) return false;
    this.autorun = this.autorun.filter((x) => x !== id);
    return true;
  }

  saveWorkspace(): void {
    try {
      localStorage.setItem(WORKSPACE_KEY, serializeWorkspace(this.panels));
    } catch {
      // Storage unavailable: the workspace lives for this session only.
    }
  }

  toggleTheme(): void {
    this.themePref = toggledPreference(this.themePref, this.systemDark);
    savePreference(this.themePref);
  }

  setThemePref(pref: ThemePreference): void {
    this.themePref = pref;
    savePreference(pref);
  }
}

export const workbench = new Workbench();

// THE API contract between the renderer and the app (Electron IPC or the loopback bridge). Every call the renderer
// can make and every event it can receive is listed here once; preload, IPC registration and bridge are derived
// from these two objects, and a unit test checks all three against them.
import { s } from '../schema';
import { call, event } from './define';
import type { AppInfo, GrafanaServerStatus, QueryProgressEvent } from './types';
import type { ConnectionReport, DataExtent, MergeStrategy, ProfileView, ProfilesState } from './profile-types';
import type { CompletionIndex, HistoryEntry, ParseCheck, QueryResultView } from './query-types';
import { profileInputSchema, queryRequestSchema, strategySchema } from './schemas';
import { rulesBacktestSchema, type RulesBacktestView } from './rules-types';
import {
  exportBundleSchema,
  exportCsvSchema,
  workspaceAutosaveSchema,
  workspaceEvaluateSchema,
  workspaceRecoverySchema,
  workspaceSaveSchema,
  type AutosaveResult,
  type BundleResult,
  type CsvExportResult,
  type RecentWorkspace,
  type RecoveryResult,
  type WorkspaceOpenResult,
  type WorkspaceSaveResult,
} from './workspace-types';

const id = s.string({ minLength: 1, maxLength: 200 });

export const CALLS = {
  'app.info': call(s.void()).returns<AppInfo>(),
  /** Workspace files the OS asked the app to open (double-click, second launch), queued until the renderer takes them. */
  'app.takeOpenRequests': call(s.void()).returns<string[]>(),
  /** A native file dialog (desktop app). `supported: false` in browser mode: type the path instead. */
  'dialog.pickFile': call(
    s.object({
      mode: s.enum(['open', 'save'] as const),
      title: s.optional(s.string({ maxLength: 200 })),
      defaultPath: s.optional(s.string({ maxLength: 4096 })),
      filters: s.optional(s.array(s.object({ name: s.string({ maxLength: 100 }), extensions: s.array(s.string({ maxLength: 20 }), { maxItems: 20 }) }), { maxItems: 10 })),
    }),
  ).returns<{ supported: boolean; path: string | null }>(),

  'profiles.list': call(s.void()).returns<ProfilesState>(),
  /** Create (no id) or update a profile; secret fields are one-way patches. Answers the redacted view. */
  'profiles.save': call(s.object({ profile: profileInputSchema })).returns<ProfileView>(),
  'profiles.delete': call(s.object({ id })).returns<void>(),
  'profiles.duplicate': call(s.object({ id })).returns<ProfileView>(),
  'profiles.setActive': call(s.object({ id })).returns<void>(),
  /** Read the remote_read sections of a prometheus.yml into a new saved profile. */
  'profiles.importYaml': call(s.object({ yaml: s.string({ maxLength: 5_000_000 }), name: s.string({ minLength: 1, maxLength: 200 }) })).returns<ProfileView>(),
  'profiles.exportYaml': call(s.object({ id, includeSecrets: s.optional(s.boolean()) })).returns<{ yaml: string }>(),
  'profiles.testConnection': call(s.object({ id })).returns<ConnectionReport>(),
  /** Test the editor's unsaved profile (stored secrets of its id kept); nothing is stored. */
  'profiles.testDraft': call(s.object({ profile: profileInputSchema })).returns<ConnectionReport>(),
  /** Where the profile's data ends (newest sample of any node, by a few small reads of `up`): a first panel's range. */
  'profiles.dataExtent': call(s.object({ id })).returns<DataExtent>(),

  /** Parse with the engine's own parser: position and message of the first error. */
  'query.parse': call(s.object({ expr: s.string({ maxLength: 100_000 }) })).returns<ParseCheck>(),
  /** Fan out, merge, evaluate. Progress arrives as query.progress events. */
  'query.run': call(s.object({ request: queryRequestSchema })).returns<QueryResultView>(),
  'query.cancel': call(s.object({ queryId: id })).returns<void>(),
  /** Re-merge and re-evaluate a finished query from cached raw data with another strategy: no network. */
  'query.remerge': call(s.object({ queryId: id, strategy: strategySchema })).returns<QueryResultView>(),

  /** Metric names, label names and values from a bounded recent read, cached per profile. */
  'completion.index': call(s.object({ profileId: id, refresh: s.optional(s.boolean()) })).returns<CompletionIndex>(),

  'history.list': call(s.object({ search: s.optional(s.string({ maxLength: 1000 })), limit: s.optional(s.number({ integer: true, min: 1, max: 1000 })) })).returns<HistoryEntry[]>(),
  /** Recorded when a run ends: its outcome (a failed run keeps its error) is shown in the history list. */
  'history.add': call(
    s.object({
      expr: s.string({ minLength: 1, maxLength: 100_000 }),
      profileId: s.optional(id),
      status: s.optional(s.enum(['ok', 'failed'] as const)),
      error: s.optional(s.string({ maxLength: 2000 })),
    }),
  ).returns<void>(),

  /** Write a workspace file atomically (previous file kept as .bak); refuses to replace an unreadable file unless overwrite. */
  'workspace.save': call(workspaceSaveSchema).returns<WorkspaceSaveResult>(),
  /** Read a workspace file and re-evaluate every panel from its data snapshot: no network. */
  'workspace.open': call(s.object({ path: s.string({ minLength: 1, maxLength: 4096 }) })).returns<WorkspaceOpenResult>(),
  /** Evaluate a (possibly edited) panel offline from an open workspace's snapshot; "snapshot-missing" names what lacks. */
  'workspace.evaluate': call(workspaceEvaluateSchema).returns<QueryResultView>(),
  'workspace.recent': call(s.void()).returns<RecentWorkspace[]>(),
  /** Save unsaved work to the data folder's autosave.rrxw, at most once per interval unless force. */
  'workspace.autosave': call(workspaceAutosaveSchema).returns<AutosaveResult>(),
  /** After a crash: is there an autosave newer than the last clean exit; load it or discard it. */
  'workspace.recovery': call(workspaceRecoverySchema).returns<RecoveryResult>(),
  /** The app is quitting normally (or the user chose not to keep unsaved work): the autosave is not offered again. */
  'workspace.cleanExit': call(s.void()).returns<void>(),

  /** CSV text of a finished query or an open workspace's panel: merged, one node, or merged and every node. */
  'export.csv': call(exportCsvSchema).returns<CsvExportResult>(),
  /** A zip with the workspace + snapshot, CSVs, the renderer's PNGs and a README of the findings. */
  'export.bundle': call(exportBundleSchema).returns<BundleResult>(),

  /** Serve a profile's merged cluster as a Prometheus-compatible query API on 127.0.0.1 (port 0: a free one). */
  'grafana.start': call(s.object({ profileId: id, port: s.optional(s.number({ integer: true, min: 0, max: 65535 })) })).returns<GrafanaServerStatus>(),
  'grafana.stop': call(s.object({ profileId: id })).returns<void>(),
  'grafana.list': call(s.void()).returns<GrafanaServerStatus[]>(),

  /** Backtest a rule file over a range on every node and merged: alert timelines, differences, recorded rules, CSV. */
  'rules.backtest': call(rulesBacktestSchema).returns<RulesBacktestView>(),
} as const;

export const EVENTS = {
  'query.progress': event<QueryProgressEvent>(),
  /** The OS asked to open a workspace file: call app.takeOpenRequests. */
  'workspace.openRequested': event<{ count: number }>(),
  /** An application-menu item was chosen (Electron only). */
  'menu.action': event<{ action: string }>(),
} as const;

export type Calls = typeof CALLS;
export type Events = typeof EVENTS;
export type CallName = keyof Calls;
export type EventName = keyof Events;
export type { MergeStrategy };

export const CALL_NAMES = Object.keys(CALLS) as CallName[];
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

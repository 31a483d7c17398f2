// Workspaces and exports as they cross IPC/bridge: the saved document (panels + a secret-free profile reference),
// the requests of workspace.* / export.* calls and their answers, with the runtime schemas that validate them.
import { s, type Infer } from '../schema';
import type { ApiError } from './define';
import type { MergeStrategy } from './profile-types';
import type { QueryKind, QueryMode, QueryResultView } from './query-types';
import { strategySchema } from './schemas';

export const WORKSPACE_FORMAT = 'rrx-workspace';
/** The version this build writes. Older files are migrated on open; newer ones are refused. */
export const WORKSPACE_VERSION = 2;

/** A fixed window, or "the last durationMs up to now − endOffsetMs" (resolved when the query runs). */
export type PanelRange = { type: 'absolute'; startMs: number; endMs: number } | { type: 'relative'; durationMs: number; endOffsetMs?: number };

export interface PanelView {
  mode: 'graph' | 'table' | 'compare';
  stacked?: boolean;
  log?: boolean;
  yFromZero?: boolean;
  unit?: string;
  /** Series hidden in the legend (label-set text). */
  hiddenSeries?: string[];
}

/** Per-panel comparison settings (new in v2). */
export interface PanelComparison {
  /** Evaluate per node beside the merged view. */
  perNode: boolean;
  /** Replica findings and coverage. */
  findings: boolean;
  /** Node names shown beside the merged view; all when absent. */
  nodes?: string[];
}

export interface WorkspacePanel {
  id: string;
  title?: string;
  expr: string;
  kind: QueryKind;
  range: PanelRange;
  /** Range queries; 0 for instant. */
  stepMs: number;
  lookbackDeltaMs?: number;
  strategy: MergeStrategy;
  view: PanelView;
  comparison: PanelComparison;
  /** How the panel answers (issue 16); absent in older files, which mean auto. */
  answer?: PanelAnswer;
}

export interface PanelAnswer {
  mode: QueryMode;
  /** The delegate engine's name; absent = the profile's first engine. */
  delegateTo?: string;
}

/** Which cluster the workspace was read from: names and secret-free URLs only (never credentials or headers). */
export interface WorkspaceProfile {
  name: string;
  nodes: { name: string; url: string }[];
  replicaLabel?: string;
  compat?: 'prometheus3' | 'prometheus2';
}

export interface WorkspaceDocument {
  format: typeof WORKSPACE_FORMAT;
  version: typeof WORKSPACE_VERSION;
  /** RFC 3339. */
  createdAt: string;
  savedAt?: string;
  app: { name: string; version: string };
  profile: WorkspaceProfile;
  panels: WorkspacePanel[];
  /** The Rules panel: its rule file and range, and the last backtest result (optional; absent in older files). */
  rules?: WorkspaceRules;
}

export interface WorkspaceRules {
  fileName: string;
  yaml: string;
  durationMs: number;
  /** The last backtest (a RulesBacktestView from shared/api/rules-types.ts), shown again on open without a read. */
  result?: unknown;
}

export const workspaceRulesSchema = s.object({
  fileName: s.string({ maxLength: 1000 }),
  yaml: s.string({ maxLength: 5_000_000 }),
  durationMs: s.number({ min: 0 }),
  result: s.optional(s.unknown()),
});

const str = (max = 4096) => s.string({ maxLength: max });
const id = s.string({ minLength: 1, maxLength: 200 });

export const panelSchema = s.object({
  id,
  title: s.optional(str(1000)),
  expr: str(100_000),
  kind: s.enum(['range', 'instant'] as const),
  range: s.union(
    s.object({ type: s.literal('absolute'), startMs: s.number(), endMs: s.number() }),
    s.object({ type: s.literal('relative'), durationMs: s.number({ min: 0 }), endOffsetMs: s.optional(s.number({ min: 0 })) }),
  ),
  stepMs: s.number({ min: 0 }),
  lookbackDeltaMs: s.optional(s.number({ min: 1 })),
  strategy: strategySchema,
  view: s.object({
    mode: s.enum(['graph', 'table', 'compare'] as const),
    stacked: s.optional(s.boolean()),
    log: s.optional(s.boolean()),
    yFromZero: s.optional(s.boolean()),
    unit: s.optional(str(100)),
    hiddenSeries: s.optional(s.array(str(10_000), { maxItems: 10_000 })),
  }),
  comparison: s.object({ perNode: s.boolean(), findings: s.boolean(), nodes: s.optional(s.array(str(200), { maxItems: 64 })) }),
  answer: s.optional(s.object({ mode: s.enum(['local', 'pushdown', 'delegate', 'auto'] as const), delegateTo: s.optional(s.string({ minLength: 1, maxLength: 4096 })) })),
});

export const workspaceProfileSchema = s.object({
  name: str(200),
  nodes: s.array(s.object({ name: str(200), url: str() }), { maxItems: 64 }),
  replicaLabel: s.optional(str(256)),
  compat: s.optional(s.enum(['prometheus3', 'prometheus2'] as const)),
});

export const workspaceDocumentSchema = s.object({
  format: s.literal(WORKSPACE_FORMAT),
  version: s.literal(WORKSPACE_VERSION),
  createdAt: str(100),
  savedAt: s.optional(str(100)),
  app: s.object({ name: str(200), version: str(200) }),
  profile: workspaceProfileSchema,
  panels: s.array(panelSchema, { maxItems: 200 }),
  rules: s.optional(workspaceRulesSchema),
});

/**
 * What the renderer hands to save/autosave/bundle: the panels and either the profile it ran against (profileId, the
 * core derives the secret-free node list) or an explicit profile reference (e.g. from an opened workspace).
 */
export const workspaceInputSchema = s.object({
  profileId: s.optional(id),
  profile: s.optional(workspaceProfileSchema),
  panels: s.array(panelSchema, { maxItems: 200 }),
  createdAt: s.optional(str(100)),
  rules: s.optional(workspaceRulesSchema),
});
export type WorkspaceInput = Infer<typeof workspaceInputSchema>;

/**
 * Where the data snapshot of each panel comes from: panel id → queryId of a finished query.run (its raw reads), and/or
 * the workspaceId of an opened workspace (its stored reads are carried over).
 */
export const snapshotSourceFields = {
  queryIds: s.optional(s.record(str(200))),
  workspaceId: s.optional(id),
};

export const workspaceSaveSchema = s.object({
  path: s.string({ minLength: 1, maxLength: 4096 }),
  workspace: workspaceInputSchema,
  includeSnapshot: s.optional(s.boolean()),
  /** Replace a file that is not a readable workspace of this or an older version (Save As → "Replace"). */
  overwrite: s.optional(s.boolean()),
  ...snapshotSourceFields,
});

export interface WorkspaceSaveResult {
  path: string;
  savedAt: string;
  bytes: number;
  /** Panel ids whose data snapshot was written. */
  snapshotPanels: string[];
  /** The previous version of the file, kept as <name>.bak, when there was one. */
  backupPath?: string;
}

/** One panel re-evaluated from the snapshot; error (kind "snapshot-missing" …) when the snapshot does not cover it. */
export interface PanelResult {
  panelId: string;
  result?: QueryResultView;
  error?: ApiError;
}

export interface WorkspaceOpenResult {
  /** Handle for workspace.evaluate / export.* / save (carry the stored reads over). */
  workspaceId: string;
  path?: string;
  workspace: WorkspaceDocument;
  /** The file's version when it was older than this build's and was migrated. */
  migratedFrom?: number;
  hasSnapshot: boolean;
  /** When the snapshot was read (unix ms), per panel id. */
  snapshotReadAtMs: Record<string, number>;
  panels: PanelResult[];
}

export const workspaceEvaluateSchema = s.object({ workspaceId: id, panel: panelSchema, strategy: s.optional(strategySchema) });

export interface RecentWorkspace {
  path: string;
  name: string;
  openedAtMs: number;
}

export const workspaceAutosaveSchema = s.object({
  workspace: workspaceInputSchema,
  includeSnapshot: s.optional(s.boolean()),
  /** Write even if the last autosave is younger than the minimum interval. */
  force: s.optional(s.boolean()),
  ...snapshotSourceFields,
});

export interface AutosaveResult {
  written: boolean;
  /** When the autosave on disk was written (unix ms). */
  atMs?: number;
  /** Earliest time the next non-forced autosave will be written. */
  nextAllowedMs: number;
}

export const workspaceRecoverySchema = s.object({ action: s.enum(['check', 'load', 'discard'] as const) });

export interface RecoveryResult {
  /** An autosave newer than the last clean exit exists. */
  available: boolean;
  savedAtMs?: number;
  /** action "load": the autosave, opened like workspace.open. */
  opened?: WorkspaceOpenResult;
}

export const csvSourceSchema = s.union(s.object({ queryId: id }), s.object({ workspaceId: id, panelId: id }));

export const exportCsvSchema = s.object({
  source: csvSourceSchema,
  layout: s.optional(s.enum(['wide', 'long'] as const)),
  /** "merged", a node name, or absent for the merged view and every node. */
  node: s.optional(str(200)),
});

export interface CsvExportResult {
  csv: string;
  /** A suggested file name. */
  filename: string;
  rows: number;
}

export const exportBundleSchema = s.object({
  path: s.string({ minLength: 1, maxLength: 4096 }),
  workspace: workspaceInputSchema,
  /** PNG images the renderer drew, base64 (no data: prefix). */
  pngs: s.optional(s.array(s.object({ panelId: id, name: s.optional(str(200)), base64: s.string({ maxLength: 60_000_000 }) }), { maxItems: 200 })),
  overwrite: s.optional(s.boolean()),
  ...snapshotSourceFields,
});

export interface BundleResult {
  path: string;
  bytes: number;
  entries: string[];
}

// Compile-time proof that the schemas describe exactly the document types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _panelOk: Same<Infer<typeof panelSchema>, WorkspacePanel> = true;
const _docOk: Same<Infer<typeof workspaceDocumentSchema>, WorkspaceDocument> = true;
void _panelOk;
void _docOk;

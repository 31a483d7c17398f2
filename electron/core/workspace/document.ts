// The workspace file as text: building the document from panels and a secret-free profile, writing it as JSON, and
// reading it back with the typed error that fits (truncated, corrupt, newer version, not a workspace), migrated.
import { APP_NAME, APP_VERSION } from '@core/app-info';
import { stripUserinfo } from '@core/remote-read/redact';
import { describeIssues } from '@shared/schema';
import {
  WORKSPACE_FORMAT,
  WORKSPACE_VERSION,
  workspaceDocumentSchema,
  type WorkspaceDocument,
  type WorkspacePanel,
  type WorkspaceProfile,
  type WorkspaceRules,
} from '@shared/api/workspace-types';
import { WorkspaceError } from './errors';
import { migrate } from './migrations';
import { decodeSnapshot, encodeSnapshot, type SnapshotBlock } from './snapshot-codec';
import type { StoredRead } from './stored-read';

export interface ParsedWorkspace {
  document: WorkspaceDocument;
  reads: StoredRead[];
  hasSnapshot: boolean;
  migratedFrom?: number;
}

/** Names and URLs only: userinfo is stripped again here, whatever the caller passed. */
export function sanitizeProfile(p: WorkspaceProfile): WorkspaceProfile {
  return {
    name: p.name,
    nodes: p.nodes.map((n) => ({ name: n.name, url: stripUserinfo(n.url) })),
    ...(p.replicaLabel ? { replicaLabel: p.replicaLabel } : {}),
    ...(p.compat ? { compat: p.compat } : {}),
  };
}

export function buildDocument(input: { profile: WorkspaceProfile; panels: WorkspacePanel[]; createdAt?: string; rules?: WorkspaceRules }, now = new Date()): WorkspaceDocument {
  return {
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_VERSION,
    createdAt: input.createdAt ?? now.toISOString(),
    savedAt: now.toISOString(),
    app: { name: APP_NAME, version: APP_VERSION },
    profile: sanitizeProfile(input.profile),
    panels: input.panels.map((p) => JSON.parse(JSON.stringify(p)) as WorkspacePanel),
    ...(input.rules ? { rules: JSON.parse(JSON.stringify(input.rules)) as WorkspaceRules } : {}),
  };
}

/** The file's text: the document, then (optionally) the data snapshot of the given reads. */
export function workspaceToText(doc: WorkspaceDocument, reads?: readonly StoredRead[]): string {
  const file: WorkspaceDocument & { snapshot?: SnapshotBlock } = { ...doc, profile: sanitizeProfile(doc.profile) };
  if (reads && reads.length) file.snapshot = encodeSnapshot(reads);
  return JSON.stringify(file, null, 2) + '\n';
}

/** Parse a workspace file's text. `name` (the path) appears in messages. */
export function parseWorkspaceText(text: string, name = 'The file'): ParsedWorkspace {
  const trimmed = text.trim();
  if (!trimmed) throw new WorkspaceError('truncated', `${name} is empty: it was cut off before anything was written.`);
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    if (!trimmed.startsWith('{')) throw new WorkspaceError('not-a-workspace', `${name} is not an rrx workspace (it is not JSON).`);
    if (endsOpen(trimmed)) {
      throw new WorkspaceError('truncated', `${name} is truncated: it ends in the middle of the workspace.`);
    }
    throw new WorkspaceError('corrupt', `${name} is damaged: it is not valid JSON.`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || (raw as { format?: unknown }).format !== WORKSPACE_FORMAT) {
    throw new WorkspaceError('not-a-workspace', `${name} is not an rrx workspace (no "format": "${WORKSPACE_FORMAT}").`);
  }
  const obj = raw as Record<string, unknown>;
  const version = obj.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new WorkspaceError('corrupt', `${name} is damaged: its format version is missing or invalid.`);
  }
  if (version > WORKSPACE_VERSION) {
    throw new WorkspaceError('newer-version', `${name} was written by a newer rrx (workspace format ${version}; this rrx reads up to ${WORKSPACE_VERSION}). Update rrx to open it.`);
  }
  const { snapshot, ...rest } = migrate(obj, version);
  const issues = workspaceDocumentSchema.check(rest, '');
  if (issues.length) throw new WorkspaceError('corrupt', `${name} is damaged: ${describeIssues(issues)}.`);
  const document = rest as unknown as WorkspaceDocument;
  // A stored backtest result is the app's own output; one that does not look like it is dropped, never shown.
  if (document.rules?.result !== undefined && !looksLikeRulesResult(document.rules.result)) delete document.rules.result;
  const reads =
    snapshot === undefined
      ? []
      : decodeSnapshot(snapshot, (index, nodeName) => {
          const n = document.profile.nodes[index];
          return stripUserinfo(n && n.name === nodeName ? n.url : (document.profile.nodes.find((x) => x.name === nodeName)?.url ?? ''));
        });
  return { document, reads, hasSnapshot: snapshot !== undefined, ...(version < WORKSPACE_VERSION ? { migratedFrom: version } : {}) };
}

function looksLikeRulesResult(r: unknown): boolean {
  if (!r || typeof r !== 'object') return false;
  const o = r as Record<string, unknown>;
  return typeof o.startMs === 'number' && typeof o.endMs === 'number' && typeof o.csv === 'string' && ['nodes', 'alerts', 'differences', 'recorded', 'warnings'].every((k) => Array.isArray(o[k]));
}

/** True when JSON text stops inside a string or with objects/arrays still open: it was cut off, not garbled. */
function endsOpen(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return inString || depth > 0;
}

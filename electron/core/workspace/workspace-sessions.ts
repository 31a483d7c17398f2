// Workspaces opened in this app session: the document, its stored reads (for offline evaluation and for carrying the
// data snapshot over on save), the panels as last edited, and where it lives. Bounded: the oldest go first.
import { randomUUID } from 'node:crypto';
import type { WorkspaceDocument, WorkspacePanel } from '@shared/api/workspace-types';
import type { StoredRead } from './stored-read';

export interface OpenWorkspace {
  id: string;
  path?: string;
  document: WorkspaceDocument;
  reads: StoredRead[];
  /** Panels as last evaluated (edits made offline), by id. */
  panels: Map<string, WorkspacePanel>;
}

export class WorkspaceSessions {
  private readonly open = new Map<string, OpenWorkspace>();

  constructor(private readonly keep = 8) {}

  add(document: WorkspaceDocument, reads: StoredRead[], path?: string): OpenWorkspace {
    const ws: OpenWorkspace = { id: randomUUID(), ...(path ? { path } : {}), document, reads, panels: new Map(document.panels.map((p) => [p.id, p])) };
    this.open.set(ws.id, ws);
    while (this.open.size > this.keep) this.open.delete(this.open.keys().next().value as string);
    return ws;
  }

  get(id: string): OpenWorkspace | undefined {
    return this.open.get(id);
  }
}

// Autosave of unsaved work into the app's data folder (autosave.rrxw, written atomically, at most once per interval)
// and crash recovery: an autosave newer than the last clean exit (clean-exit.json) is offered back on the next start.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { WorkspaceDocument } from '@shared/api/workspace-types';
import { writeFileAtomic } from './atomic-write';
import { workspaceToText, type ParsedWorkspace } from './document';
import type { StoredRead } from './stored-read';
import { readWorkspaceFile } from './workspace-file';

export const AUTOSAVE_FILE = 'autosave.rrxw';
const CLEAN_EXIT_FILE = 'clean-exit.json';
export const DEFAULT_AUTOSAVE_INTERVAL_MS = 15_000;

export class Autosave {
  private lastWriteMs = -Infinity;

  constructor(
    private readonly dataDir: string,
    private readonly minIntervalMs = DEFAULT_AUTOSAVE_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get path(): string {
    return join(this.dataDir, AUTOSAVE_FILE);
  }

  nextAllowedMs(): number {
    return this.lastWriteMs + this.minIntervalMs;
  }

  /** Writes unless the previous autosave is younger than the interval (and force is not set). */
  async write(doc: WorkspaceDocument, reads: readonly StoredRead[] | undefined, force = false): Promise<{ written: boolean; atMs?: number }> {
    const now = this.now();
    if (!force && now < this.nextAllowedMs()) return { written: false };
    this.lastWriteMs = now;
    await fs.mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(this.path, workspaceToText(doc, reads));
    return { written: true, atMs: now };
  }

  /** When the autosave was written, if there is one newer than the last clean exit. */
  async pending(): Promise<number | undefined> {
    let savedAtMs: number;
    try {
      savedAtMs = (await fs.stat(this.path)).mtimeMs;
    } catch {
      return undefined;
    }
    return savedAtMs > (await this.lastCleanExitMs()) ? savedAtMs : undefined;
  }

  load(): Promise<ParsedWorkspace> {
    return readWorkspaceFile(this.path);
  }

  async discard(): Promise<void> {
    await fs.rm(this.path, { force: true });
  }

  /** Called when the app quits normally (or the user discarded the autosave): older autosaves are not offered. */
  async markCleanExit(): Promise<void> {
    await fs.mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(join(this.dataDir, CLEAN_EXIT_FILE), JSON.stringify({ atMs: this.now() }) + '\n');
  }

  private async lastCleanExitMs(): Promise<number> {
    try {
      const v = (JSON.parse(await fs.readFile(join(this.dataDir, CLEAN_EXIT_FILE), 'utf8')) as { atMs?: unknown }).atMs;
      return typeof v === 'number' ? v : -Infinity;
    } catch {
      return -Infinity;
    }
  }
}

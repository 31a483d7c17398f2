// The recently opened/saved workspace files, newest first, at most 10, persisted as JSON in the app's data folder.
// A missing or damaged list is treated as empty (it is a convenience, never a reason to fail an open or save).
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { RecentWorkspace } from '@shared/api/workspace-types';
import { writeFileAtomic } from './atomic-write';

export const MAX_RECENT = 10;
const FILE = 'recent-workspaces.json';

export class RecentFiles {
  constructor(private readonly dataDir: string) {}

  async list(): Promise<RecentWorkspace[]> {
    try {
      const parsed = JSON.parse(await fs.readFile(join(this.dataDir, FILE), 'utf8')) as { items?: unknown };
      if (!Array.isArray(parsed.items)) return [];
      return parsed.items
        .filter((i): i is RecentWorkspace => !!i && typeof i.path === 'string' && typeof i.name === 'string' && typeof i.openedAtMs === 'number')
        .slice(0, MAX_RECENT);
    } catch {
      return [];
    }
  }

  async add(path: string, now = Date.now()): Promise<RecentWorkspace[]> {
    const items = [{ path, name: basename(path), openedAtMs: now }, ...(await this.list()).filter((i) => i.path !== path)].slice(0, MAX_RECENT);
    await fs.mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(join(this.dataDir, FILE), JSON.stringify({ version: 1, items }, null, 2) + '\n');
    return items;
  }
}

// Start-up clean-up of temp files that killed saves left behind: only names rrx itself writes (atomic-write's
// ".<name>.<pid>.<hex>.tmp" and "<name>.bak.<pid>.<hex>.tmp", the profiles file's "<name>.json.<pid>.tmp"), and only
// stale ones — the writing process is gone (and the file is a few seconds old), or it is older than any save takes.
// A temp file of another running rrx, or of this one, is never touched.
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { RecentFiles } from './recent-files';

const TEMP_NAMES = [/^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/, /^.+\.bak\.(\d+)\.[0-9a-f]{8}\.tmp$/, /^.+\.json\.(\d+)\.tmp$/];

export interface StaleTempOptions {
  now?: number;
  /** A dead writer's file must be at least this old (ms) — a pid can be reused in between. Default 2 s. */
  deadWriterAgeMs?: number;
  /** Any rrx temp file older than this is stale whoever wrote it (ms). Default 1 h. */
  maxAgeMs?: number;
  isAlive?: (pid: number) => boolean;
}

/** The writer's pid when `name` is an rrx temp file name, else undefined. */
export function tempFileWriter(name: string): number | undefined {
  for (const re of TEMP_NAMES) {
    const m = re.exec(name);
    if (m) return Number(m[1]);
  }
  return undefined;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Remove stale rrx temp files directly inside each folder; answers the paths removed. Never throws. */
export async function removeStaleTempFiles(dirs: Iterable<string>, opts: StaleTempOptions = {}): Promise<string[]> {
  const now = opts.now ?? Date.now();
  const deadAge = opts.deadWriterAgeMs ?? 2_000;
  const maxAge = opts.maxAgeMs ?? 3_600_000;
  const alive = opts.isAlive ?? processAlive;
  const removed: string[] = [];
  for (const dir of new Set(dirs)) {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      continue; // gone or unreadable: nothing of ours to clean there
    }
    for (const name of names) {
      const pid = tempFileWriter(name);
      if (pid === undefined || pid === process.pid) continue;
      const path = join(dir, name);
      try {
        const st = await fs.lstat(path);
        if (!st.isFile()) continue;
        const age = now - st.mtimeMs;
        if (age >= maxAge || (age >= deadAge && !alive(pid))) {
          await fs.rm(path, { force: true });
          removed.push(path);
        }
      } catch {
        // Renamed or removed meanwhile (its save finished): fine.
      }
    }
  }
  return removed;
}

/** The folders rrx saves into that it knows at start-up: its data folder and those of recent workspaces. */
export async function removeStaleTempFilesAtStartup(dataDir: string, opts: StaleTempOptions = {}): Promise<string[]> {
  const recent = await new RecentFiles(dataDir).list();
  return removeStaleTempFiles([dataDir, ...recent.map((r) => dirname(r.path))], opts);
}

// Crash-safe file replacement: write a temp file in the target's folder, fsync it, keep the previous file as
// <name>.bak (a hard link, so the old bytes are never copied or touched), rename over the target, fsync the folder.
// A crash at any point leaves the old file or the new one under the target name, never a mix.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteResult {
  bytes: number;
  /** Where the previous file now is, when there was one and a backup was asked for. */
  backupPath?: string;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: { backup?: boolean } = {}): Promise<AtomicWriteResult> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let backupPath: string | undefined;
  try {
    const fh = await fs.open(tmp, 'wx', 0o644);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (opts.backup) backupPath = await keepBackup(path);
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
  return { bytes: bytes.length, ...(backupPath ? { backupPath } : {}) };
}

/** Link the current file as <path>.bak (atomically replacing an older .bak); copy where hard links are refused. */
async function keepBackup(path: string): Promise<string | undefined> {
  const bak = `${path}.bak`;
  const bakTmp = `${bak}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.link(path, bakTmp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    await fs.copyFile(path, bakTmp);
  }
  await fs.rename(bakTmp, bak);
  return bak;
}

/** fsync the folder so the rename itself is durable; not possible on every platform (Windows), then skipped. */
async function syncDir(dir: string): Promise<void> {
  let fh: fs.FileHandle | undefined;
  try {
    fh = await fs.open(dir, 'r');
    await fh.sync();
  } catch {
    // EISDIR/EPERM/EINVAL on platforms that cannot fsync a directory: the rename is still atomic.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

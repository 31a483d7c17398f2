// Opening and saving workspace files on disk. Save never replaces a file it cannot read as a workspace of this or an
// older version (corrupt, truncated, newer, something else) unless the caller says overwrite — that file may be
// someone's only copy of work this build does not understand.
import { promises as fs } from 'node:fs';
import type { WorkspaceDocument } from '@shared/api/workspace-types';
import { writeFileAtomic, type AtomicWriteResult } from './atomic-write';
import { parseWorkspaceText, workspaceToText, type ParsedWorkspace } from './document';
import { WorkspaceError } from './errors';
import type { StoredRead } from './stored-read';

/** Files above this size are refused before reading (a workspace is JSON held in memory). */
const MAX_FILE_BYTES = 1_500_000_000;

function ioError(path: string, e: unknown, verb: string): WorkspaceError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code === 'ENOSPC' ? 'the disk is full' : (code ?? 'input/output error');
  return new WorkspaceError('io', `Cannot ${verb} ${path}: ${why}.`);
}

export async function readWorkspaceFile(path: string): Promise<ParsedWorkspace> {
  let text: string;
  try {
    const st = await fs.stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    if (st.size > MAX_FILE_BYTES) throw new WorkspaceError('io', `Cannot open ${path}: it is too large to be a workspace.`);
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof WorkspaceError) throw e;
    throw ioError(path, e, 'open');
  }
  return parseWorkspaceText(text, path);
}

/** Why the file at path must not be replaced without an explicit overwrite; undefined when it may be. */
export async function overwriteBlocker(path: string): Promise<WorkspaceError | undefined> {
  try {
    await fs.access(path);
  } catch {
    return undefined; // nothing there
  }
  try {
    await readWorkspaceFile(path);
    return undefined;
  } catch (e) {
    if (e instanceof WorkspaceError) return e;
    throw e;
  }
}

export async function saveWorkspaceFile(
  path: string,
  doc: WorkspaceDocument,
  reads: readonly StoredRead[] | undefined,
  opts: { overwrite?: boolean } = {},
): Promise<AtomicWriteResult> {
  if (!opts.overwrite) {
    const blocker = await overwriteBlocker(path);
    if (blocker) {
      if (blocker.kind === 'io' && /does not exist/.test(blocker.message)) return write();
      throw new WorkspaceError(
        'overwrite-refused',
        `Not saved: ${path} already exists and is not replaced because it cannot be read as a workspace (${blocker.message}) Choose "Save As", or save again with overwrite to replace it.`,
        blocker.kind,
      );
    }
  }
  return write();

  async function write(): Promise<AtomicWriteResult> {
    const text = workspaceToText(doc, reads);
    try {
      return await writeFileAtomic(path, text, { backup: true });
    } catch (e) {
      throw ioError(path, e, 'save');
    }
  }
}

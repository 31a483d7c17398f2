// File paths typed by people: suggestions from the recent list, the .rrxw/.zip extension, and checks the core would
// otherwise answer with a less helpful error. Pure. The core needs absolute paths and there is no way to expand "~"
// here (the home directory is the app's, not the browser's), so the UI suggests a directory it has seen instead.
import type { RecentWorkspace } from '@shared/api/workspace-types';

export const WORKSPACE_EXT = '.rrxw';

function sepOf(path: string): '/' | '\\' {
  return /^[A-Za-z]:\\/.test(path) || (path.includes('\\') && !path.includes('/')) ? '\\' : '/';
}

export function dirname(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (i < 0) return '';
  if (i === 0) return path[0];
  return path.slice(0, i);
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** A file-name-safe stem: "rate(x[5m])" → "rate-x-5m". */
export function safeStem(text: string, fallback = 'workspace'): string {
  const s = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 60);
  return s || fallback;
}

export function joinPath(dir: string, name: string): string {
  const sep = sepOf(dir);
  return dir.endsWith(sep) ? dir + name : `${dir}${sep}${name}`;
}

/**
 * Where to suggest saving: the current file, else `<dir of the most recent file>/<stem><ext>`, else the app's
 * default folder (`defaultDir`), else null (the dialog then asks for a full path and shows an example).
 */
export function suggestPath(opts: { currentPath?: string | null; recent: readonly RecentWorkspace[]; stem: string; ext?: string; lastDir?: string | null; defaultDir?: string | null }): string | null {
  const ext = opts.ext ?? WORKSPACE_EXT;
  if (opts.currentPath && ext === WORKSPACE_EXT) return opts.currentPath;
  const dir = opts.lastDir || (opts.currentPath ? dirname(opts.currentPath) : '') || (opts.recent[0] ? dirname(opts.recent[0].path) : '') || opts.defaultDir || '';
  if (!dir) return null;
  return joinPath(dir, safeStem(opts.stem) + ext);
}

export type PathCheck = { ok: true; path: string } | { ok: false; message: string };

/** Trims, refuses relative and "~" paths with a sentence that says what to type, and adds the extension if absent. */
export function checkPath(input: string, ext = WORKSPACE_EXT): PathCheck {
  const path = input.trim();
  if (!path) return { ok: false, message: 'Type the full path of the file.' };
  if (path.startsWith('~')) return { ok: false, message: 'Write the home directory out in full (e.g. /home/you/…): “~” cannot be expanded here.' };
  if (!isAbsolutePath(path)) return { ok: false, message: 'Use a full path starting with / (or a drive letter such as C:\\ on Windows).' };
  if (/[\\/]$/.test(path)) return { ok: false, message: `That is a directory: add a file name ending in ${ext}.` };
  const base = path.split(/[\\/]/).pop() ?? '';
  return { ok: true, path: /\.[A-Za-z0-9]{1,8}$/.test(base) ? path : path + ext };
}

// One running app per user: a second launch (a double-clicked .rrxw workspace) focuses the running window and hands
// it the path. Finding the path in a command line is pure and unit-tested; the Electron calls are thin glue below.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, BrowserWindow } from 'electron';

export const WORKSPACE_EXT = '.rrxw';

export function isWorkspacePath(p: string): boolean {
  return p.toLowerCase().endsWith(WORKSPACE_EXT);
}

/**
 * The workspace a command line asks to open: the last argument naming a .rrxw file (a plain path, relative to
 * `cwd`, or a file:// URL as Linux desktop entries pass with %U). Switches — ours or Chromium's — are skipped,
 * except after `--`.
 */
export function findWorkspaceArg(argv: readonly string[], cwd: string = process.cwd()): string | undefined {
  let found: string | undefined;
  let positional = false;
  for (const a of argv.slice(1)) {
    if (!positional && a === '--') {
      positional = true;
      continue;
    }
    if (!positional && a.startsWith('-')) continue;
    let p = a;
    if (/^file:\/\//i.test(p)) {
      try {
        p = fileURLToPath(p);
      } catch {
        continue;
      }
    }
    if (isWorkspacePath(p)) found = isAbsolute(p) || /^[a-zA-Z]:[\\/]/.test(p) ? p : resolve(cwd, p);
  }
  return found;
}

/**
 * Workspace paths the OS asked to open (argv, a second launch, macOS open-file — which can fire before `ready`),
 * kept in order until the renderer takes them when it is ready.
 */
export class WorkspaceInbox {
  private pending: string[] = [];

  deliver(path: string | undefined): void {
    if (path) this.pending.push(path);
  }

  take(): string[] {
    return this.pending.splice(0);
  }
}

export function focusWindow(win: BrowserWindow | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * Takes the single-instance lock (call before `ready`). The second instance quits at once (false); the first hears
 * of later launches and of macOS file opens.
 */
export function claimSingleInstance(app: App, hooks: { focus(): void; openWorkspace(path: string): void }): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_e, argv, workingDirectory) => {
    hooks.focus();
    const p = findWorkspaceArg(argv, workingDirectory);
    if (p) hooks.openWorkspace(p);
  });
  // macOS hands files to the running app this way, not on the command line.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    if (isWorkspacePath(path)) hooks.openWorkspace(path);
  });
  return true;
}

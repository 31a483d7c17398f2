// Handlers for app-level calls (version, platform).
import { APP_NAME, APP_VERSION } from '../app-info';
import type { AppInfo } from '@shared/api/types';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface HostInfo {
  mode: AppInfo['mode'];
  electron?: string;
  chrome?: string;
}

export function appInfo(host: HostInfo): AppInfo {
  return {
    name: APP_NAME,
    version: APP_VERSION,
    mode: host.mode,
    versions: { node: process.versions.node, ...(host.electron ? { electron: host.electron } : {}), ...(host.chrome ? { chrome: host.chrome } : {}) },
    platform: process.platform,
    workspaceDir: defaultWorkspaceDir(),
  };
}

/**
 * Where a new workspace is suggested: $RRX_WORKSPACE_DIR when it is a directory, else ~/Documents, else the home
 * directory — on the app's machine (in browser mode the browser cannot say where anything is).
 */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env): string {
  const isDir = (p: string | undefined): p is string => {
    try {
      return !!p && statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  const fromEnv = env.RRX_WORKSPACE_DIR;
  if (isDir(fromEnv)) return fromEnv;
  const docs = join(homedir(), 'Documents');
  return isDir(docs) ? docs : homedir();
}

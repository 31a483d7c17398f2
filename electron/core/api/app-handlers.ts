// Handlers for app-level calls (version, platform).
import { APP_NAME, APP_VERSION } from '../app-info';
import type { AppInfo } from '@shared/api/types';

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
  };
}

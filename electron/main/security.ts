// The shell's security settings as plain data (Electron's security checklist), so a unit test can read and check
// them without an Electron binary. window.ts and index.ts apply exactly these.

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  /** Middle-click (auxclick) could open links in new windows. */
  disableBlinkFeatures: 'Auxclick',
} as const;

export { CONTENT_SECURITY_POLICY } from '@shared/csp';

/** Every permission request (camera, notifications, geolocation, …) is denied: the app needs none. */
export const ALLOWED_PERMISSIONS: readonly string[] = [];

/** The app's own pages: the packaged renderer (file://…/out/renderer/) or the dev server in `electron-vite dev`. */
export function isAppUrl(url: string, rendererRoot: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    if (u.origin === dev.origin) return true;
  }
  if (u.protocol !== 'file:') return false;
  const root = new URL(rendererRoot.endsWith('/') ? rendererRoot : rendererRoot + '/');
  return decodeURIComponent(u.pathname).startsWith(decodeURIComponent(root.pathname));
}

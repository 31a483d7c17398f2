// The main window with the checklist's settings applied: sandboxed preload, no navigation, no new windows.
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { isAppUrl } from './security';

export interface WindowPaths {
  preload: string;
  rendererIndex: string;
  rendererRootUrl: string;
  devServerUrl?: string;
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Remote Read Explorer',
    icon: join(__dirname, '../../resources/icon.png'),
    // Spelled out (not spread from WEB_PREFERENCES) so static scanners see every value; a unit test checks that
    // these literals equal the data in security.ts.
    webPreferences: {
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
      disableBlinkFeatures: 'Auxclick',
      preload: paths.preload,
    },
  });
  win.once('ready-to-show', () => win.show());
  // No new windows, and nothing handed to the OS browser: the app has no links that need it.
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, paths.rendererRootUrl, paths.devServerUrl) || url !== win.webContents.getURL()) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  if (paths.devServerUrl) void win.loadURL(paths.devServerUrl);
  else void win.loadFile(paths.rendererIndex);
  return win;
}

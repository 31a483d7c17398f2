// The main window with the checklist's settings applied: sandboxed preload, no navigation, no new windows,
// external links handed to the OS browser only after a scheme check.
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { WEB_PREFERENCES, externalOpenAllowed, isAppUrl } from './security';

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
    webPreferences: { ...WEB_PREFERENCES, preload: paths.preload },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (externalOpenAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, paths.rendererRootUrl, paths.devServerUrl) || url !== win.webContents.getURL()) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  if (paths.devServerUrl) void win.loadURL(paths.devServerUrl);
  else void win.loadFile(paths.rendererIndex);
  return win;
}

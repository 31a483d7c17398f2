// Electron entry: lifecycle, session hardening, IPC wiring. Everything real lives in electron/core.
import { app, BrowserWindow, ipcMain, screen, session, webContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_EVENT_CHANNEL } from '@shared/api/define';
import { createApiHandlers } from '../core/api/create-handlers';
import { createProfileService } from '../core/api/host-services';
import { ElectronProfileStorage } from './profile-storage';
import { electronFileDialogs } from './file-dialogs';
import { createSecretStore } from './secret-store';
import type { EventSink } from '../core/api/handlers';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { ALLOWED_PERMISSIONS, CONTENT_SECURITY_POLICY, isAppUrl } from './security';
import { createMainWindow } from './window';
import { WorkspaceInbox, claimSingleInstance, findWorkspaceArg, focusWindow } from './single-instance';
import { applyWindowState } from './window-state';
import { useEvalWorkers } from '../core/query/eval-worker/off-thread';

const rendererDir = join(__dirname, '../renderer');
const rendererRootUrl = pathToFileURL(rendererDir + '/').href;
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

app.enableSandbox();
// Queries are evaluated in worker threads (out/main/eval-worker.cjs), so a heavy one never holds IPC or the window.
useEvalWorkers(join(__dirname, 'eval-worker.cjs'));

// One app per user: a second launch (a double-clicked .rrxw) focuses this one and hands over the path.
const workspaces = new WorkspaceInbox();
const isPrimary = claimSingleInstance(app, {
  focus: () => focusWindow(BrowserWindow.getAllWindows()[0]),
  // Paths stay queued until the renderer takes them (app.takeOpenRequests): it may not be listening yet at start-up.
  // The event only tells a running renderer to look.
  openWorkspace: (p) => {
    workspaces.deliver(p);
    broadcast('workspace.openRequested', { count: 1 });
  },
});
workspaces.deliver(findWorkspaceArg(process.argv));

const broadcast: EventSink = (name, payload) => {
  for (const wc of webContents.getAllWebContents()) wc.send(IPC_EVENT_CHANNEL, { name, payload });
};

void app.whenReady().then(async () => {
  if (!isPrimary) return;
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(ALLOWED_PERMISSIONS.includes(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.includes(permission));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  const profiles = await createProfileService(new ElectronProfileStorage(), createSecretStore(app.getPath('userData')));
  app.on('will-quit', () => void profiles.close());
  const handlers = createApiHandlers({
    openRequests: workspaces,
    fileDialogs: electronFileDialogs,
    host: { mode: 'electron', electron: process.versions.electron, chrome: process.versions.chrome },
    emit: broadcast,
    dataDir: app.getPath('userData'),
    profiles,
  });
  registerIpc(ipcMain, handlers, (url) => isAppUrl(url, rendererRootUrl, devServerUrl));
  installMenu((action) => broadcast('menu.action', { action }));

  const open = (): BrowserWindow => {
    const win = createMainWindow({
      preload: join(__dirname, '../preload/index.cjs'),
      rendererIndex: join(rendererDir, 'index.html'),
      rendererRootUrl,
      devServerUrl,
    });
    applyWindowState(win, screen, join(app.getPath('userData'), 'window-state.json'));
    return win;
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

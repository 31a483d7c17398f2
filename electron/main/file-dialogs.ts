// FileDialogs for the desktop app: Electron's native open/save dialogs, parented to the focused window.
import { BrowserWindow, dialog } from 'electron';
import type { FileDialogs, FilePickRequest } from '../core/api/file-dialogs';

export const electronFileDialogs: FileDialogs = {
  async pick(req: FilePickRequest): Promise<string | null> {
    const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const common = { title: req.title, defaultPath: req.defaultPath, filters: req.filters };
    if (req.mode === 'save') {
      const r = win ? await dialog.showSaveDialog(win, common) : await dialog.showSaveDialog(common);
      return r.canceled || !r.filePath ? null : r.filePath;
    }
    const opts = { ...common, properties: ['openFile' as const] };
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
    return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
  },
};

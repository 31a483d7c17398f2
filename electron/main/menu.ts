// The application menu. Items that act on the page send menu events through the contract's event channel.
import { Menu, app, type MenuItemConstructorOptions } from 'electron';

export function installMenu(sendMenuAction: (action: string) => void): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Panel', accelerator: 'CmdOrCtrl+T', click: () => sendMenuAction('panel.new') },
        { type: 'separator' },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => sendMenuAction('file.open') },
        { label: 'Save Workspace', accelerator: 'CmdOrCtrl+S', click: () => sendMenuAction('file.save') },
        { label: 'Save Workspace As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => sendMenuAction('file.saveAs') },
        { label: 'Export Incident Bundle…', click: () => sendMenuAction('file.bundle') },
        { type: 'separator' },
        { label: 'Serve to Grafana…', click: () => sendMenuAction('grafana.open') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Toggle Dark Mode', accelerator: 'CmdOrCtrl+Shift+D', click: () => sendMenuAction('theme.toggle') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    {
      role: 'help',
      submenu: [{ label: 'About Remote Read Explorer', click: () => sendMenuAction('about.show') }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

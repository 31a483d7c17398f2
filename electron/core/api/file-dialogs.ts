// Native file pickers come from the host: Electron's dialog in the desktop app; none in browser mode, where the UI
// falls back to typing a path. The core only sees this interface.
export interface FilePickRequest {
  mode: 'open' | 'save';
  title?: string;
  defaultPath?: string;
  /** e.g. [{ name: 'Workspaces', extensions: ['rrxw'] }] */
  filters?: { name: string; extensions: string[] }[];
}

export interface FileDialogs {
  /** The chosen absolute path, or null when the user cancelled. */
  pick(req: FilePickRequest): Promise<string | null>;
}

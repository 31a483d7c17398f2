// File commands (save, save as, open, export bundle) reachable from shortcuts, the header and the desktop menu:
// App's action dispatch forwards them here, and the workspace bar registers the handler that opens its dialogs.

export const FILE_COMMANDS = ['file.save', 'file.saveAs', 'file.open', 'file.bundle', 'grafana.open'] as const;
export type FileCommand = (typeof FILE_COMMANDS)[number];

let handler: ((c: FileCommand) => void) | null = null;

export function isFileCommand(action: string): action is FileCommand {
  return (FILE_COMMANDS as readonly string[]).includes(action);
}

export function setFileCommandHandler(h: ((c: FileCommand) => void) | null): void {
  handler = h;
}

/** True when the action was a file command (handled, or ignored because the bar is not mounted yet). */
export function runFileCommand(action: string): boolean {
  if (!isFileCommand(action)) return false;
  handler?.(action);
  return true;
}

// The Save / Save As / Export bundle dialog's decisions, apart from the dialog: what happens after a failed write
// (ask before replacing, or show the typed error), and the success sentence. Pure.
import { fileErrorMessage } from './file-errors';
import { formatBytes } from '../export/download';

export type SaveOutcome =
  | { state: 'confirm-overwrite'; path: string; message: string }
  | { state: 'error'; message: string }
  | { state: 'done'; message: string };

export function failedWrite(kind: string, message: string, path: string, alreadyConfirmed: boolean): SaveOutcome {
  if (kind === 'overwrite-refused' && !alreadyConfirmed) {
    return { state: 'confirm-overwrite', path, message: `${path} already exists and is not a workspace this rrx can update. Replace it?` };
  }
  return { state: 'error', message: fileErrorMessage(kind, message) };
}

export function bundleDone(path: string, bytes: number, entries: readonly string[]): SaveOutcome {
  return { state: 'done', message: `Wrote ${path} (${formatBytes(bytes)}, ${entries.length} files).` };
}

export function saveDone(path: string, bytes: number, snapshotPanels: number): SaveOutcome {
  const data = snapshotPanels ? `with the data of ${snapshotPanels} panel${snapshotPanels === 1 ? '' : 's'}` : 'without data';
  return { state: 'done', message: `Saved ${path} (${formatBytes(bytes)}, ${data}).` };
}

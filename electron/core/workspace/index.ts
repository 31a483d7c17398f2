// Workspaces: the file format (document + data snapshot), safe saving, and offline evaluation from stored reads.
export { WorkspaceError, SnapshotMissingError, type WorkspaceErrorKind, type MissingRead } from './errors';
export type { StoredRead } from './stored-read';
export { buildDocument, parseWorkspaceText, workspaceToText, sanitizeProfile, type ParsedWorkspace } from './document';
export { readWorkspaceFile, saveWorkspaceFile, overwriteBlocker } from './workspace-file';
export { writeFileAtomic } from './atomic-write';
export { evaluatePanelOffline, evaluatePanelOffThread, panelFrame, type OfflineEvaluation } from './evaluate-panel';
export { coverFromStored, selectorText } from './offline-cover';
export { offlineResultView } from './result-view';
export { profileOfSpec } from './profile-of-spec';
export { clusterSpecOf } from './cluster-spec';
export { RecentFiles, MAX_RECENT } from './recent-files';
export { Autosave, AUTOSAVE_FILE, DEFAULT_AUTOSAVE_INTERVAL_MS } from './autosave';
export { WorkspaceSessions, type OpenWorkspace } from './workspace-sessions';
export { removeStaleTempFiles, removeStaleTempFilesAtStartup, tempFileWriter } from './stale-temp-files';

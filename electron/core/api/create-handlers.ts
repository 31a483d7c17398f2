// Assembles the ApiHandlers from the core services. Electron main and the bridge call this with their own host
// services (secret store, profile storage), so both serve the same behaviour.
import { RawReadCache } from '@core/cluster/fanout/raw-read-cache';
import { probeDataExtent } from '@core/cluster/data-extent';
import type { CompletionIndex } from '@shared/api/query-types';
import { appInfo, type HostInfo } from './app-handlers';
import { buildCompletionIndex } from './completion-index';
import type { ApiHandlers, EventSink } from './handlers';
import type { FileDialogs } from './file-dialogs';
import type { ProfileService } from './profile-service';
import { createQueryHandlers } from './query-handlers';
import { ProcessMemoryBudget } from '@core/memory/budget';
import { defaultProcessBudgetBytes } from '@core/memory/sizes';
import { QueryHistory } from './query-history';
import { QuerySessions } from './query-sessions';
import { createWorkspaceHandlers } from './workspace-handlers';
import { removeStaleTempFilesAtStartup } from '@core/workspace/stale-temp-files';
import { createRulesHandlers } from './rules-handlers';
import { GrafanaServers } from './grafana-servers';
import { closeConnectionPools } from '@core/remote-read/transport/connection-pool';

export interface CoreServices {
  host: HostInfo;
  emit: EventSink;
  /** Where this host keeps app data (profiles, history, autosave): Electron's userData, or the bridge's --data-dir. */
  dataDir: string;
  profiles: ProfileService;
  /** Workspace paths the OS asked to open (Electron: file association, second launch); none in the bridge. */
  openRequests?: { take(): string[] };
  /** Native file dialogs; absent in browser mode. */
  fileDialogs?: FileDialogs;
}

export function createApiHandlers(services: CoreServices): ApiHandlers {
  const { profiles } = services;
  const cache = new RawReadCache();
  const sessions = new QuerySessions();
  // One memory budget for the whole app: its panels' queries and the Grafana endpoints' share it.
  const memory = new ProcessMemoryBudget(defaultProcessBudgetBytes(), 'raise the memory budget');
  const query = createQueryHandlers({ emit: services.emit, clusterFor: (id) => profiles.clusterFor(id), cache, sessions, memory });
  const workspace = createWorkspaceHandlers({ dataDir: services.dataDir, sessions, clusterFor: (id) => profiles.clusterFor(id) });
  const history = new QueryHistory(services.dataDir);
  const completion = new Map<string, CompletionIndex>();
  const grafana = new GrafanaServers((id) => profiles.clusterFor(id), cache, memory);
  // Temp files of saves that were killed (never another running rrx's): in the data folder and recent workspaces'.
  void removeStaleTempFilesAtStartup(services.dataDir);

  return {
    'app.info': async () => appInfo(services.host),
    'app.takeOpenRequests': async () => services.openRequests?.take() ?? [],
    'dialog.pickFile': async (req) =>
      services.fileDialogs ? { supported: true, path: await services.fileDialogs.pick(req) } : { supported: false, path: null },
    'profiles.list': () => profiles.list(),
    'profiles.save': async ({ profile }) => {
      // A changed profile (nodes, URLs, auth) makes its index stale, notes about unanswered nodes included.
      if (profile.id) completion.delete(profile.id);
      // Its nodes' kept-alive connections were opened with the old settings (TLS material, proxy): close them.
      closeConnectionPools();
      return profiles.save(profile);
    },
    'profiles.delete': async ({ id }) => {
      completion.delete(id);
      closeConnectionPools();
      await profiles.delete(id);
    },
    'profiles.duplicate': ({ id }) => profiles.duplicate(id),
    'profiles.setActive': ({ id }) => {
      // Another cluster: the previous one's idle connections are not kept open.
      closeConnectionPools();
      return profiles.setActive(id);
    },
    'profiles.importYaml': ({ yaml, name }) => profiles.importYaml(yaml, name),
    'profiles.exportYaml': async ({ id, includeSecrets }) => ({ yaml: await profiles.exportYaml(id, includeSecrets ?? false) }),
    'profiles.testConnection': ({ id }) => profiles.testConnection(id),
    'profiles.testDraft': ({ profile }) => profiles.testDraft(profile),
    'profiles.dataExtent': async ({ id }) => probeDataExtent((await profiles.clusterFor(id)).nodes),
    ...query,
    'completion.index': async ({ profileId, refresh }) => {
      const cached = completion.get(profileId);
      if (cached && !refresh) return cached;
      const index = await buildCompletionIndex(await profiles.clusterFor(profileId));
      completion.set(profileId, index);
      return index;
    },
    'history.list': async ({ search, limit }) => history.list(search, limit),
    'history.add': async ({ expr, profileId, status, error }) => history.add(expr, profileId, Date.now(), { status, error }),
    'grafana.start': ({ profileId, port }) => grafana.start(profileId, port),
    'grafana.stop': ({ profileId }) => grafana.stop(profileId),
    'grafana.list': async () => grafana.list(),
    ...workspace,
    ...createRulesHandlers({ clusterFor: (id) => profiles.clusterFor(id) }),
  };
}

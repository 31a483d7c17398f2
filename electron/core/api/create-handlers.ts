// Assembles the ApiHandlers from the core services. Electron main and the bridge call this with their own host
// services (secret store, dialogs), so both serve the same behaviour.
import { ApiCallError } from './api-error';
import { appInfo, type HostInfo } from './app-handlers';
import type { ApiHandlers, EventSink } from './handlers';

export interface CoreServices {
  host: HostInfo;
  emit: EventSink;
  /** Where this host keeps app data (profiles, history, autosave): Electron's userData, or the bridge's --data-dir. */
  dataDir: string;
}

// Calls whose core is still being wired answer with a typed error instead of pretending.
const pending = (what: string) => async (): Promise<never> => {
  throw new ApiCallError('not-available', `${what} is not available in this build yet.`);
};

export function createApiHandlers(services: CoreServices): ApiHandlers {
  return {
    'app.info': async () => appInfo(services.host),
    'profiles.list': pending('Profiles'),
    'profiles.save': pending('Saving profiles'),
    'profiles.delete': pending('Deleting profiles'),
    'profiles.duplicate': pending('Duplicating profiles'),
    'profiles.setActive': pending('Switching profiles'),
    'profiles.importYaml': pending('prometheus.yml import'),
    'profiles.exportYaml': pending('prometheus.yml export'),
    'profiles.testConnection': pending('Test connection'),
    'query.parse': pending('Parsing'),
    'query.run': pending('Queries'),
    'query.cancel': pending('Cancel'),
    'query.remerge': pending('Re-merge'),
    'completion.index': pending('Completion'),
    'history.list': pending('History'),
    'history.add': pending('History'),
  };
}

// Assembles the ApiHandlers from the core services. Electron main and the bridge call this with their own host
// services (secret store, dialogs), so both serve the same behaviour.
import { appInfo, type HostInfo } from './app-handlers';
import type { ApiHandlers, EventSink } from './handlers';

export interface CoreServices {
  host: HostInfo;
  emit: EventSink;
  /** Where this host keeps app data (profiles, history, autosave): Electron's userData, or the bridge's --data-dir. */
  dataDir: string;
}

export function createApiHandlers(services: CoreServices): ApiHandlers {
  return {
    'app.info': async () => appInfo(services.host),
  };
}

// Assembles the ApiHandlers from the core services. Electron main and the bridge call this with their own host
// services (secret store, dialogs), so both serve the same behaviour.
import { appInfo, type HostInfo } from './app-handlers';
import type { ApiHandlers, EventSink } from './handlers';

export interface CoreServices {
  host: HostInfo;
  emit: EventSink;
}

export function createApiHandlers(services: CoreServices): ApiHandlers {
  return {
    'app.info': async () => appInfo(services.host),
  };
}

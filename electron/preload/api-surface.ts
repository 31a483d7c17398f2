// Builds `window.api` from the contract over an ipcRenderer-like object. No electron import here, so a unit test
// can check the surface against the contract; index.ts hands in the real ipcRenderer.
import { CALL_NAMES, EVENT_NAMES, type EventName } from '@shared/api/contract';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } from '@shared/api/define';
import type { RawApi } from '@shared/api/surface';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildPreloadApi(ipc: IpcRendererLike): RawApi {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    // Only the request travels; the IPC event object never reaches the page.
    api[name] = (request: unknown) => ipc.invoke(IPC_CALL_PREFIX + name, request);
  }
  api.on = (name: EventName, listener: (payload: unknown) => void) => {
    if (!EVENT_NAMES.includes(name)) throw new Error(`unknown event "${String(name)}"`);
    const wrapped = (_event: unknown, msg: unknown): void => {
      const m = msg as { name?: string; payload?: unknown };
      if (m && m.name === name) listener(m.payload);
    };
    ipc.on(IPC_EVENT_CHANNEL, wrapped);
    return () => void ipc.removeListener(IPC_EVENT_CHANNEL, wrapped);
  };
  return api as RawApi;
}

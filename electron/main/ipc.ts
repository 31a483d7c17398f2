// Registers one ipcMain.handle per contract call and nothing else. Requests from frames other than the app's own are
// refused; validation and error wrapping happen in the core dispatcher, so a bad argument never crashes main.
import { CALL_NAMES } from '@shared/api/contract';
import { IPC_CALL_PREFIX, type ApiResult } from '@shared/api/define';
import type { ApiHandlers } from '../core/api/handlers';
import { dispatchCall } from '../core/api/dispatch';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

export function registerIpc(ipcMain: IpcMainLike, handlers: ApiHandlers, isTrustedFrameUrl: (url: string) => boolean): string[] {
  const channels: string[] = [];
  for (const name of CALL_NAMES) {
    const channel = IPC_CALL_PREFIX + name;
    ipcMain.handle(channel, async (event, request): Promise<ApiResult<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedFrameUrl(url)) return { ok: false, error: { kind: 'forbidden', message: 'This frame may not call the app API.' } };
      return dispatchCall(handlers, name, request);
    });
    channels.push(channel);
  }
  return channels;
}

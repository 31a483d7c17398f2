// Preload, IPC registration, bridge and core handlers all follow the one contract in shared/api/contract.ts:
// if any of them exposes a call the contract lacks, or lacks one it has, this fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, EVENT_NAMES } from '@shared/api/contract';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } from '@shared/api/define';
import { buildPreloadApi, type IpcRendererLike } from '../../../electron/preload/api-surface';
import { registerIpc, type IpcEventLike } from '../../../electron/main/ipc';
import { createApiHandlers } from '@core/api/create-handlers';
import { startBridge, type Bridge } from '@core/bridge/server';
import { CONTENT_SECURITY_POLICY } from '@shared/csp';
import { rmSync } from 'node:fs';
import type { CoreServices } from '@core/api/create-handlers';
import { testCoreServices } from '../../helpers/core-services';

let services: CoreServices;
const handlers = () => createApiHandlers(services);
beforeAll(async () => {
  services = await testCoreServices();
});
afterAll(() => rmSync(services.dataDir, { recursive: true, force: true }));

describe('API contract consistency', () => {
  it('core handlers implement exactly the contract calls', () => {
    expect(Object.keys(handlers()).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('the preload exposes exactly the contract calls plus on()', async () => {
    const invoked: string[] = [];
    const fake: IpcRendererLike = {
      invoke: async (channel) => {
        invoked.push(channel);
        return { ok: true, value: null };
      },
      on: () => undefined,
      removeListener: () => undefined,
    };
    const api = buildPreloadApi(fake) as unknown as Record<string, (r?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'on'].sort());
    for (const n of CALL_NAMES) await api[n](undefined);
    expect(invoked).toEqual(CALL_NAMES.map((n) => IPC_CALL_PREFIX + n));
  });

  it('preload events are filtered by name and unsubscribe', () => {
    let registered: ((e: unknown, m: unknown) => void) | undefined;
    let removed = false;
    const fake: IpcRendererLike = {
      invoke: async () => null,
      on: (ch, l) => {
        expect(ch).toBe(IPC_EVENT_CHANNEL);
        registered = l;
      },
      removeListener: () => {
        removed = true;
      },
    };
    const api = buildPreloadApi(fake);
    const got: unknown[] = [];
    const off = api.on(EVENT_NAMES[0], (p) => got.push(p));
    registered!({}, { name: EVENT_NAMES[0], payload: 1 });
    registered!({}, { name: 'something.else', payload: 2 });
    expect(got).toEqual([1]);
    off();
    expect(removed).toBe(true);
    expect(() => api.on('nope' as never, () => undefined)).toThrow(/unknown event/);
  });

  it('IPC registration registers exactly the contract channels and refuses foreign frames', async () => {
    const registered = new Map<string, (e: IpcEventLike, ...a: unknown[]) => Promise<unknown>>();
    registerIpc({ handle: (ch, l) => void registered.set(ch, l) }, handlers(), (url) => url.startsWith('file:///app/'));
    expect([...registered.keys()].sort()).toEqual(CALL_NAMES.map((n) => IPC_CALL_PREFIX + n).sort());
    const info = registered.get(IPC_CALL_PREFIX + 'app.info')!;
    expect(await info({ senderFrame: { url: 'https://evil.example/' } }, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await info({ senderFrame: null }, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await info({ senderFrame: { url: 'file:///app/index.html' } }, undefined)).toMatchObject({ ok: true });
    // A malformed argument is a typed error, not an exception in main.
    expect(await info({ senderFrame: { url: 'file:///app/index.html' } }, { junk: true })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });

  describe('the bridge', () => {
    let bridge: Bridge;
    beforeAll(async () => {
      bridge = await startBridge({ rendererDir: '/nonexistent', csp: CONTENT_SECURITY_POLICY, makeHandlers: () => handlers() });
    });
    afterAll(async () => bridge.close());

    it('routes every contract call (a bad request is a 400 from that call, never a 404)', async () => {
      for (const name of CALL_NAMES) {
        const res = await fetch(`http://127.0.0.1:${bridge.port}/api/call/${name}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${bridge.token}` },
          body: JSON.stringify([Symbol.name, 'not a valid request for any call', 42]),
        });
        expect(res.status, name).toBe(400);
        expect(await res.json()).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      }
      const unknown = await fetch(`http://127.0.0.1:${bridge.port}/api/call/not.a.call`, { method: 'POST', headers: { Authorization: `Bearer ${bridge.token}` } });
      expect(unknown.status).toBe(404);
    });
  });
});

// The built Electron main (out/main/index.cjs) started against a stand-in `electron` module: no binary can be
// downloaded here, so this is how we see the real bundle boot — single-instance lock, session hardening, one IPC
// handler per contract call, the window with the checklist's settings, the renderer and preload files it loads.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '@shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '@shared/csp';
import { IPC_CALL_PREFIX } from '@shared/api/define';
import { WEB_PREFERENCES } from '../../../electron/main/security';

const root = new URL('../../../', import.meta.url).pathname;
const mainBundle = join(root, 'out/main/index.cjs');
const userData = mkdtempSync(join(tmpdir(), 'rrx-main-'));

type Listener = (...args: unknown[]) => unknown;
const noop = (): undefined => undefined;

function fakeElectron() {
  const appListeners = new Map<string, Listener[]>();
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  const handlers = new Map<string, Listener>();
  const windows: { options: { webPreferences: Record<string, unknown> }; loaded?: string; openHandler?: Listener; listeners: Map<string, Listener> }[] = [];
  const sessionHooks: { permission?: Listener; headers?: Listener } = {};
  class BrowserWindow {
    record: (typeof windows)[number];
    webContents: Record<string, unknown>;
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.record = { options, listeners: new Map() };
      windows.push(this.record);
      const rec = this.record;
      this.webContents = {
        setWindowOpenHandler: (h: Listener) => (rec.openHandler = h),
        on: (ev: string, l: Listener) => rec.listeners.set(`wc:${ev}`, l),
        getURL: () => rec.loaded ?? '',
        send: noop,
      };
    }
    static getAllWindows = () => windows;
    static getFocusedWindow = () => undefined;
    once = noop;
    on = noop;
    show = noop;
    setBounds = noop;
    maximize = noop;
    isDestroyed = () => false;
    isMinimized = () => false;
    isFullScreen = () => false;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1400, height: 900 });
    loadFile = async (p: string) => void (this.record.loaded = p);
    loadURL = async (u: string) => void (this.record.loaded = u);
  }
  const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
  const electron = {
    app: {
      isPackaged: true,
      enableSandbox: noop,
      requestSingleInstanceLock: () => true,
      quit: noop,
      getPath: () => userData,
      getVersion: () => '0.0.0-test',
      getName: () => 'rrx-test',
      whenReady: () => whenReady,
      on: (ev: string, l: Listener) => appListeners.set(ev, [...(appListeners.get(ev) ?? []), l]),
      emit: noop,
    },
    BrowserWindow,
    ipcMain: { handle: (ch: string, l: Listener) => handlers.set(ch, l), on: noop },
    screen: { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (sessionHooks.permission = h),
        setPermissionCheckHandler: noop,
        webRequest: { onHeadersReceived: (h: Listener) => (sessionHooks.headers = h) },
      },
    },
    webContents: { getAllWebContents: () => [] },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text', encryptString: noop, decryptString: noop },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: noop },
    dialog: {},
    shell: {},
  };
  return { electron, ready, handlers, windows, sessionHooks, appListeners };
}

describe('the built main process', () => {
  const fake = fakeElectron();
  afterAll(async () => {
    for (const l of fake.appListeners.get('will-quit') ?? []) await l();
    await new Promise((r) => setTimeout(r, 50));
    rmSync(userData, { recursive: true, force: true });
  });

  it('boots: hardens the session, registers the contract, opens the hardened window', async () => {
    expect(existsSync(mainBundle), 'out/main/index.cjs is missing: run "npm run build" first').toBe(true);
    const M = Module as unknown as { _load: (req: string, parent: unknown, isMain: boolean) => unknown };
    const original = M._load;
    M._load = function (req: string, parent: unknown, isMain: boolean) {
      return req === 'electron' ? fake.electron : original.call(this, req, parent, isMain);
    };
    try {
      createRequire(import.meta.url)(mainBundle);
    } finally {
      M._load = original;
    }
    fake.ready();
    for (let i = 0; i < 200 && fake.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 25));

    expect([...fake.handlers.keys()].sort()).toEqual(CALL_NAMES.map((n) => IPC_CALL_PREFIX + n).sort());
    const [win] = fake.windows;
    const { preload, ...prefs } = win.options.webPreferences;
    expect(prefs).toEqual({ ...WEB_PREFERENCES });
    expect(existsSync(preload as string)).toBe(true);
    expect(win.loaded).toBe(join(root, 'out/renderer/index.html'));
    expect(existsSync(win.loaded!)).toBe(true);
    expect(win.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    let granted: boolean | undefined;
    fake.sessionHooks.permission!({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    let headers: Record<string, string[]> | undefined;
    fake.sessionHooks.headers!({ responseHeaders: {} }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers!['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);

    // A call from the app's own page is answered; one from anywhere else is refused.
    const info = fake.handlers.get(`${IPC_CALL_PREFIX}app.info`)!;
    const own = { senderFrame: { url: `file://${join(root, 'out/renderer/index.html')}` } };
    expect(await info(own, undefined)).toMatchObject({ ok: true, value: { mode: 'electron' } });
    expect(await info({ senderFrame: { url: 'https://evil.example/' } }, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    // No OS keychain here (basic_text): profiles answer, and say secrets stay in memory.
    const list = fake.handlers.get(`${IPC_CALL_PREFIX}profiles.list`)!;
    expect(await list(own, undefined)).toMatchObject({ ok: true, value: { secretStorage: { persistent: false } } });
  });
});

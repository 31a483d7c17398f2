// An engine's connection settings in the profile editor, in Chromium over the bridge: an engine with basic auth is
// added and saved; the password never comes back to the renderer (neither on the page nor in the bridge's answers,
// which say only "set"); and a query delegated to that engine authenticates — the engine is a loopback PromQL API
// written here that answers only requests carrying the right Authorization header, and records what it got.
import { expect } from '@wdio/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';

const USER = 'e2e-reader';
const PASSWORD = 'PLANTED-engine-pw-6173';
const EXPECTED = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

/** A PromQL HTTP API that answers e2e_engine_metric = 42 to callers with the right basic auth, 401 to others. */
function startEngine(): Promise<{ server: Server; url: string; seen: { path: string; auth?: string }[] }> {
  const seen: { path: string; auth?: string }[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      seen.push({ path, auth: req.headers.authorization });
      res.setHeader('Content-Type', 'application/json');
      if (req.headers.authorization !== EXPECTED) {
        res.statusCode = 401;
        res.end(JSON.stringify({ status: 'error', errorType: 'unauthorized', error: 'wrong credentials' }));
        return;
      }
      const now = Math.floor(Date.now() / 1000);
      const metric = { __name__: 'e2e_engine_metric', job: 'e2e' };
      if (path === '/api/v1/query') res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric, value: [now, '42'] }] } }));
      else if (path === '/api/v1/query_range') res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric, values: [[now, '42']] }] } }));
      else if (path === '/api/v1/series') res.end(JSON.stringify({ status: 'success', data: [metric] }));
      else {
        res.statusCode = 404;
        res.end(JSON.stringify({ status: 'error', errorType: 'not_found', error: path }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })));
}

/** A bridge call made with the page's own token, answered as the renderer would receive it (raw JSON text). */
async function bridgeAnswer(name: string): Promise<string> {
  return browser.execute(async (call: string) => {
    const token = sessionStorage.getItem('rrx.bridge.token');
    const r = await fetch(`/api/call/${call}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: 'null' });
    return r.text();
  }, name);
}

describe('an engine with basic auth', () => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  before(async () => {
    engine = await startEngine();
  });
  after(async () => new Promise<void>((r) => engine.server.close(() => r())));

  it('is set up in the editor, keeps its password in the main process, and queries authenticate', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('demo-badge'))).waitForDisplayed({ timeout: 20_000 });
    await (await $(tid('manage-profiles'))).click();
    await (await $(tid('profiles-dialog'))).waitForDisplayed();
    await (await $(tid('profile-new'))).click();
    const name = await $(tid('profile-name'));
    await name.clearValue();
    await name.setValue('E2E engine auth');
    // The nodes are never read in delegate mode; the engine's own server stands in for their addresses.
    for (const i of [0, 1]) await (await $(tid(`node-url-${i}`))).setValue(`${engine.url}/node-${i}/api/v1/read`);
    await (await $(tid('engine-add'))).click();
    await (await $(tid('engine-name-0'))).clearValue();
    await (await $(tid('engine-name-0'))).setValue('locked-engine');
    await (await $(tid('engine-url-0'))).setValue(engine.url);
    await (await $(tid('engine-advanced-0'))).click();
    const basic = await $(tid('engine-basic-0'));
    await basic.scrollIntoView({ block: 'center' });
    await basic.click();
    await (await $(tid('engine-basic-user-0'))).setValue(USER);
    await expect($(tid('engine-basic-password-0'))).toHaveAttribute('data-state', 'not-set');
    await (await $(tid('engine-basic-password-0-replace'))).click();
    await (await $(tid('engine-basic-password-0-value'))).setValue(PASSWORD);
    await (await $(tid('profile-save'))).click();
    await (await $(tid('profile-saved'))).waitForDisplayed({ timeout: 15_000 });

    // The editor re-opens from the saved (redacted) view: the password is only "set".
    await (await $(tid('engine-advanced-0'))).click();
    await expect($(tid('engine-basic-password-0'))).toHaveAttribute('data-state', 'set');
    await expect($(tid('engine-basic-user-0'))).toHaveValue(USER);
    await browser.saveScreenshot(join(ARTIFACTS, 'engine-auth-editor.png'));
    expect(await browser.execute(() => document.body.innerHTML.includes('PLANTED-engine-pw-6173'))).toBe(false);
    const listed = await bridgeAnswer('profiles.list');
    expect(listed).toContain('locked-engine');
    expect(listed).toContain(USER);
    expect(listed).not.toContain(PASSWORD);
    const state = JSON.parse(listed) as { ok: boolean; value: { profiles: { name: string; engines?: { queryApi: { secrets: { basicAuthPassword: { set: boolean } } } }[] }[] } };
    const saved = state.value.profiles.find((p) => p.name === 'E2E engine auth');
    expect(saved?.engines?.[0].queryApi.secrets.basicAuthPassword).toEqual({ set: true });
    await (await $(tid('profiles-dialog-close'))).click();

    const p = await panel(0);
    await (await p.$(tid('view-table'))).click();
    await typeExpression('e2e_engine_metric');
    await (await p.$(tid('answer-mode'))).selectByAttribute('value', 'delegate');
    expect(await runWithShortcut()).toBe('done');
    const badge = await p.$(tid('answer-badge'));
    await expect(badge).toHaveAttribute('data-mode', 'delegate');
    await expect(badge).toHaveText(expect.stringContaining('locked-engine'));
    await expect(p.$(tid('data-table'))).toHaveText(expect.stringMatching(/e2e_engine_metric\{job="e2e"\}\s+42/));
    // The app also reads the nodes' (made-up) remote_read addresses for completion; the engine's API calls are these.
    const apiCalls = engine.seen.filter((s) => s.path.startsWith('/api/v1/'));
    expect(apiCalls.length).toBeGreaterThan(0);
    expect(apiCalls.filter((s) => s.auth !== EXPECTED)).toEqual([]);
    expect(await browser.execute(() => document.body.innerHTML.includes('PLANTED-engine-pw-6173'))).toBe(false);
  });
});

// A workspace handed to the running app by the OS (double-click, a second launch; in browser mode POST /api/open on
// the bridge, which queues it and raises the same workspace.openRequested event) asks before discarding unsaved
// changes, as File → Open does: "Keep working" leaves the workbench as it is, "Discard changes and open" opens the
// file; with nothing unsaved the file opens at once. Screenshot: test/e2e/artifacts/open-request-prompt.png.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { editorText, panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';

/** What a second launch does in the desktop app: hand the running window a path. */
async function handOver(path: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${process.env.RRX_E2E_PORT}/api/open`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.RRX_E2E_TOKEN}` },
    body: JSON.stringify({ path }),
  });
  expect(res.status).toBe(200);
}

async function workspaceName(): Promise<{ path: string; dirty: string }> {
  const el = await $(tid('workspace-name'));
  return { path: (await el.getAttribute('data-path')) ?? '', dirty: (await el.getAttribute('data-dirty')) ?? '' };
}

describe('files handed to the running app', () => {
  // The folder is the spec's own, known once the bridge has started (wdio's before hook).
  let wsPath = '';

  it('asks before discarding unsaved changes; keeps them, or discards and opens, as the user says', async () => {
    wsPath = join(process.env.RRX_E2E_WORKSPACE_DIR!, 'handed-over.rrxw');
    await browser.url(process.env.RRX_E2E_URL!);
    await browser.waitUntil(async () => (await $$(tid('query-panel')).length) > 0, { timeout: 20_000, timeoutMsg: 'no panels' });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000, timeoutMsg: 'demo query did not finish' });
    const savedExpr = await editorText(0);

    // Save the demo workbench to a file (the file the OS will hand over later).
    await (await $(tid('workspace-save'))).click();
    await (await $(tid('save-dialog'))).waitForDisplayed();
    const input = await $(tid('save-path'));
    await input.clearValue();
    await input.setValue(wsPath.replace(/\.rrxw$/, ''));
    await (await $(tid('save-submit'))).click();
    await browser.waitUntil(async () => (await workspaceName()).path === wsPath, { timeout: 20_000, timeoutMsg: 'not saved' });

    // An unsaved edit: the query edited and run (a panel's expression is kept when it runs).
    await typeExpression('up{job="edited"}');
    await runWithShortcut(0);
    await browser.waitUntil(async () => (await workspaceName()).dirty === 'true', { timeout: 5_000, timeoutMsg: 'the edit did not mark the workbench unsaved' });

    await handOver(wsPath);
    const prompt = await $(tid('open-request'));
    await prompt.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'no question before discarding unsaved changes' });
    expect(await (await $(tid('open-request-path'))).getText()).toBe(wsPath);
    await browser.saveScreenshot(join(ARTIFACTS, 'open-request-prompt.png'));
    // Nothing replaced while it asks.
    expect(await editorText(0)).toBe('up{job="edited"}');

    await (await $(tid('open-request-keep'))).click();
    await prompt.waitForExist({ reverse: true, timeout: 5_000 });
    expect(await editorText(0)).toBe('up{job="edited"}');
    expect((await workspaceName()).dirty).toBe('true');

    await handOver(wsPath);
    // A new dialog element (the first one was removed): look it up again.
    await (await $(tid('open-request'))).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'no question the second time' });
    await (await $(tid('open-request-discard'))).click();
    await (await $(tid('open-request'))).waitForExist({ reverse: true, timeout: 20_000 });
    await browser.waitUntil(async () => (await editorText(0)) === savedExpr, { timeout: 20_000, timeoutMsg: 'the handed-over file was not opened' });
    expect(await workspaceName()).toEqual({ path: wsPath, dirty: 'false' });
  });

  it('opens at once when nothing is unsaved', async () => {
    expect((await workspaceName()).dirty).toBe('false');
    // The first test's "Opened …" notice goes first, so the one awaited below is this open's.
    const notice = await $(tid('workspace-notice'));
    if (await notice.isExisting()) await (await notice.$('button')).click();
    await notice.waitForExist({ reverse: true, timeout: 5_000 });
    await handOver(wsPath);
    await (await $(tid('workspace-notice'))).waitForDisplayed({ timeout: 20_000, timeoutMsg: 'the file was not opened' });
    expect(await (await $(tid('workspace-notice'))).getText()).toMatch(/^Opened handed-over/);
    expect(await $(tid('open-request')).isExisting()).toBe(false);
  });

  it('refuses a request without the token or a path', async () => {
    const noToken = await fetch(`http://127.0.0.1:${process.env.RRX_E2E_PORT}/api/open`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: wsPath }) });
    expect(noToken.status).toBe(401);
    const noPath = await fetch(`http://127.0.0.1:${process.env.RRX_E2E_PORT}/api/open`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.RRX_E2E_TOKEN}` },
      body: JSON.stringify({ file: wsPath }),
    });
    expect(noPath.status).toBe(400);
    expect(((await noPath.json()) as { error: { message: string } }).error.message).toMatch(/"path"/);
  });
});

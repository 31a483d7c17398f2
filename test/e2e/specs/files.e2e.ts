// Issue 20, defect 5: files without surprises in browser mode. Save offers a default folder and name (the app's
// workspace folder, "investigation.rrxw") and says where it saved; File → Open with unsaved changes asks before
// discarding them — keeping them on "no", opening on "yes". Screenshots: test/e2e/artifacts/files-*.png.
import { expect } from '@wdio/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { editorText, panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `files-${name}.png`));

describe('saving and opening', () => {
  // The bridge (and its workspace folder) starts in wdio's before hook, after this file is loaded.
  let saved = '';

  it('Save suggests the default folder and a name, and confirms where it saved', async () => {
    saved = join(process.env.RRX_E2E_WORKSPACE_DIR!, 'investigation.rrxw');
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('query-panel'))).waitForExist({ timeout: 20_000 });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000, timeoutMsg: 'demo query did not finish' });
    await (await $(tid('workspace-save'))).click();
    await (await $(tid('save-dialog'))).waitForDisplayed();
    expect(await (await $(tid('save-path'))).getValue()).toBe(saved);
    await shot('save-suggested');
    await (await $(tid('save-submit'))).click();
    const notice = await $(tid('workspace-notice'));
    await notice.waitForDisplayed({ timeout: 20_000 });
    expect(await notice.getText()).toContain(`Saved ${saved}`);
    expect(existsSync(saved)).toBe(true);
    expect(await (await $(tid('workspace-name'))).getAttribute('data-dirty')).toBe('false');
    await shot('saved');
  });

  it('Open with unsaved changes asks first: "keep" keeps them, "discard" opens the file', async () => {
    const edited = 'count(up)';
    await typeExpression(edited);
    expect(await runWithShortcut(0)).toBe('done');
    const name = await $(tid('workspace-name'));
    await browser.waitUntil(async () => (await name.getAttribute('data-dirty')) === 'true', { timeout: 5000, timeoutMsg: 'the edit did not mark the workspace unsaved' });

    const openSaved = async () => {
      await (await $(tid('file-menu'))).click();
      await (await $(tid('workspace-open'))).click();
      const item = await $(`${tid('recent-item')}[data-path="${saved}"]`);
      await item.waitForDisplayed({ timeout: 10_000 });
      await item.click();
    };
    await openSaved();
    const prompt = await $(tid('discard-prompt'));
    await prompt.waitForDisplayed({ timeout: 5000 });
    expect(await prompt.getText()).toContain('has unsaved changes');
    await shot('discard-prompt');
    await (await $(tid('discard-cancel'))).click();
    await (await $(tid('open-dialog-close'))).click();
    expect(await editorText(0)).toBe(edited);
    expect(await name.getAttribute('data-dirty')).toBe('true');

    await openSaved();
    await (await $(tid('discard-prompt'))).waitForDisplayed({ timeout: 5000 });
    await (await $(tid('discard-confirm'))).click();
    await browser.waitUntil(async () => (await name.getAttribute('data-path')) === saved && (await name.getAttribute('data-dirty')) === 'false', { timeout: 20_000, timeoutMsg: 'the file did not open' });
    expect(await editorText(0)).not.toBe(edited);
    await shot('opened');
  });
});

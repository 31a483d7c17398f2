// The shell renders in real Chromium from the bridge and round-trips an API call (app.info → version in header).
import { expect } from '@wdio/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { cspViolations, recordCspViolations } from './helpers/csp';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('app shell', () => {
  before(async () => {
    // Record every CSP violation from the first byte of each page on (a preload script runs before the page's own).
    await recordCspViolations();
  });

  it('renders and shows the version it got through the API', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    const header = await $('[data-testid="shell-header"]');
    await header.waitForDisplayed();
    const version = await $('[data-testid="app-version"]');
    await version.waitForDisplayed();
    await expect(version).toHaveText(expect.stringContaining(`v${pkg.version}`));
    await expect(version).toHaveText(expect.stringContaining('bridge'));
    // The token was moved out of the address bar after the first load.
    expect(await browser.getUrl()).not.toContain('token=');
    await browser.saveScreenshot(join(ARTIFACTS, 'shell.png'));
  });

  it('renders without a single Content-Security-Policy violation', async () => {
    await browser.pause(2000);
    const violations = await cspViolations();
    expect(violations).toEqual([]);
  });

  it('refuses API calls without the token', async () => {
    const status = await browser.execute(async () => (await fetch('/api/call/app.info', { method: 'POST' })).status);
    expect(status).toBe(401);
  });
});

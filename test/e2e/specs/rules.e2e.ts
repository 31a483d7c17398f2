// The Rules panel in Chromium over the bridge, on the embedded demo (demo-b has a planted 4-minute gap): an alert on
// missing scrapes backtested over 3 h fires on demo-b only, the difference names the gap, and clicking the firing
// band opens the alert's expression as a new query panel. Screenshot: test/e2e/artifacts/rules-demo.png.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { tid } from './helpers/workbench';
import { cspViolations, recordCspViolations } from './helpers/csp';

const RULES = `groups:
  - name: demo
    interval: 30s
    rules:
      - record: job:up:count
        expr: count by (job) (up)
      - alert: NodeScrapeMissing
        expr: absent_over_time(up{job="node"}[1m])
        for: 1m
`;

describe('rules panel', () => {
  before(async () => {
    await recordCspViolations();
  });

  it('demo: the alert fires on demo-b only, the gap is named, and a band opens its query', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('demo-badge'))).waitForDisplayed({ timeout: 20_000 });
    await (await $(tid('rules-toggle'))).click();
    const panel = await $(tid('rules-panel'));
    await panel.waitForDisplayed();
    const text = await panel.$(tid('rules-yaml'));
    await browser.execute(
      (el, value) => {
        (el as unknown as HTMLTextAreaElement).value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      text,
      RULES,
    );
    await (await panel.$(tid('rules-range'))).selectByVisibleText('Last 3h');
    await (await panel.$(tid('rules-run'))).click();
    await (await panel.$(tid('rules-alert'))).waitForDisplayed({ timeout: 60_000, timeoutMsg: 'no alert row' });

    const lanes = await panel.$$(tid('rules-lane'));
    const bandsByNode: Record<string, string[]> = {};
    for (const lane of lanes) {
      const node = (await lane.getAttribute('data-node')) ?? '';
      bandsByNode[node] = [];
      for (const b of await lane.$$(tid('rules-band'))) bandsByNode[node].push((await b.getAttribute('data-state')) ?? '');
    }
    expect(bandsByNode).toEqual({ 'demo-a': [], 'demo-b': ['pending', 'firing'], merged: [] });
    await expect(panel.$(tid('rules-differences'))).toHaveText(expect.stringContaining('fired on demo-b only'));
    await expect(panel.$(tid('rules-differences'))).toHaveText(expect.stringContaining('demo-b had a gap'));
    await expect(panel.$(tid('rules-recorded'))).toHaveText(expect.stringContaining('job:up:count'));
    await browser.saveScreenshot(join(ARTIFACTS, 'rules-demo.png'));

    const before = await $$(tid('query-panel')).length;
    await (await panel.$(`${tid('rules-lane')}[data-node="demo-b"] ${tid('rules-band')}[data-state="firing"]`)).click();
    await browser.waitUntil(async () => (await $$(tid('query-panel')).length) === before + 1, { timeout: 10_000, timeoutMsg: 'no query panel opened' });
    expect(await cspViolations()).toEqual([]);
  });
});

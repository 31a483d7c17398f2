// Answer modes in the workbench, in Chromium over the bridge, against two real Prometheus 2.42 collectors: a profile
// whose nodes carry their query API (profile editor), then one query answered locally and pushed down — every
// result wears a badge saying how it was made, and a pushdown the demo cannot do says why.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `engines-${name}.png`));

async function badge(): Promise<{ mode: string | null; text: string }> {
  const b = await (await panel(0)).$(tid('answer-badge'));
  await b.waitForDisplayed({ timeout: 30_000 });
  return { mode: await b.getAttribute('data-mode'), text: await b.getText() };
}

describe('answer modes', () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startCluster();
    await cluster.waitForData(5);
  });
  after(async () => cluster?.stop());

  it('the demo answers locally under auto and refuses pushdown, saying what is missing', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('demo-badge'))).waitForDisplayed({ timeout: 20_000 });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000 });
    expect(await badge()).toEqual({ mode: 'local', text: expect.stringContaining('auto chose local: no node has a query API') });
    await (await p.$(tid('answer-mode'))).selectByAttribute('value', 'pushdown');
    expect(await runWithShortcut()).toBe('error');
    await expect(p.$(tid('query-error'))).toHaveText(expect.stringContaining('pushdown needs every node\'s query API'));
  });

  it('a profile with query APIs answers in pushdown, with the badge; local gives the same numbers', async () => {
    await (await $(tid('manage-profiles'))).click();
    await (await $(tid('profiles-dialog'))).waitForDisplayed();
    await (await $(tid('profile-new'))).click();
    const name = await $(tid('profile-name'));
    await name.clearValue();
    await name.setValue('E2E engines');
    await (await $(tid('profile-compat'))).selectByAttribute('value', 'prometheus2');
    for (const i of [0, 1]) {
      await (await $(tid(`node-url-${i}`))).setValue(cluster.collectors[i].readUrl);
      await (await $(tid(`node-query-api-${i}`))).setValue(cluster.collectors[i].baseUrl);
    }
    await (await $(tid('profile-save'))).click();
    await (await $(tid('profile-saved'))).waitForDisplayed({ timeout: 15_000 });
    await (await $(tid('profiles-dialog-close'))).click();

    const p = await panel(0);
    await (await p.$(tid('view-table'))).click();
    await typeExpression('max by (job) (max_over_time(up[30s]))');
    await (await p.$(tid('answer-mode'))).selectByAttribute('value', 'pushdown');
    // The profile's default merge is penalty, which cannot be pushed down: the badge says so and why.
    expect(await runWithShortcut()).toBe('done');
    expect(await badge()).toEqual({ mode: 'local', text: expect.stringMatching(/^local \(asked pushdown\)[\s\S]*only union can be pushed down/) });
    await (await p.$(tid('merge-strategy'))).selectByAttribute('value', 'union');
    expect(await runWithShortcut()).toBe('done');
    const pushed = await badge();
    expect(pushed).toEqual({ mode: 'pushdown', text: expect.stringContaining('max of the per-node answers') });
    // Series and values must be the same; the Time column holds when each instant query ran, so it is left out.
    const seriesAndValues = async (): Promise<string> => (await (await p.$(tid('data-table'))).getText()).replace(/\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/gm, '');
    const pushedTable = await seriesAndValues();
    await shot('pushdown');
    await (await p.$(tid('answer-mode'))).selectByAttribute('value', 'local');
    expect(await runWithShortcut()).toBe('done');
    expect((await badge()).mode).toBe('local');
    expect(await seriesAndValues()).toBe(pushedTable);
    expect(pushedTable).toMatch(/\{job="node"\} 1/);
  });
});

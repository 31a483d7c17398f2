// Issue 20, defect 3: setting up a cluster is hard to get wrong. Against two real Prometheus 2.42 collectors, a
// node given as "127.0.0.1:PORT" (no scheme, no path) and one as its base URL work — tested before saving, then
// saved and queried; a URL that cannot work is worded once, naming the node. Screenshots:
// test/e2e/artifacts/setup-*.png.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `setup-${name}.png`));

async function setField(testid: string, value: string): Promise<void> {
  const el = await $(tid(testid));
  await el.clearValue();
  await el.setValue(value);
}

describe('setting up a cluster', () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startCluster();
    await cluster.waitForData(2);
  });

  after(async () => {
    await cluster?.stop();
  });

  it('a base URL works: tested before saving, saved as its /api/v1/read, queried', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('manage-profiles'))).click();
    await (await $(tid('profiles-dialog'))).waitForDisplayed();
    await (await $(tid('profile-new'))).click();
    await setField('profile-name', 'Base URLs');
    await setField('node-name-0', 'prom-a');
    await setField('node-name-1', 'prom-b');
    const a = cluster.collectors[0].baseUrl.replace(/^http:\/\//, '');
    await setField('node-url-0', a);
    await setField('node-url-1', 'ftp://nowhere');
    await (await $(tid('profile-save'))).click();
    const dialog = await $(tid('profiles-dialog'));
    const message = 'The URL of node 2 must start with http:// or https://.';
    await browser.waitUntil(async () => (await dialog.getText()).includes(message), { timeout: 5000, timeoutMsg: 'no worded URL error' });
    expect((await dialog.getText()).split(message).length - 1).toBe(1);
    await expect($(tid('profile-form-error'))).toHaveText('Fix the marked field.');
    // The first node's URL was completed when the field was left.
    expect(await (await $(tid('node-url-0'))).getValue()).toBe(`http://${a}/api/v1/read`);
    await shot('bad-url');

    await setField('node-url-1', cluster.collectors[1].baseUrl);
    await (await $(tid('profile-test-draft'))).click();
    const report = await $(tid('draft-report'));
    await report.waitForDisplayed({ timeout: 20_000 });
    const nodes = await report.$$(tid('connection-node'));
    expect(nodes.length).toBe(2);
    for (const n of nodes) expect(await n.getAttribute('data-ok')).toBe('true');
    await shot('tested-before-saving');

    await (await $(tid('profile-save'))).click();
    await (await $(tid('profile-saved'))).waitForDisplayed({ timeout: 15_000 });
    expect(await (await $(tid('node-url-1'))).getValue()).toBe(`${cluster.collectors[1].baseUrl}/api/v1/read`);
    await (await $(tid('profiles-dialog-close'))).click();
    await (await $(tid('profile-select'))).selectByVisibleText('Base URLs');
    await browser.waitUntil(async () => !(await (await $(tid('demo-badge'))).isExisting()), { timeout: 10_000 });
    await typeExpression('up{job="node"}');
    expect(await runWithShortcut(0)).toBe('done');
    const p = await panel(0);
    await expect(p.$(tid('query-error'))).not.toBeExisting();
    for (const n of ['prom-a', 'prom-b']) expect(await (await $(tid(`node-status-${n}`))).getAttribute('data-state')).toBe('ok');
    await shot('queried');
  });
});

// Issue 20, defect 2: a failed run never leaves the previous answer looking current. After a parse error, and after
// "No node answered" from two real Prometheus 2.42 collectors stopped by PID, the old chart is dimmed under a label
// with its time; the header's node dots turn red for that attempt; a reopened offline snapshot whose "Run live"
// fails keeps its "offline" badge. Screenshots: test/e2e/artifacts/stale-*.png.
import { expect } from '@wdio/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';
import { addProfile } from './helpers/gaps';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `stale-${name}.png`));

async function staleLabel(p: WebdriverIO.Element): Promise<string> {
  const banner = await p.$(tid('stale-result'));
  await banner.waitForDisplayed({ timeout: 10_000 });
  return banner.getText();
}

describe('a failed run and the result before it', () => {
  let cluster: TestCluster;
  const dir = mkdtempSync(join(tmpdir(), 'rrx-e2e-stale-'));

  before(async () => {
    cluster = await startCluster();
    await cluster.waitForData(3);
  });

  after(async () => {
    await cluster?.stop();
  });

  it('a parse error dims the previous chart and labels it with its time', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('query-panel'))).waitForExist({ timeout: 20_000 });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000, timeoutMsg: 'demo query did not finish' });
    await expect(p.$(tid('stale-result'))).not.toBeExisting();
    expect(await (await p.$(tid('panel-result'))).getAttribute('data-stale')).toBe('false');
    await typeExpression('sum(rate(node_cpu_seconds_total[5m]) by');
    expect(await runWithShortcut(0)).toBe('error');
    await expect(p.$(tid('query-error'))).toBeDisplayed();
    expect(await staleLabel(p)).toMatch(/^Not current: the run above failed\. Below is the previous result, from \d\d:\d\d:\d\d\./);
    expect(await (await p.$(tid('panel-result'))).getAttribute('data-stale')).toBe('true');
    // The dimmed part is the chart and its legend, not the label.
    const opacity = await browser.execute(() => getComputedStyle(document.querySelector('[data-testid="panel-result"] [data-testid="graph"], [data-testid="panel-result"] .graph') ?? document.body).opacity);
    expect(Number(opacity)).toBeLessThan(0.6);
    await shot('parse-error');
  });

  it('nodes that stopped: the old result is labelled, the node dots turn red', async () => {
    await browser.execute(() => window.scrollTo(0, 0));
    await addProfile('Stale collectors', [
      { name: 'prom-a', url: cluster.collectors[0].readUrl },
      { name: 'prom-b', url: cluster.collectors[1].readUrl },
    ]);
    const p = await panel(0);
    await typeExpression('up{job="node"}');
    expect(await runWithShortcut(0)).toBe('done');
    for (const n of ['prom-a', 'prom-b']) expect(await (await $(tid(`node-status-${n}`))).getAttribute('data-state')).toBe('ok');
    // Save with its data, for the offline case below.
    await (await $(tid('workspace-save'))).click();
    await (await $(tid('save-dialog'))).waitForDisplayed();
    const pathInput = await $(tid('save-path'));
    await pathInput.clearValue();
    await pathInput.setValue(join(dir, 'stale'));
    await (await $(tid('save-submit'))).click();
    await browser.waitUntil(async () => (await (await $(tid('workspace-name'))).getAttribute('data-path')) === join(dir, 'stale.rrxw'), { timeout: 20_000, timeoutMsg: 'not saved' });

    await cluster.collectors[0].stopProcess();
    await cluster.collectors[1].stopProcess();
    expect(await runWithShortcut(0)).toBe('error');
    await expect(p.$(tid('query-error'))).toHaveText(expect.stringContaining('No node answered'));
    expect(await staleLabel(p)).toContain('Below is the previous result, from');
    for (const n of ['prom-a', 'prom-b']) await browser.waitUntil(async () => (await (await $(tid(`node-status-${n}`))).getAttribute('data-state')) === 'failed', { timeout: 5000, timeoutMsg: `${n}'s dot did not follow the failed run` });
    await shot('nodes-down');
  });

  it('a reopened offline snapshot keeps its "offline" badge when "Run live" fails', async () => {
    await (await $(tid('file-menu'))).click();
    await (await $(tid('workspace-open'))).click();
    const item = await $(`${tid('recent-item')}[data-path="${join(dir, 'stale.rrxw')}"]`);
    await item.waitForDisplayed({ timeout: 10_000 });
    await item.click();
    // A dirty workbench asks first (defect 5); the saved one opens directly.
    const discard = await $(tid('discard-confirm'));
    if (await discard.isExisting()) await discard.click();
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-offline')) === 'true' && (await p.getAttribute('data-state')) === 'done', { timeout: 20_000, timeoutMsg: 'the snapshot did not open offline' });
    await expect(p.$(tid('offline-badge'))).toBeDisplayed();
    const before = Number(await p.getAttribute('data-runs'));
    await (await p.$(tid('run-live'))).click();
    await browser.waitUntil(async () => Number(await p.getAttribute('data-runs')) > before, { timeout: 30_000, timeoutMsg: 'the live run did not finish' });
    expect(await p.getAttribute('data-state')).toBe('error');
    await expect(p.$(tid('offline-badge'))).toBeDisplayed();
    expect(await staleLabel(p)).toContain('(offline snapshot)');
    await shot('offline-run-live-failed');
  });
});

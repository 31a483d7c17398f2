// Issue 20, defect 4: the completion index's "partial: no answer from prom-a" does not outlive its cause. Against
// two real Prometheus 2.42 collectors: prom-a stopped by PID → a rebuilt index says it is partial and names prom-a;
// prom-a back and answering a query → the index is rebuilt and the note is gone. Saving the profile rebuilds it too.
// Screenshots: test/e2e/artifacts/completion-*.png.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';
import { addProfile } from './helpers/gaps';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `completion-${name}.png`));

async function completionStatus(): Promise<string> {
  const p = await panel(0);
  const status = await p.$(tid('completion-status'));
  await browser.waitUntil(async () => !(await status.getText()).includes('Building'), { timeout: 30_000, timeoutMsg: 'the index was not built' });
  return status.getText();
}

describe('the completion index follows the nodes', () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startCluster();
    await cluster.waitForData(2);
  });

  after(async () => {
    await cluster?.stop();
  });

  it('a node that answers again clears the "no answer" note', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('query-panel'))).waitForExist({ timeout: 20_000 });
    await addProfile('Completion collectors', [
      { name: 'prom-a', url: cluster.collectors[0].readUrl },
      { name: 'prom-b', url: cluster.collectors[1].readUrl },
    ]);
    expect(await completionStatus()).not.toContain('partial');

    await cluster.collectors[0].stopProcess();
    const p = await panel(0);
    await (await p.$(tid('completion-refresh'))).click();
    await browser.waitUntil(async () => (await completionStatus()).includes('no answer from prom-a'), { timeout: 30_000, timeoutMsg: 'the index did not say prom-a was missing' });
    await shot('partial');

    await cluster.collectors[0].start();
    await cluster.waitForData(1);
    await typeExpression('up{job="node"}');
    expect(await runWithShortcut(0)).toBe('done');
    await browser.waitUntil(async () => !(await completionStatus()).includes('partial'), { timeout: 30_000, timeoutMsg: 'the partial note outlived prom-a\'s outage' });
    await expect(p.$(tid('completion-partial'))).not.toBeExisting();
    await shot('whole-again');
  });
});

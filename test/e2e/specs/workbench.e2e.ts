// The workbench against a real two-collector Prometheus cluster, in Chromium over the bridge: first-start demo,
// creating a profile, completion, running, zoom, legend isolation, table, parse errors, a partial result naming
// the stopped node, and the dark theme. Screenshots go to test/e2e/artifacts/workbench-*.png.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { Key } from 'webdriverio';
import { ARTIFACTS } from '../wdio.conf';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { completionOptions, editorText, legendVisibility, panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `workbench-${name}.png`));

describe('workbench', () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startCluster();
    await cluster.waitForData(5);
  });

  after(async () => {
    await cluster?.stop();
  });

  it('first start: the demo profile is active, labelled Demo, and an example has already run', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('shell-header'))).waitForDisplayed();
    await (await $(tid('demo-badge'))).waitForDisplayed({ timeout: 20_000 });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000, timeoutMsg: 'demo query did not finish' });
    expect(await editorText()).toContain('node_network_receive_bytes_total');
    await expect(p.$(tid('graph-chart'))).toBeDisplayed();
    expect((await legendVisibility()).length).toBeGreaterThan(0);
    await shot('first-start');
  });

  it('creates a profile for the two collectors and tests the connection', async () => {
    await (await $(tid('manage-profiles'))).click();
    await (await $(tid('profiles-dialog'))).waitForDisplayed();
    await expect($(tid('secret-storage-note'))).toBeDisplayed();
    await (await $(tid('profile-new'))).click();
    const name = await $(tid('profile-name'));
    await name.clearValue();
    await name.setValue('E2E collectors');
    // Saving without URLs: the app's validation error appears next to the first node's URL field.
    await (await $(tid('profile-save'))).click();
    await expect($(`${tid('node-editor-0')} ${tid('field-error')}`)).toBeDisplayed();
    for (const i of [0, 1]) {
      const n = await $(tid(`node-name-${i}`));
      await n.clearValue();
      await n.setValue(i === 0 ? 'collector-a' : 'collector-b');
      await (await $(tid(`node-url-${i}`))).setValue(cluster.collectors[i].readUrl);
    }
    await (await $(tid('profile-save'))).click();
    await (await $(tid('profile-saved'))).waitForDisplayed({ timeout: 15_000 });
    // A first real profile becomes the active one.
    await browser.waitUntil(async () => (await (await $(tid('profile-select'))).getValue()) !== '' && !(await (await $(tid('demo-badge'))).isExisting()), { timeout: 10_000 });
    try {
      await (await $(tid('profile-test'))).click();
      const report = await $(tid('connection-report'));
      await report.waitForDisplayed({ timeout: 30_000 });
      const nodes = await report.$$(tid('connection-node'));
      expect(nodes.length).toBe(2);
      for (const n of nodes) expect(await n.getAttribute('data-ok')).toBe('true');
      await shot('profile');
    } finally {
      await (await $(tid('profiles-dialog-close'))).click();
    }
    await expect($(tid('node-status-collector-a'))).toHaveAttribute('data-state', 'ok');
  });

  it('duplicates a profile, sets and clears a write-only secret, exports YAML, deletes the copy', async () => {
    await (await $(tid('manage-profiles'))).click();
    await (await $(tid('profiles-dialog'))).waitForDisplayed();
    try {
      await (await $(tid('profile-duplicate'))).click();
      await browser.waitUntil(async () => (await (await $(tid('profile-name'))).getValue()) !== 'E2E collectors', { timeout: 10_000 });
      await (await $(tid('node-advanced-0'))).click();
      await (await $(tid('node-basic-0'))).click();
      const secret = await $(tid('node-basic-password-0'));
      await expect(secret).toHaveAttribute('data-state', 'not-set');
      await (await $(tid('node-basic-password-0-replace'))).click();
      await (await $(tid('node-basic-password-0-value'))).setValue('e2e-s3cret');
      await (await $(tid('profile-save'))).click();
      await (await $(tid('profile-saved'))).waitForDisplayed({ timeout: 15_000 });
      // The editor re-opens from the saved (redacted) view: the password is only "set", its value never comes back.
      await (await $(tid('node-advanced-0'))).click();
      await expect($(tid('node-basic-password-0'))).toHaveAttribute('data-state', 'set');
      expect(await browser.execute(() => document.body.innerHTML.includes('e2e-s3cret'))).toBe(false);
      await (await $(tid('profile-export'))).click();
      const yaml = await $(`${tid('profile-export-yaml')} textarea`);
      await yaml.waitForDisplayed({ timeout: 10_000 });
      expect(await yaml.getValue()).toContain(cluster.collectors[0].readUrl);
      expect(await yaml.getValue()).not.toContain('e2e-s3cret');
      await (await $(tid('node-basic-password-0-clear'))).click();
      await (await $(tid('profile-save'))).click();
      await (await $(tid('profile-saved'))).waitForDisplayed({ timeout: 15_000 });
      await (await $(tid('node-advanced-0'))).click();
      await expect($(tid('node-basic-password-0'))).toHaveAttribute('data-state', 'not-set');
      await shot('profile-copy');
      const before = await $$(tid('profile-item')).length;
      await (await $(tid('profile-delete'))).click();
      await (await $(tid('profile-delete-confirm'))).click();
      await browser.waitUntil(async () => (await $$(tid('profile-item')).length) === before - 1, { timeout: 10_000 });
    } finally {
      await (await $(tid('profiles-dialog-close'))).click();
    }
  });

  it('completes a label name from the index and runs with Ctrl+Enter: up has 3 merged series', async () => {
    await typeExpression('up{jo');
    await browser.waitUntil(async () => (await completionOptions()).some((o) => o.startsWith('job')), { timeout: 20_000, timeoutMsg: 'no "job" completion offered' });
    // CodeMirror ignores Enter for a moment after the list opens (so fast typists do not accept by accident).
    await browser.pause(300);
    await browser.keys([Key.Enter]);
    for (const ch of '=~".+"') await browser.keys(ch);
    expect(await editorText()).toBe('up{job=~".+"}');
    expect(await runWithShortcut()).toBe('done');
    const p = await panel(0);
    await expect(p.$(tid('graph-chart'))).toBeDisplayed();
    await browser.waitUntil(async () => (await legendVisibility()).length === 3, { timeout: 10_000, timeoutMsg: 'expected 3 series (node_exporter + both collectors)' });
    await expect(p.$(tid('query-stats'))).toBeDisplayed();
    // The lines are drawn off the main thread, on a canvas of their own over the plot, and all of them are on.
    await expect(p.$(`${tid('graph-chart')} canvas.u-lines`)).toBeExisting();
    await expect(p.$(tid('graph-chart'))).toHaveAttribute('data-paint', 'done');
    await expect(p.$(tid('graph-chart'))).toHaveAttribute('data-series', '3');
    await shot('graph');
  });

  it('zooms by dragging on the chart and undoes the zoom', async () => {
    const p = await panel(0);
    const over = await p.$(`${tid('graph-chart')} .u-over`);
    const size = await over.getSize();
    await browser
      .action('pointer')
      .move({ origin: over, x: Math.round(-size.width / 4), y: 0 })
      .down()
      .move({ origin: over, x: Math.round(size.width / 4), y: 0, duration: 200 })
      .up()
      .perform();
    await (await p.$(tid('undo-zoom'))).waitForDisplayed({ timeout: 5000 });
    await shot('zoomed');
    await (await p.$(tid('undo-zoom'))).click();
    await expect(p.$(tid('undo-zoom'))).not.toBeExisting();
  });

  it('isolates a series from the legend and shows all again', async () => {
    const p = await panel(0);
    const items = await p.$$(tid('legend-item'));
    await items[1].click();
    expect(await legendVisibility()).toEqual([false, true, false]);
    await items[1].click();
    expect(await legendVisibility()).toEqual([true, true, true]);
  });

  it('switches to the table and runs an instant query', async () => {
    const p = await panel(0);
    await (await p.$(tid('view-table'))).click();
    await expect(p.$(tid('data-table'))).toBeDisplayed();
    expect(await runWithShortcut()).toBe('done');
    await browser.waitUntil(async () => (await p.$$(tid('table-row')).length) === 3, { timeout: 10_000 });
    await (await p.$(tid('sort-value'))).click();
    await shot('table');
    await (await p.$(tid('view-graph'))).click();
  });

  it('picks a query from the searchable history', async () => {
    const p = await panel(0);
    await typeExpression('count(up)');
    await (await p.$(tid('history-button'))).click();
    await (await $(tid('history-search'))).setValue('job=~');
    const item = await $(tid('history-item'));
    await item.waitForDisplayed({ timeout: 10_000 });
    await expect($$(tid('history-item'))).toBeElementsArrayOfSize(1);
    await item.click();
    expect(await editorText()).toBe('up{job=~".+"}');
  });

  it('shows our parser’s error inline with its position', async () => {
    await typeExpression('sum(rate(up[5m])');
    // The editor closes brackets as you type: remove the ")" it added so the expression is really unbalanced.
    await browser.keys([Key.Delete]);
    expect(await editorText()).toBe('sum(rate(up[5m])');
    const err = await $(tid('parse-error'));
    await err.waitForDisplayed({ timeout: 10_000 });
    await expect(err).toHaveText(expect.stringMatching(/^1:17: .*unclosed/));
    await expect($('>>>.cm-lintRange-error')).toBeExisting();
    await shot('parse-error');
  });

  it('names the stopped collector in a partial-result banner', async () => {
    await cluster.collectors[1].stopProcess();
    try {
      await typeExpression('up');
      const state = await runWithShortcut(0, 90_000);
      expect(state).toBe('done');
      const banner = await $(tid('partial-banner'));
      await banner.waitForDisplayed();
      await expect(banner).toHaveText(expect.stringContaining('collector-b'));
      await expect($(tid('node-status-collector-b'))).toHaveAttribute('data-state', 'failed');
      await shot('partial');
    } finally {
      await cluster.collectors[1].start();
    }
  });

  it('switches to the dark theme and keeps it after a reload', async () => {
    await (await $(tid('theme-toggle'))).click();
    await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === 'dark');
    await shot('dark');
    await browser.refresh();
    await (await $(tid('shell-header'))).waitForDisplayed();
    expect(await browser.execute(() => document.documentElement.dataset.theme)).toBe('dark');
  });
});

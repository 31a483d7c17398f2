// Issue 20, defects 8 and 9 (low): the first screen says in one sentence what the demo shows and offers "Add your
// cluster" (a new profile, not the demo's); a scrape offset is a note, not a finding; double-click resets the zoom;
// series colours are distinct and readable (no pale yellow, no look-alike blues). Screenshots:
// test/e2e/artifacts/first-*.png.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';
import { findingRows } from './helpers/compare';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `first-${name}.png`));

function rgb(css: string): [number, number, number] {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

describe('first screen', () => {
  it('says what the demo shows and offers "Add your cluster"', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    const intro = await $(tid('demo-intro'));
    await intro.waitForDisplayed({ timeout: 20_000 });
    const text = await intro.getText();
    expect(text).toContain('demo-b misses 4 minutes');
    expect(text).toContain('counter resets');
    await shot('demo-intro');
    await (await $(tid('add-cluster'))).click();
    await (await $(tid('profiles-dialog'))).waitForDisplayed();
    expect(await (await $(tid('profile-new'))).getAttribute('class')).toContain('selected');
    await expect($(tid('profile-save'))).toHaveText('Create profile');
    await (await $(tid('profiles-dialog-close'))).click();
  });

  it('the compare view lists no scrape offset as a problem; double-click resets its zoom', async () => {
    const p = await panel(1);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000, timeoutMsg: 'the demo compare panel did not finish' });
    const rows = await findingRows(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.kind === 'offset')).toEqual([]);
    const view = await p.$(tid('compare-view'));
    await (await p.$$(tid('finding-row')))[0].click();
    await browser.waitUntil(async () => (await view.getAttribute('data-zoomed')) === 'true', { timeout: 5000, timeoutMsg: 'the finding did not zoom' });
    const plot = await p.$(tid('compare-chart-merged-plot'));
    await plot.scrollIntoView({ block: 'center' });
    await plot.doubleClick();
    await browser.waitUntil(async () => (await view.getAttribute('data-zoomed')) === 'false', { timeout: 5000, timeoutMsg: 'double-click did not reset the zoom' });
    await (await p.$(tid('findings'))).scrollIntoView();
    await shot('findings');
  });

  it('twelve series get twelve distinct colours, none pale on white', async () => {
    await browser.execute(() => window.scrollTo(0, 0));
    const p = await panel(0);
    await typeExpression('node_cpu_seconds_total');
    expect(await runWithShortcut(0)).toBe('done');
    const swatches = await p.$$(`${tid('legend-item')} .swatch`);
    expect(swatches.length).toBeGreaterThanOrEqual(12);
    // A colour that did not parse would read as black: guard the check itself.

    const colours: [number, number, number][] = [];
    for (let k = 0; k < 12; k++) colours.push(rgb(String((await swatches[k].getCSSProperty('background-color')).value)));
    expect(colours.every(([r, g, b]) => r + g + b > 0)).toBe(true);
    for (const [r, g, b] of colours) expect((0.2126 * r + 0.7152 * g + 0.0722 * b) / 255).toBeLessThan(0.75);
    for (let i = 0; i < colours.length; i++)
      for (let j = i + 1; j < colours.length; j++) {
        const d = Math.hypot(colours[i][0] - colours[j][0], colours[i][1] - colours[j][1], colours[i][2] - colours[j][2]);
        expect(d).toBeGreaterThan(40);
      }
    await shot('colours');
    // The tooltip can list every series at the cursor, largest first.
    await (await p.$(tid('graph-tooltip-all'))).click();
    const over = await p.$(`${tid('graph-chart')} .u-over`);
    await over.moveTo();
    const all = await p.$(tid('tooltip-all'));
    await all.waitForDisplayed({ timeout: 5000 });
    const cells = await all.$$('td.num');
    expect(cells.length).toBeGreaterThanOrEqual(12);
    await shot('tooltip-all');
  });

  it('history shows status, time and profile, and marks a failed run', async () => {
    await browser.execute(() => window.scrollTo(0, 0));
    const p = await panel(0);
    await typeExpression('sum(rate(node_cpu_seconds_total[5m]) by');
    expect(await runWithShortcut(0)).toBe('error');
    await (await p.$(tid('history-button'))).click();
    const rows = await $$(tid('history-row'));
    await browser.waitUntil(async () => (await $$(tid('history-row')).length) >= 2, { timeout: 5000, timeoutMsg: 'no history' });
    const first = (await $$(tid('history-row')))[0];
    expect(await first.getAttribute('data-status')).toBe('failed');
    expect(await first.getAttribute('class')).toContain('failed');
    const ok = (await $$(tid('history-row')))[1];
    expect(await ok.getAttribute('data-status')).toBe('ok');
    expect(await (await ok.$(tid('history-meta'))).getText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d · Demo cluster$/);
    expect(rows.length).toBeGreaterThan(0);
    await shot('history');
    await (await p.$(tid('history-button'))).click();
  });
});

// Issue 20, defects 7 and 10: the table runs what it says — switching a graph panel to Table runs an instant query
// (as Prometheus's table tab does), shows each row's timestamp and a readable number with the exact value kept
// for hover and copy; the stats line reports the time from Run to what is on screen, which is never less than the
// query's own time. Screenshots: test/e2e/artifacts/table-*.png.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { panel, tid, typeExpression } from './helpers/workbench';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `table-${name}.png`));

describe('table and timings', () => {
  it('the stats line reports Run → painted chart, at least the query\'s own time', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('query-panel'))).waitForExist({ timeout: 20_000 });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000, timeoutMsg: 'demo query did not finish' });
    const t = await p.$(tid('time-to-chart'));
    await t.waitForExist({ timeout: 30_000 });
    const toChart = Number(await t.getAttribute('data-ms'));
    const line = await (await p.$(tid('stats-toggle'))).getText();
    const answered = /answered in (\d+(?:\.\d+)?) ?(ms|s)/.exec(line);
    expect(answered).not.toBeNull();
    const answeredMs = Number(answered![1]) * (answered![2] === 's' ? 1000 : 1);
    expect(toChart).toBeGreaterThanOrEqual(answeredMs * 0.95);
    expect(line).toContain('Run → on screen');
  });

  it('switching to Table runs an instant query and shows time and a readable value', async () => {
    const p = await panel(0);
    await typeExpression('node_load1 / 3');
    const before = Number(await p.getAttribute('data-runs'));
    await (await p.$(tid('view-table'))).click();
    await browser.waitUntil(async () => Number(await p.getAttribute('data-runs')) > before, { timeout: 30_000, timeoutMsg: 'switching to the table did not run the instant query' });
    expect(await p.getAttribute('data-state')).toBe('done');
    expect(await (await p.$(tid('table-summary'))).getText()).toContain('instant query');
    expect(await (await p.$(tid('table-summary'))).getText()).not.toContain('range result');
    const values = await p.$$(tid('table-value'));
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) {
      const exact = Number(await v.getAttribute('data-value'));
      const shown = await v.getText();
      // At most 7 significant digits on screen, equal to the exact value at that precision.
      expect(shown.replace(/^-|\.|^0\.0*/g, '').length).toBeLessThanOrEqual(7);
      expect(Number(shown)).toBe(Number(exact.toPrecision(7)));
      expect(await v.getAttribute('title')).toContain(String(exact));
    }
    const times = await p.$$(tid('table-time'));
    expect(times.length).toBe(values.length);
    expect(await times[0].getText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // The instant query's evaluation time is the range's end: within a minute of now.
    expect(Math.abs(Number(await times[0].getAttribute('data-time-ms')) - Date.now())).toBeLessThan(60_000);
    await shot('instant');
  });
});

// Issue 20, defect 6 (and issue 15's last bullet): the axes an SRE reads. On the demo's bytes/s panel the y ticks
// are round in binary units (consecutive ticks a power of two of bytes apart, never 97.66 KiB/s); the log scale
// ticks at whole decades written plainly; x labels follow the one time format the user picks (UTC, 12 h) and
// have room (never more labels than 80 px each allows). Screenshots: test/e2e/artifacts/axes-*.png.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { panel, tid } from './helpers/workbench';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `axes-${name}.png`));
const IEC: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };

async function ticks(p: WebdriverIO.Element, axis: 'x' | 'y', plotsBefore = 0): Promise<string[]> {
  const host = await p.$(tid('graph-chart'));
  await browser.waitUntil(async () => Number(await host.getAttribute('data-plot')) > plotsBefore && (await host.getAttribute('data-paint')) === 'done', { timeout: 30_000, timeoutMsg: 'chart not painted' });
  const root = await host.$('.uplot');
  return ((await root.getAttribute(`data-${axis}-ticks`)) ?? '').split('|').filter(Boolean);
}

/** "384 KiB/s" → bytes per second. */
function bytesOf(label: string): number {
  const m = /^(\d+(?:\.\d+)?) (B|KiB|MiB|GiB|TiB)\/s$/.exec(label);
  if (!m) throw new Error(`not a binary bytes/s label: ${label}`);
  return Number(m[1]) * IEC[m[2]];
}

describe('axes', () => {
  it('a bytes/s series ticks at round binary steps', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('query-panel'))).waitForExist({ timeout: 20_000 });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000, timeoutMsg: 'demo query did not finish' });
    await (await p.$(tid('graph-unit'))).selectByAttribute('value', 'bytes/s');
    const ys = await ticks(p, 'y');
    expect(ys.length).toBeGreaterThanOrEqual(3);
    const values = ys.map(bytesOf);
    const step = values[1] - values[0];
    // A power of two of bytes, and every tick a whole multiple of it.
    expect(Math.log2(step) % 1).toBe(0);
    for (let i = 1; i < values.length; i++) expect(values[i] - values[i - 1]).toBe(step);
    for (const l of ys) expect(l).not.toMatch(/\.\d\d\d|97\.66/);
    await shot('bytes-linear');
  });

  it('log scale: whole decades, written plainly', async () => {
    const p = await panel(0);
    const host = await p.$(tid('graph-chart'));
    const before = Number(await host.getAttribute('data-plot'));
    await (await p.$(tid('graph-unit'))).selectByAttribute('value', 'none');
    await (await p.$(tid('graph-yscale'))).selectByAttribute('value', 'log');
    await browser.waitUntil(async () => Number(await host.getAttribute('data-plot')) > before + 1, { timeout: 10_000 }).catch(() => undefined);
    const ys = await ticks(p, 'y', before);
    expect(ys.length).toBeGreaterThanOrEqual(2);
    for (const l of ys) expect(l).toMatch(/^(1e-?\d+|0\.0*1|10*|10*[kMGTPE])$/);
    await shot('log');
    await (await p.$(tid('graph-yscale'))).selectByAttribute('value', 'linear');
  });

  it('x labels: one time format, the user\'s choice, with room for each', async () => {
    const p = await panel(0);
    const host = await p.$(tid('graph-chart'));
    const before = Number(await host.getAttribute('data-plot'));
    await (await $(tid('time-format'))).selectByAttribute('value', 'utc-12');
    const xs = await ticks(p, 'x', before);
    expect(xs[0]).toMatch(/^\d{1,2}:\d\d (AM|PM)\n\d{4}-\d\d-\d\d UTC$/);
    for (const l of xs.slice(1)) expect(l).toMatch(/^\d{1,2}:\d\d (AM|PM)(\n\d{4}-\d\d-\d\d)?$/);
    const width = (await host.getSize()).width;
    expect(xs.length).toBeLessThanOrEqual(Math.floor(width / 80));
    // The findings and tooltips speak the same format: the stale label, the offline badge and the findings table use
    // formatMoment; here the x axis is what shows it.
    await shot('x-utc-12h');
    await (await $(tid('time-format'))).selectByAttribute('value', 'local-24');
    const local = await ticks(p, 'x', before + 1);
    expect(local[0]).toMatch(/^\d\d:\d\d\n\d{4}-\d\d-\d\d$/);
  });
});

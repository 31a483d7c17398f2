// Issue 20, defect 1: a node's own tile shows its gap, without a click. On the demo, demo-b's planted 4-minute gap
// breaks demo-b's line (null points in the chart's data) under a shaded band; on two real Prometheus 2.42
// collectors, one stopped by PID for ~27 s, the stopped node's tile has null points across the outage and a visible
// band in its colour, while the other node's tile is unbroken there. Screenshots: test/e2e/artifacts/gaps-*.png.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { panel, tid, typeExpression } from './helpers/workbench';
import { findingRows, runCompare, setRangePreset } from './helpers/compare';
import { addProfile, bandPaint, chartBands, chartBreaks } from './helpers/gaps';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `gaps-${name}.png`));
const DEMO_SERIES = 'node_load1{instance="node-1:9100"}';

/** Overlap in seconds of [a0, a1] and [b0, b1]. */
const overlap = (a: [number, number], b0: number, b1: number) => Math.max(0, Math.min(a[1], b1) - Math.max(a[0], b0));

describe('gaps in the nodes\' own tiles', () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startCluster();
    await cluster.waitForData(5);
  });

  after(async () => {
    await cluster?.stop();
  });

  it('demo: demo-b\'s planted 4-minute gap breaks demo-b\'s tile under a band; demo-a\'s tile is unbroken', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('demo-badge'))).waitForDisplayed({ timeout: 20_000 });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000, timeoutMsg: 'demo query did not finish' });
    await typeExpression(DEMO_SERIES);
    await setRangePreset('3h');
    const view = await runCompare();
    const gap = (await findingRows()).find((r) => r.kind === 'gap' && r.node === 'demo-b');
    expect(gap).toBeDefined();
    const g0 = gap!.startMs / 1000;
    const g1 = gap!.endMs / 1000;
    const tileB = await view.$(tid('compare-chart-1'));
    const tileA = await view.$(tid('compare-chart-0'));
    // The tile says how it was evaluated: 1.5 × the demo's 15 s scrape interval.
    const labels = await view.$$(tid('compare-lookback'));
    expect(await labels[1].getText()).toContain('lookback 22.5s');
    const breaksB = await chartBreaks(tileB as unknown as WebdriverIO.Element);
    // Null points across the gap, less the lookback (22.5 s) and a step at each end.
    const across = breaksB.find((r) => overlap(r, g0, g1) > 0);
    expect(across).toBeDefined();
    const stepS = Number(await view.getAttribute('data-step-ms')) / 1000 || 60;
    expect(overlap(across!, g0, g1)).toBeGreaterThanOrEqual(g1 - g0 - 22.5 - 2 * stepS);
    expect((await chartBreaks(tileA as unknown as WebdriverIO.Element)).filter((r) => overlap(r, g0, g1) > 0)).toEqual([]);
    // A band over the gap on demo-b's tile and on the merged chart, painted in demo-b's colour (orange: red > blue).
    expect((await chartBands(tileB as unknown as WebdriverIO.Element)).some(([a, b]) => a <= gap!.startMs && b >= gap!.endMs)).toBe(true);
    await browser.waitUntil(async () => (await bandPaint('compare-chart-1')).drawn > 0, { timeout: 10_000, timeoutMsg: 'no band painted on demo-b\'s tile' });
    const paint = await bandPaint('compare-chart-1');
    expect(paint.insideShare).toBeGreaterThan(0.9);
    expect(paint.insideShare).toBeGreaterThan(paint.outsideShare);
    expect(paint.rgb[0]).toBeGreaterThan(paint.rgb[2]);
    expect((await bandPaint('compare-chart-0')).drawn).toBe(0);
    expect((await bandPaint('compare-chart-merged')).drawn).toBeGreaterThan(0);
    await shot('demo-tiles');
  });

  it('real collectors: the node stopped by PID has null points across its outage and a band; the other has neither', async () => {
    await browser.execute(() => window.scrollTo(0, 0));
    await addProfile('Gap collectors', [
      { name: 'prom-a', url: cluster.collectors[0].readUrl },
      { name: 'prom-b', url: cluster.collectors[1].readUrl },
    ]);
    const victim = cluster.collectors[1];
    await victim.stopProcess();
    await browser.pause(27_000);
    await victim.start();
    await browser.pause(6_000);

    // The real outage, from the collector's own data: the longest spacing between its raw samples.
    const body = (await (await fetch(`${victim.baseUrl}/api/v1/query?query=${encodeURIComponent('up{job="node"}[3m]')}`)).json()) as { data: { result: { values: [number, string][] }[] } };
    const ts = body.data.result[0].values.map((v) => v[0]);
    let t1 = 0;
    let t2 = 0;
    for (let i = 1; i < ts.length; i++) if (ts[i] - ts[i - 1] > t2 - t1) [t1, t2] = [ts[i - 1], ts[i]];
    expect(t2 - t1).toBeGreaterThan(20);

    const p = await panel(0);
    await browser.execute(() => window.scrollTo(0, 0));
    await typeExpression('up{job="node"}');
    await (await p.$(tid('range-button'))).click();
    await (await $(tid('range-duration'))).setValue('2m');
    await browser.keys(['Enter']);
    await (await p.$(tid('resolution-mode'))).selectByAttribute('value', 'fixed');
    await (await p.$(tid('resolution-fixed'))).setValue('1s');
    await browser.keys(['Tab']);
    const view = await runCompare();
    const labels = await view.$$(tid('compare-lookback'));
    expect(await labels[1].getText()).toContain('lookback 1.5s');
    const tileB = (await view.$(tid('compare-chart-1'))) as unknown as WebdriverIO.Element;
    const tileA = (await view.$(tid('compare-chart-0'))) as unknown as WebdriverIO.Element;
    const breaks = await chartBreaks(tileB);
    const across = breaks.find((r) => overlap(r, t1, t2) > 0);
    expect(across).toBeDefined();
    // Steps after t1 + 1.5 s and before t2 have no sample: the first null within 2 s of t1 + 1.5 s, the last within
    // a step of t2.
    expect(across![0]).toBeGreaterThanOrEqual(t1 + 1);
    expect(across![0]).toBeLessThanOrEqual(t1 + 1.5 + 2);
    expect(across![1]).toBeLessThan(t2);
    expect(across![1]).toBeGreaterThanOrEqual(t2 - 2);
    expect((await chartBreaks(tileA)).filter((r) => overlap(r, t1, t2) > 0)).toEqual([]);
    expect((await chartBands(tileB)).some(([a, b]) => a <= t1 * 1000 + 2000 && b >= t2 * 1000 - 2000)).toBe(true);
    await browser.waitUntil(async () => (await bandPaint('compare-chart-1')).drawn > 0, { timeout: 10_000, timeoutMsg: 'no band painted on prom-b\'s tile' });
    const paint = await bandPaint('compare-chart-1');
    expect(paint.insideShare).toBeGreaterThan(0.9);
    expect(paint.insideShare).toBeGreaterThan(paint.outsideShare);
    expect(paint.rgb[0]).toBeGreaterThan(paint.rgb[2]);
    await shot('real-tiles');
  });
});

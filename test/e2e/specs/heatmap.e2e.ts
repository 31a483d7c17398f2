// Issue 15, native histograms in the window: a histogram result draws as a heatmap, and the per-node comparison
// shows one per node. On the demo (demo_request_duration_seconds, exponential schema) the heatmap paints, its
// tooltip names a bucket, and the compare view's tiles show demo-b's planted gap as a band and its reset as a
// finding. Against a real Prometheus 2.42 with --enable-feature=native-histograms scraping our protobuf target, the
// heatmap has exactly as many rows as distinct non-empty buckets in Prometheus's own query_range answer, and the
// tooltip's bounds and value equal Prometheus's for that bucket at that time. Screenshots: artifacts/heatmap-*.png;
// the main thread's long tasks while the demo heatmap is drawn are recorded in artifacts/heatmap-longtasks.json.
import { expect } from '@wdio/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { startNativeHistogramTarget, type NativeHistogramTarget } from '../../helpers/native-histogram-target';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';
import { findingRows, runCompare, setRangePreset } from './helpers/compare';
import { addProfile } from './helpers/gaps';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `heatmap-${name}.png`));

interface Tip {
  timeMs: number;
  lower: number;
  upper: number;
  value: number;
}

async function painted(testid: string): Promise<WebdriverIO.Element> {
  const el = await $(tid(testid));
  await el.waitForDisplayed({ timeout: 30_000 });
  await browser.waitUntil(async () => (await el.getAttribute('data-paint')) === 'done', { timeout: 30_000, timeoutMsg: `${testid} did not finish painting` });
  return el as unknown as WebdriverIO.Element;
}

/** Moves over the cells at a grid of points until the tooltip shows a cell with a value above 0. */
async function hoverFilledCell(testid: string): Promise<Tip> {
  const cells = await $(tid(`${testid}-cells`));
  const size = await cells.getSize();
  for (const fy of [0, 0.1, -0.1, 0.2, -0.2, 0.3, -0.3, 0.05, -0.05, 0.15, -0.15, 0.25, -0.25]) {
    for (const fx of [0.3, 0.1, -0.1, 0.4, -0.3]) {
      await cells.moveTo({ xOffset: Math.round(fx * size.width), yOffset: Math.round(fy * size.height) });
      const tip = await $(tid('heatmap-tooltip'));
      if (!(await tip.isExisting())) continue;
      const t: Tip = {
        timeMs: Number(await tip.getAttribute('data-time-ms')),
        lower: Number(await tip.getAttribute('data-lower')),
        upper: Number(await tip.getAttribute('data-upper')),
        value: Number(await tip.getAttribute('data-value')),
      };
      if (t.value > 0) return t;
    }
  }
  throw new Error(`no filled cell found under the pointer on ${testid}`);
}

describe('native histogram heatmaps', () => {
  it('demo: the histogram draws as a heatmap with a tooltip; the comparison shows a heatmap per node with demo-b\'s gap and reset', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('demo-badge'))).waitForDisplayed({ timeout: 20_000 });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000, timeoutMsg: 'demo query did not finish' });
    await (await p.$(tid('view-graph'))).click();
    await typeExpression('rate(demo_request_duration_seconds{handler="/checkout"}[1m])');
    await setRangePreset('3h');
    // A fine step (3 h at 5 s = 2 160 columns × ~100 buckets): record the main thread's long tasks while it draws.
    await (await p.$(tid('resolution-mode'))).selectByAttribute('value', 'fixed');
    const fixed = await p.$(tid('resolution-fixed'));
    await fixed.clearValue();
    await fixed.setValue('5s');
    await browser.keys(['Tab']);
    await browser.execute(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(Math.round(e.duration)))).observe({ type: 'longtask' });
    });
    expect(await runWithShortcut(0, 90_000)).toBe('done');
    const hm = await painted('heatmap');
    const long = await browser.execute(() => (window as unknown as { __long: number[] }).__long);
    writeFileSync(join(ARTIFACTS, 'heatmap-longtasks.json'), JSON.stringify({ columns: Number(await hm.getAttribute('data-columns')), rows: Number(await hm.getAttribute('data-rows')), longTasksMs: long }, null, 1));
    expect(await hm.getAttribute('data-y-scale')).toBe('log');
    expect(Number(await hm.getAttribute('data-rows'))).toBeGreaterThan(30);
    expect(Number(await hm.getAttribute('data-columns'))).toBeGreaterThan(1000);
    await expect($(tid('heatmap-legend'))).toBeDisplayed();
    const tip = await hoverFilledCell('heatmap');
    expect(tip.upper).toBeGreaterThan(tip.lower);
    expect(await (await $(tid('heatmap-tooltip-bounds'))).getText()).toBe(`(${tip.lower}, ${tip.upper}]`);
    await shot('demo-graph');

    const view = await runCompare(0, 120_000);
    await expect(view.$(tid('compare-heatmaps'))).toBeDisplayed();
    await painted('compare-heatmap-merged');
    await painted('compare-heatmap-0');
    const tileB = await painted('compare-heatmap-1');
    const rows = await findingRows();
    const gap = rows.find((r) => r.kind === 'gap' && r.node === 'demo-b');
    expect(gap).toBeDefined();
    expect(Math.abs(gap!.durationMs - 4 * 60_000)).toBeLessThanOrEqual(60_000);
    expect(rows.some((r) => r.kind === 'reset' && r.node === 'demo-b')).toBe(true);
    // demo-b's gap is shaded on its own tile (and on the merged one).
    const bands = ((await tileB.getAttribute('data-bands')) ?? '').split(' ').filter(Boolean).map((b) => b.split('-').map(Number));
    expect(bands.some(([a, b]) => a <= gap!.startMs && b >= gap!.endMs)).toBe(true);
    expect(await (await $(tid('compare-heatmap-1'))).$$(tid('compare-heatmap-1-band')).length).toBeGreaterThan(0);
    await (await $(tid('compare-heatmaps'))).scrollIntoView();
    await shot('demo-compare');
  });

  describe('against Prometheus 2.42 with native histograms', () => {
    let target: NativeHistogramTarget;
    let prom: PrometheusServer;

    before(async () => {
      target = await startNativeHistogramTarget({ resetAfter: 25 });
      prom = await startPrometheus({
        configYaml: `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: nh\n    static_configs:\n      - targets: ['127.0.0.1:${target.port}']\n`,
        extraArgs: ['--enable-feature=native-histograms'],
      });
      const deadline = Date.now() + 90_000;
      while (target.scrapes() < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    });

    after(async () => {
      await prom?.stop();
      await target?.close();
    });

    it('the heatmap has Prometheus\'s buckets and the tooltip its value; the comparison shows a tile per node', async () => {
      await browser.execute(() => window.scrollTo(0, 0));
      // One Prometheus named twice: the comparison's tiles then must look alike.
      await addProfile('Native histograms', [
        { name: 'prom-a', url: prom.readUrl },
        { name: 'prom-b', url: prom.readUrl },
      ]);
      const p = await panel(0);
      await (await p.$(tid('view-graph'))).click();
      await typeExpression('latency_seconds');
      await (await p.$(tid('range-button'))).click();
      await (await $(tid('range-duration'))).setValue('1m');
      await browser.keys(['Enter']);
      await (await p.$(tid('resolution-mode'))).selectByAttribute('value', 'fixed');
      const fixed = await p.$(tid('resolution-fixed'));
      await fixed.clearValue();
      await fixed.setValue('1s');
      await browser.keys(['Tab']);
      expect(await runWithShortcut(0, 90_000)).toBe('done');
      const hv = await $(tid('histogram-view'));
      const start = Number(await hv.getAttribute('data-start-ms'));
      const end = Number(await hv.getAttribute('data-end-ms'));
      const step = Number(await hv.getAttribute('data-step-ms'));
      expect(step).toBe(1000);
      const hm = await painted('heatmap');

      // Prometheus's own answer for the same range query.
      const url = `${prom.baseUrl}/api/v1/query_range?query=latency_seconds&start=${start / 1000}&end=${end / 1000}&step=1`;
      const body = (await (await fetch(url)).json()) as { data: { result: { histograms?: [number, { buckets?: [number, string, string, string][] }][] }[] } };
      expect(body.data.result.length).toBe(1);
      const hs = body.data.result[0].histograms ?? [];
      expect(hs.length).toBeGreaterThan(30);
      const distinct = new Set<string>();
      for (const [, h] of hs) for (const b of h.buckets ?? []) distinct.add(`${Number(b[1])}/${Number(b[2])}`);
      expect(Number(await hm.getAttribute('data-columns'))).toBe(hs.length);
      expect(Number(await hm.getAttribute('data-rows'))).toBe(distinct.size);

      const tip = await hoverFilledCell('heatmap');
      const at = hs.find(([t]) => Math.round(t * 1000) === tip.timeMs);
      expect(at).toBeDefined();
      const bucket = (at![1].buckets ?? []).find((b) => Number(b[1]) === tip.lower && Number(b[2]) === tip.upper);
      expect(bucket).toBeDefined();
      expect(Number(bucket![3])).toBe(tip.value);
      writeFileSync(join(ARTIFACTS, 'heatmap-real-tooltip.json'), JSON.stringify({ tip, prometheus: bucket }, null, 1));
      await shot('real-graph');

      const view = await runCompare(0, 120_000);
      await expect(view.$(tid('compare-heatmaps'))).toBeDisplayed();
      const merged = await painted('compare-heatmap-merged');
      const a = await painted('compare-heatmap-0');
      const b = await painted('compare-heatmap-1');
      expect(await view.$$(tid('compare-node')).length).toBe(2);
      // A new run, so a few more scrapes than above: the tiles (one Prometheus twice) and the merged view agree.
      const rowsOf = async (el: WebdriverIO.Element) => Number(await el.getAttribute('data-rows'));
      expect(await rowsOf(merged)).toBeGreaterThanOrEqual(distinct.size);
      expect(await rowsOf(a)).toBe(await rowsOf(merged));
      expect(await rowsOf(b)).toBe(await rowsOf(merged));
      await (await $(tid('compare-heatmaps'))).scrollIntoView();
      await shot('real-compare');
    });
  });
});

// Issue 20, defect 8: the Compare nodes view exports as one PNG — the merged chart, every node's tile with its gap
// band, the findings list, and the header (query, range, cluster). On the embedded demo, demo-b's planted 4-minute
// gap is shaded on its tile; the downloaded file is decoded in the page and checked: a PNG, 2× the merged chart's
// width, every chart area drawn (not blank) in its node's colour, demo-b's band in the picture where it is on
// screen, text above the charts and a findings list under them. Artifact: test/e2e/artifacts/compare-export.png.
import { expect } from '@wdio/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { panel, tid, typeExpression } from './helpers/workbench';
import { findingRows, runCompare, setRangePreset } from './helpers/compare';

const DEMO_SERIES = 'node_load1{instance="node-1:9100"}';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Decoded {
  base64: string;
  width: number;
  height: number;
  /** Per chart area (merged, then tiles): painted share and pixels close to the expected line colour. */
  areas: { painted: number; lineish: number }[];
  /** Mean colour of demo-b's band on screen and in the picture (middle column of the band). */
  bandScreen: number[];
  bandPng: number[];
  /** Painted share above the first chart (header) and below the last (findings). */
  headerPainted: number;
  findingsPainted: number;
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('Compare nodes as PNG', () => {
  it('downloads the whole comparison: merged chart, node tiles with gap bands, findings and header', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('demo-badge'))).waitForDisplayed({ timeout: 20_000 });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout: 60_000, timeoutMsg: 'demo query did not finish' });
    await typeExpression(DEMO_SERIES);
    await setRangePreset('3h');
    await runCompare();
    const rows = await findingRows();
    expect(rows.some((r) => r.kind === 'gap' && r.node === 'demo-b')).toBe(true);
    // The demo-b tile shades its gap on screen (the picture must carry it).
    await browser.waitUntil(async () => (await browser.execute(() => JSON.parse((document.querySelector('[data-testid="compare-node"][data-node="demo-b"] .uplot') as HTMLElement | null)?.dataset.bandPx ?? '[]').length)) > 0, { timeout: 10_000, timeoutMsg: 'no band on demo-b\'s tile' });

    const mergedWidth = await browser.execute(() => document.querySelector<HTMLCanvasElement>('[data-testid="compare-chart-merged"] .uplot canvas:not(.u-lines)')!.clientWidth);
    await (await p.$(tid('export-menu'))).click();
    const button = await p.$(tid('export-png'));
    expect(await button.isEnabled()).toBe(true);
    await button.click();
    const status = await p.$(tid('export-status'));
    await browser.waitUntil(async () => !!(await status.getAttribute('data-png-charts')), { timeout: 20_000, timeoutMsg: 'no PNG exported' });
    expect(await status.getAttribute('data-ok')).toBe('true');
    const charts = JSON.parse((await status.getAttribute('data-png-charts'))!) as Rect[];
    const cssHeight = Number(await status.getAttribute('data-css-height'));
    expect(charts.length).toBe(3); // merged + demo-a + demo-b

    const decoded: Decoded = await browser.execute(async (rects: Rect[]) => {
      const d = (window as unknown as { __rrxLastDownload: { kind: string; blob: Blob; filename: string } }).__rrxLastDownload;
      const bytes = new Uint8Array(await d.blob.arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      const bmp = await createImageBitmap(d.blob);
      const c = document.createElement('canvas');
      c.width = bmp.width;
      c.height = bmp.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const at = (x: number, y: number) => (y * c.width + x) * 4;
      const bg = [px[0], px[1], px[2]];
      const isBg = (i: number) => Math.abs(px[i] - bg[0]) + Math.abs(px[i + 1] - bg[1]) + Math.abs(px[i + 2] - bg[2]) < 12;
      const hex = (h: string) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));
      // Line colours: merged grey, then the node colours as the legend shows them.
      const dots = [...document.querySelectorAll<HTMLElement>('[data-testid="compare-view"] .legend .dot')].map((el) => getComputedStyle(el).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number));
      const colours = [hex('#7a8499'), ...dots.slice(1)];
      const share = (x0: number, y0: number, x1: number, y1: number) => {
        let n = 0;
        let all = 0;
        for (let y = Math.max(0, y0); y < Math.min(c.height, y1); y++)
          for (let x = Math.max(0, x0); x < Math.min(c.width, x1); x++) {
            all++;
            if (!isBg(at(x, y))) n++;
          }
        return all ? n / all : 0;
      };
      const areas = rects.map((r, k) => {
        const rgb = colours[k];
        let lineish = 0;
        for (let y = r.y * 2; y < (r.y + r.height) * 2; y++)
          for (let x = r.x * 2; x < (r.x + r.width) * 2; x++) {
            const i = at(x, y);
            if (Math.abs(px[i] - rgb[0]) + Math.abs(px[i + 1] - rgb[1]) + Math.abs(px[i + 2] - rgb[2]) < 60) lineish++;
          }
        return { painted: share(r.x * 2, r.y * 2, (r.x + r.width) * 2, (r.y + r.height) * 2), lineish };
      });
      // demo-b's band: where it is on its tile's canvas, and the same place in the picture.
      const root = document.querySelector('[data-testid="compare-node"][data-node="demo-b"] .uplot') as HTMLElement;
      const canvas = root.querySelector('.u-wrap > canvas:not(.u-lines)') as HTMLCanvasElement;
      const band = (JSON.parse(root.dataset.bandPx ?? '[]') as Rect[])[0];
      const k = canvas.width / canvas.clientWidth;
      // The chart canvas is transparent where nothing is drawn: composite it over the picture's background.
      const mean = (data: Uint8ClampedArray) => {
        const s = [0, 0, 0];
        for (let i = 0; i < data.length; i += 4) for (let j = 0; j < 3; j++) s[j] += (data[i + j] * data[i + 3] + bg[j] * (255 - data[i + 3])) / 255;
        return s.map((v) => v / (data.length / 4));
      };
      const midX = band.x + band.width / 2;
      const screen = mean(canvas.getContext('2d')!.getImageData(Math.round(midX), band.y + 2, 1, band.height - 4).data);
      const tile = rects[2];
      const pngX = Math.round((tile.x + midX / k) * 2);
      const pngY0 = Math.round((tile.y + (band.y + 2) / k) * 2);
      const pngY1 = Math.round((tile.y + (band.y + band.height - 2) / k) * 2);
      const col = ctx.getImageData(pngX, pngY0, 1, pngY1 - pngY0).data;
      const last = rects[rects.length - 1];
      const top = Math.min(...rects.map((r) => r.y));
      return {
        base64: btoa(bin),
        width: c.width,
        height: c.height,
        areas,
        bandScreen: screen,
        bandPng: mean(col),
        headerPainted: share(0, 0, c.width, top * 2 - 40),
        findingsPainted: share(0, (last.y + last.height) * 2, c.width, c.height),
      };
    }, charts);
    writeFileSync(join(ARTIFACTS, 'compare-export.png'), Buffer.from(decoded.base64, 'base64'));

    const size = pngSize(Buffer.from(decoded.base64, 'base64'));
    expect(size).toEqual({ width: 2 * mergedWidth, height: 2 * cssHeight });
    // Header (query, range, cluster) above, the findings list below: text, not an empty band.
    expect(decoded.headerPainted).toBeGreaterThan(0.01);
    expect(decoded.findingsPainted).toBeGreaterThan(0.01);
    for (const [i, a] of decoded.areas.entries()) {
      // Every chart area has axes, grid and a line in its own colour: thousands of pixels at 2×.
      expect({ i, painted: a.painted > 0.02 }).toEqual({ i, painted: true });
      expect({ i, line: a.lineish > 500 }).toEqual({ i, line: true });
    }
    // The band is shaded (not background) and the picture shows the colour the screen shows there.
    const bgish = decoded.bandScreen.every((v) => v > 250);
    expect(bgish).toBe(false);
    for (let j = 0; j < 3; j++) expect(Math.abs(decoded.bandPng[j] - decoded.bandScreen[j])).toBeLessThan(20);
  });
});

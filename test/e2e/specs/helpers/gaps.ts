// wdio helpers for the gap specs: add a two-node profile through the dialog, read a compare chart's breaks (the
// null runs of its data, data-breaks) and bands, and look at the pixels a band was painted with.
import { tid } from './workbench';

/** Adds a profile with these nodes through the profiles dialog and switches to it. */
export async function addProfile(name: string, nodes: { name: string; url: string }[]): Promise<void> {
  await (await $(tid('manage-profiles'))).click();
  await (await $(tid('profiles-dialog'))).waitForDisplayed();
  try {
    await (await $(tid('profile-new'))).click();
    const field = await $(tid('profile-name'));
    await field.clearValue();
    await field.setValue(name);
    for (const [i, n] of nodes.entries()) {
      const nn = await $(tid(`node-name-${i}`));
      await nn.clearValue();
      await nn.setValue(n.name);
      const url = await $(tid(`node-url-${i}`));
      await url.clearValue();
      await url.setValue(n.url);
    }
    await (await $(tid('profile-save'))).click();
    await (await $(tid('profile-saved'))).waitForDisplayed({ timeout: 15_000 });
  } finally {
    await (await $(tid('profiles-dialog-close'))).click();
  }
  const select = await $(tid('profile-select'));
  await select.selectByVisibleText(name);
  await browser.waitUntil(async () => !(await (await $(tid('demo-badge'))).isExisting()), { timeout: 10_000 });
}

function runs(attr: string | null): [number, number][] {
  return (attr ?? '')
    .split(' ')
    .filter(Boolean)
    .map((r) => {
      const m = /^(-?[\d.e+]+)-(-?[\d.e+]+)$/.exec(r);
      return m ? ([Number(m[1]), Number(m[2])] as [number, number]) : ([NaN, NaN] as [number, number]);
    });
}

/** Null runs of a compare chart's columns, unix seconds [first null x, last null x]. */
export async function chartBreaks(el: WebdriverIO.Element): Promise<[number, number][]> {
  return runs(await el.getAttribute('data-breaks'));
}

/** Bands a compare chart shades, unix ms. */
export async function chartBands(el: WebdriverIO.Element): Promise<[number, number][]> {
  return runs(await el.getAttribute('data-bands'));
}

export interface BandPaint {
  /** Bands drawn on the canvas (canvas px). */
  drawn: number;
  /** Share of pixels in the middle column of the first band that are painted, and the same share a band-width to
   * its side (outside any band, where only grid lines are). */
  insideShare: number;
  outsideShare: number;
  /** Mean colour inside the first band. */
  rgb: [number, number, number];
}

/** Reads the chart's canvas where its first band was painted (data-band-px on the uPlot root). */
export async function bandPaint(testid: string): Promise<BandPaint> {
  return browser.execute((id: string) => {
    const root = document.querySelector(`[data-testid="${id}"] .uplot`) as HTMLElement | null;
    const canvas = root?.querySelector('.u-wrap > canvas:not(.u-lines)') as HTMLCanvasElement | null;
    const boxes = JSON.parse(root?.dataset.bandPx ?? '[]') as { x: number; y: number; width: number; height: number }[];
    if (!canvas || !boxes.length) return { drawn: 0, insideShare: 0, outsideShare: 0, rgb: [0, 0, 0] as [number, number, number] };
    const ctx = canvas.getContext('2d')!;
    const b = boxes[0];
    const column = (x: number) => ctx.getImageData(Math.round(x), b.y + 1, 1, b.height - 2).data;
    const share = (d: Uint8ClampedArray) => {
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n / (d.length / 4);
    };
    const inside = column(b.x + b.width / 2);
    let r = 0;
    let g = 0;
    let bl = 0;
    for (let i = 0; i < inside.length; i += 4) {
      r += inside[i];
      g += inside[i + 1];
      bl += inside[i + 2];
    }
    const k = inside.length / 4;
    // A column outside every band: left of the first one if there is room, else right of the last one.
    const last = boxes[boxes.length - 1];
    const outX = b.x - 3 >= 0 ? b.x - 3 : last.x + last.width + 3;
    return { drawn: boxes.length, insideShare: share(inside), outsideShare: share(column(Math.min(canvas.width - 1, outX))), rgb: [r / k, g / k, bl / k] as [number, number, number] };
  }, testid);
}

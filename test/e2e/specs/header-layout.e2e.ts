// Issue 20: the header stays on one line at common laptop widths (it used to wrap "About" onto a second line at
// 1385 px): every control sits in one row inside the header, none cut off at its right edge, on the demo profile
// with its node dots and with a named workspace. Screenshots: test/e2e/artifacts/header-<width>.png.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { tid } from './helpers/workbench';

interface Row {
  headerHeight: number;
  /** Controls whose top is below the bottom of the first control: a second line. */
  wrapped: string[];
  /** Controls reaching past the header's right edge or the window's. */
  clipped: string[];
  overlapping: string[];
  cut: string[];
  controls: number;
}

async function setViewportWidth(width: number): Promise<void> {
  await browser.setWindowSize(width, 900);
  // The window's frame (if any) takes some width: grow the window until the page itself is `width` wide.
  const inner = await browser.execute(() => window.innerWidth);
  if (inner !== width) await browser.setWindowSize(width + (width - inner), 900);
  expect(await browser.execute(() => window.innerWidth)).toBe(width);
}

async function headerRow(): Promise<Row> {
  return browser.execute(() => {
    const header = document.querySelector('[data-testid="shell-header"]') as HTMLElement;
    const hb = header.getBoundingClientRect();
    const controls = [...header.querySelectorAll<HTMLElement>('button, select, .brand, .version, [data-testid="workspace-name"], [data-testid="node-status"]')].filter((el) => {
      const r = el.getBoundingClientRect();
      // Popovers and menus are not part of the row; hidden elements take no space.
      return r.width > 0 && r.height > 0 && !el.closest('[role="menu"], [role="dialog"], dialog, .popover');
    });
    const name = (el: HTMLElement) => el.dataset.testid ?? (el.className || el.tagName);
    const firstBottom = Math.min(...controls.map((el) => el.getBoundingClientRect().bottom));
    return {
      headerHeight: hb.height,
      wrapped: controls.filter((el) => el.getBoundingClientRect().top >= firstBottom - 1).map(name),
      clipped: controls.filter((el) => el.getBoundingClientRect().right > Math.min(hb.right, window.innerWidth) + 0.5).map(name),
      // Side by side in the row, nothing drawn over its neighbour, no text cut inside its own box.
      overlapping: controls
        .filter((el) => !controls.some((o) => o !== el && o.contains(el)))
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .sort((a, b) => a.r.left - b.r.left)
        .flatMap((x, i, all) => (i && x.r.left < all[i - 1].r.right - 0.5 ? [`${name(all[i - 1].el)}|${name(x.el)}`] : [])),
      cut: controls.filter((el) => el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1).map(name),
      controls: controls.length,
    };
  });
}

describe('header layout', () => {
  after(async () => {
    await browser.setWindowSize(1400, 900);
  });

  for (const width of [1385, 1024]) {
    it(`is one line at ${width} px`, async () => {
      await setViewportWidth(width);
      await browser.url(process.env.RRX_E2E_URL!);
      await (await $(tid('demo-badge'))).waitForDisplayed({ timeout: 20_000 });
      await (await $(tid('node-status-demo-b'))).waitForDisplayed();
      const row = await headerRow();
      await browser.saveScreenshot(join(ARTIFACTS, `header-${width}.png`));
      expect(row.controls).toBeGreaterThan(8);
      expect(row.wrapped).toEqual([]);
      expect(row.clipped).toEqual([]);
      expect(row.overlapping).toEqual([]);
      expect(row.cut).toEqual([]);
      // One line of controls: well under two button heights.
      expect(row.headerHeight).toBeLessThan(60);
      // Every header action is still reachable: About lives on in the help menu, the rest in the row.
      for (const id of ['profile-select', 'manage-profiles', 'workspace-save', 'file-menu', 'rules-toggle', 'new-panel', 'time-format', 'theme-toggle', 'help-button']) {
        expect({ id, shown: await (await $(tid(id))).isDisplayed() }).toEqual({ id, shown: true });
      }
      await (await $(tid('help-button'))).click();
      await (await $(tid('about-button'))).click();
      await (await $(tid('about-dialog'))).waitForDisplayed();
      await browser.keys(['Escape']);
    });
  }
});

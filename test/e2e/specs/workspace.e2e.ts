// Workspaces, exports and the Grafana toggle in Chromium over the bridge, on the embedded demo cluster: save a
// workspace with its data, reload, reopen it from the recent list and see the same series offline; edit a query
// offline (covered → result, not covered → the missing reads named); CSV and 2× PNG export; an incident bundle;
// overwrite confirmation and a damaged file's typed error; serving the cluster to Grafana. Screenshots go to
// test/e2e/artifacts/workspace-*.png.
import { expect } from '@wdio/globals';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';

const shot = (name: string) => browser.saveScreenshot(join(ARTIFACTS, `workspace-${name}.png`));

async function waitDone(index: number, timeout = 60_000): Promise<WebdriverIO.Element> {
  await browser.waitUntil(async () => (await $$(tid('query-panel')).length) > index, { timeout: 20_000, timeoutMsg: 'no panels' });
  const p = await panel(index);
  await browser.waitUntil(async () => (await p.getAttribute('data-state')) === 'done', { timeout, timeoutMsg: `panel ${index} did not finish` });
  return p;
}

async function legendCount(p: WebdriverIO.Element): Promise<number> {
  await p.$(tid('legend-item')).waitForExist({ timeout: 20_000 });
  return (await p.$$(tid('legend-item'))).length;
}

async function setPath(testid: string, value: string): Promise<void> {
  const input = await $(tid(testid));
  await input.waitForDisplayed();
  await input.clearValue();
  await input.setValue(value);
}

async function openFileMenu(): Promise<void> {
  await (await $(tid('file-menu'))).click();
  await (await $(tid('workspace-open'))).waitForDisplayed();
}

/** PNG width/height from the IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rrx-e2e-ws-'));
  const wsPath = join(dir, 'e2e-investigation.rrxw');
  let seriesBefore = 0;

  it('saves the demo workspace with its data', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    const p = await waitDone(0);
    seriesBefore = await legendCount(p);
    expect(seriesBefore).toBeGreaterThan(0);
    await expect($(tid('workspace-name'))).toHaveText(expect.stringContaining('Untitled'));

    await (await $(tid('workspace-save'))).click();
    await (await $(tid('save-dialog'))).waitForDisplayed();
    await setPath('save-path', join(dir, 'e2e-investigation'));
    await expect($(tid('save-include-snapshot'))).toBeSelected();
    await shot('save-dialog');
    await (await $(tid('save-submit'))).click();
    const name = await $(tid('workspace-name'));
    await browser.waitUntil(async () => (await name.getAttribute('data-path')) === wsPath, { timeout: 20_000, timeoutMsg: 'not saved' });
    expect(await name.getAttribute('data-dirty')).toBe('false');
    expect(await browser.getTitle()).toBe('e2e-investigation — Remote Read Explorer');
    const doc = JSON.parse(readFileSync(wsPath, 'utf8')) as { format: string; panels: unknown[]; snapshot?: unknown };
    expect(doc.format).toBe('rrx-workspace');
    expect(doc.panels.length).toBe(2);
    expect(doc.snapshot).toBeDefined();
    await shot('saved');
  });

  it('reopens it from the recent list after a reload: same series, offline', async () => {
    await browser.refresh();
    await (await $(tid('file-menu'))).waitForClickable({ timeout: 20_000 });
    await openFileMenu();
    await (await $(tid('workspace-open'))).click();
    const item = await $(`${tid('recent-item')}[data-path="${wsPath}"]`);
    await item.waitForDisplayed({ timeout: 10_000 });
    await shot('open-dialog');
    await item.click();
    await browser.waitUntil(async () => (await (await $(tid('workspace-name'))).getAttribute('data-path')) === wsPath, { timeout: 20_000 });
    const p = await waitDone(0);
    expect(await p.getAttribute('data-offline')).toBe('true');
    await expect(p.$(tid('offline-badge'))).toBeDisplayed();
    await expect(p.$(tid('offline-badge'))).toHaveText(expect.stringContaining('Offline snapshot from'));
    expect(await legendCount(p)).toBe(seriesBefore);
    expect(await (await $(tid('workspace-name'))).getAttribute('data-dirty')).toBe('false');
    await shot('reopened-offline');
  });

  it('exports CSV of the offline panel', async () => {
    const p = await panel(0);
    await (await p.$(tid('export-menu'))).click();
    await (await p.$(tid('export-csv-layout'))).selectByAttribute('value', 'long');
    await (await p.$(tid('export-csv-node'))).selectByAttribute('value', 'merged');
    await (await p.$(tid('export-csv'))).click();
    const status = await p.$(tid('export-status'));
    await status.waitForDisplayed({ timeout: 20_000 });
    expect(await status.getAttribute('data-ok')).toBe('true');
    const rows = Number(await status.getAttribute('data-rows'));
    expect(rows).toBeGreaterThan(0);
    const dl = await browser.execute(async () => {
      const d = (window as unknown as { __rrxLastDownload: { filename: string; kind: string; blob: Blob } }).__rrxLastDownload;
      return { filename: d.filename, kind: d.kind, text: await d.blob.text() };
    });
    expect(dl.kind).toBe('csv');
    expect(dl.filename).toMatch(/\.csv$/);
    const lines = dl.text.trim().split(/\r?\n/);
    expect(lines[0].toLowerCase()).toContain('timestamp');
    expect(lines.length - 1).toBe(rows);
  });

  it('exports the chart as a 2× PNG with header and legend, not blank; copy falls back clearly', async () => {
    const p = await panel(0);
    const chart = await browser.execute(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="query-panel"] [data-testid="graph-chart"] canvas')!;
      return { w: c.clientWidth, h: c.clientHeight };
    });
    await (await p.$(tid('export-menu'))).click();
    await (await p.$(tid('export-png'))).click();
    const status = await p.$(tid('export-status'));
    await browser.waitUntil(async () => !!(await status.getAttribute('data-png-width')), { timeout: 20_000 });
    const cssHeight = Number(await status.getAttribute('data-css-height'));
    // The first series' colour, as its legend swatch shows it: its line must be in the picture, not only its swatch.
    const lineColour = await browser.execute(() => {
      const sw = document.querySelector<HTMLElement>('[data-testid="query-panel"] [data-testid="legend-item"] .swatch')!;
      return getComputedStyle(sw).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number);
    });
    const png = await browser.execute(async (rgb: number[]) => {
      const d = (window as unknown as { __rrxLastDownload: { kind: string; blob: Blob } }).__rrxLastDownload;
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
      const colours = new Set<number>();
      const bg = (px[0] << 16) | (px[1] << 8) | px[2];
      const bgRgb = [px[0], px[1], px[2]];
      let nonBg = 0;
      let line = 0;
      for (let i = 0; i < px.length; i += 4) {
        const v = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
        colours.add(v);
        if (v !== bg) nonBg++;
        // Line pixels are anti-aliased and scaled: any blend of background and line colour that is mostly line.
        const d = [rgb[0] - bgRgb[0], rgb[1] - bgRgb[1], rgb[2] - bgRgb[2]];
        const a = ((px[i] - bgRgb[0]) * d[0] + (px[i + 1] - bgRgb[1]) * d[1] + (px[i + 2] - bgRgb[2]) * d[2]) / (d[0] * d[0] + d[1] * d[1] + d[2] * d[2] || 1);
        const off = Math.abs(bgRgb[0] + a * d[0] - px[i]) + Math.abs(bgRgb[1] + a * d[1] - px[i + 1]) + Math.abs(bgRgb[2] + a * d[2] - px[i + 2]);
        if (a > 0.5 && a < 1.2 && off < 45) line++;
      }
      return { kind: d.kind, base64: btoa(bin), colours: colours.size, nonBg, line };
    }, lineColour);
    writeFileSync(join(ARTIFACTS, 'workspace-export.png'), Buffer.from(png.base64, 'base64'));
    expect(png.kind).toBe('png');
    const size = pngSize(Buffer.from(png.base64, 'base64'));
    expect(size.width).toBe(2 * chart.w);
    expect(size.height).toBe(2 * cssHeight);
    expect(cssHeight).toBeGreaterThan(chart.h); // header band and legend around the chart
    expect(png.colours).toBeGreaterThan(20);
    expect(png.nonBg).toBeGreaterThan(5000);
    // A line across a 2× chart is thousands of pixels of its colour; its legend swatch in the picture is 400.
    expect(png.line).toBeGreaterThan(2000);

    await (await p.$(tid('export-menu'))).click();
    await (await p.$(tid('export-png-copy'))).click();
    await browser.waitUntil(async () => /clipboard|downloaded instead/i.test(await status.getText()), { timeout: 20_000, timeoutMsg: 'no copy outcome shown' });
    await shot('png-exported');
  });

  it('edits a query offline: covered → evaluated from the snapshot; not covered → the missing reads are named', async () => {
    await typeExpression('sum(rate(node_network_receive_bytes_total[5m]))', 0);
    expect(await runWithShortcut(0)).toBe('done');
    const p = await panel(0);
    expect(await p.getAttribute('data-offline')).toBe('true');
    expect(await legendCount(p)).toBe(1);
    expect(await (await $(tid('workspace-name'))).getAttribute('data-dirty')).toBe('true');

    await typeExpression('node_load1', 0);
    expect(await runWithShortcut(0)).toBe('error');
    const missing = await p.$(tid('snapshot-missing'));
    await expect(missing).toBeDisplayed();
    await expect(missing).toHaveText(expect.stringContaining('node_load1'));
    await expect(p.$(tid('snapshot-run-live'))).toBeDisplayed();
    await shot('snapshot-missing');
    // The offer works: a live run against the demo profile.
    await (await p.$(tid('snapshot-run-live'))).click();
    await waitDone(0);
    expect(await p.getAttribute('data-offline')).toBe('false');
  });

  it('exports an incident bundle with the PNGs', async () => {
    const bundle = join(dir, 'incident.zip');
    await openFileMenu();
    await (await $(tid('export-bundle'))).click();
    await setPath('save-path', bundle);
    await (await $(tid('save-submit'))).click();
    const done = await $(tid('save-done'));
    await done.waitForDisplayed({ timeout: 60_000 });
    await expect(done).toHaveText(expect.stringContaining(bundle));
    expect(existsSync(bundle)).toBe(true);
    const zip = readFileSync(bundle);
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(zip.toString('latin1')).toMatch(/\.png/);
    await shot('bundle');
    await (await $(tid('save-dialog-close'))).click();
  });

  it('asks before replacing a file that is not a workspace; names a damaged file as such', async () => {
    const other = join(dir, 'notes.rrxw');
    writeFileSync(other, 'my notes, not a workspace');
    await openFileMenu();
    await (await $(tid('workspace-save-as'))).click();
    await setPath('save-path', other);
    await (await $(tid('save-submit'))).click();
    await (await $(tid('overwrite-confirm'))).waitForDisplayed({ timeout: 20_000 });
    await shot('overwrite-confirm');
    await (await $(tid('overwrite-yes'))).click();
    await browser.waitUntil(async () => (await (await $(tid('workspace-name'))).getAttribute('data-path')) === other, { timeout: 20_000 });
    expect(JSON.parse(readFileSync(other, 'utf8')).format).toBe('rrx-workspace');

    const broken = join(dir, 'broken.rrxw');
    writeFileSync(broken, readFileSync(wsPath, 'utf8').slice(0, 200));
    await openFileMenu();
    await (await $(tid('workspace-open'))).click();
    await setPath('open-path', broken);
    await (await $(tid('open-submit'))).click();
    const err = await $(tid('open-error'));
    await err.waitForDisplayed({ timeout: 20_000 });
    expect(await err.getAttribute('data-kind')).toBe('truncated');
    await expect(err).toHaveText(expect.stringContaining('incomplete'));
    await shot('open-error');
    await (await $(tid('open-dialog-close'))).click();
  });

  it('serves the demo cluster to Grafana: the URL answers /api/v1/query', async () => {
    await openFileMenu();
    await (await $(tid('grafana-button'))).click();
    const row = await $(tid('grafana-row'));
    await row.waitForDisplayed();
    const port = await row.$(tid('grafana-port'));
    await port.clearValue();
    await port.setValue('0');
    await (await row.$(tid('grafana-start'))).click();
    const urlBox = await $(tid('grafana-url'));
    await urlBox.waitForDisplayed({ timeout: 20_000 });
    const url = await urlBox.getValue();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    await shot('grafana');
    const res = await fetch(`${url}/api/v1/query?query=up`);
    const body = (await res.json()) as { status: string };
    expect(body.status).toBe('success');
    await (await $(tid('grafana-stop'))).click();
    await (await $(tid('grafana-start'))).waitForDisplayed({ timeout: 10_000 });
    await (await $(tid('grafana-dialog-close'))).click();
    expect(statSync(wsPath).size).toBeGreaterThan(0);
  });
});

// Issue 20, defect 9: a new profile's panels start at a range its data covers. A real Prometheus 2.42 serves a TSDB
// backfilled with promtool (create-blocks-from openmetrics, as the benchmark does) whose data ends three hours ago
// and which scrapes nothing; adding it as a profile moves the panel from "last 1h" (empty) to the hour ending at its
// newest sample, says so, and the query then draws data. "Show up to now instead" brings the relative range back.
// Screenshot: test/e2e/artifacts/data-extent-moved.png.
import { expect } from '@wdio/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { PROMTOOL_BIN, startPrometheus, type PrometheusServer } from '../../helpers/prometheus';
import { addProfile } from './helpers/gaps';
import { panel, runWithShortcut, tid, typeExpression } from './helpers/workbench';

const HOUR = 3_600_000;
const STEP_S = 15;

/** OpenMetrics text of `up` and `node_load1` for two instances, every 15 s over [startMs, endMs]. */
function openMetrics(startMs: number, endMs: number): string {
  const lines: string[] = [];
  const first = Math.ceil(startMs / 1000 / STEP_S) * STEP_S;
  for (const [family, type] of [['up', 'gauge'], ['node_load1', 'gauge']] as const) {
    lines.push(`# TYPE ${family} ${type}`);
    for (const instance of ['host-1:9100', 'host-2:9100']) {
      for (let t = first; t * 1000 <= endMs; t += STEP_S) {
        const v = family === 'up' ? 1 : 0.5 + 0.4 * Math.sin(t / 600 + (instance === 'host-1:9100' ? 0 : 1));
        lines.push(`${family}{instance="${instance}",job="node"} ${v} ${t}`);
      }
    }
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

describe('a new profile opens on a range its data covers', () => {
  let prom: PrometheusServer;
  let dir: string;
  let newestMs: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrx-e2e-backfill-'));
    const now = Date.now();
    newestMs = Math.floor((now - 3 * HOUR) / 1000 / STEP_S) * STEP_S * 1000;
    const file = join(dir, 'data.om.txt');
    writeFileSync(file, openMetrics(newestMs - 5 * HOUR, newestMs));
    const data = join(dir, 'tsdb');
    mkdirSync(data);
    execFileSync(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', file, data], { stdio: 'pipe', timeout: 120_000 });
    // No scrape configs: nothing new is written, so the data really ends three hours ago.
    prom = await startPrometheus({ dataDir: data, configYaml: 'global:\n  scrape_interval: 15s\n', label: 'backfilled prometheus' });
  });

  after(async () => {
    await prom?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves the first panel to the hour ending at the newest sample, says so, and the query draws data', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('demo-badge'))).waitForDisplayed({ timeout: 20_000 });
    const p = await panel(0);
    await browser.waitUntil(async () => (await p.getAttribute('data-state')) !== 'running', { timeout: 60_000 });
    await (await p.$(tid('range-button'))).click();
    await (await $(tid('range-preset-1h'))).click();
    expect(await (await p.$(tid('range-button'))).getText()).toMatch(/1h/);

    // The editor starts with two nodes (an HA pair): both read the same backfilled server, once by its base URL.
    await addProfile('Backfilled', [
      { name: 'bf-a', url: prom.baseUrl },
      { name: 'bf-b', url: prom.readUrl },
    ]);
    const notice = await $(tid('data-extent-notice'));
    await notice.waitForDisplayed({ timeout: 30_000, timeoutMsg: 'no notice that the data ends in the past' });
    const text = await notice.getText();
    expect(text).toMatch(/Data of Backfilled ends 3h(\dm)? ago; showing \d{1,2}:\d\d( [AP]M)?–\d{1,2}:\d\d( [AP]M)?\./);
    await browser.saveScreenshot(join(ARTIFACTS, 'data-extent-moved.png'));

    await typeExpression('node_load1');
    expect(await runWithShortcut(0, 60_000)).toBe('done');
    expect(await p.$(tid('empty-result')).isExisting()).toBe(false);
    expect((await p.$$(tid('legend-item'))).length).toBe(2);
    // The panel's range is now absolute, ending at the newest sample rounded up to the minute.
    const end = new Date(Math.ceil((newestMs + 1) / 60_000) * 60_000);
    const hhmm = `${String(end.getHours()).padStart(2, '0')}:${String(end.getMinutes()).padStart(2, '0')}`;
    expect(await (await p.$(tid('range-button'))).getText()).toMatch(new RegExp(`→ .*${hhmm}`));

    // "Show up to now instead": back to the relative hour, which holds no data of this profile.
    await (await $(tid('data-extent-restore'))).click();
    await browser.waitUntil(async () => /1h/.test(await (await p.$(tid('range-button'))).getText()), { timeout: 5_000 });
    expect(await $(tid('data-extent-notice')).isExisting()).toBe(false);
    expect(await runWithShortcut(0, 60_000)).toBe('done');
    expect(await p.$(tid('empty-result')).isExisting()).toBe(true);
    await browser.saveScreenshot(join(ARTIFACTS, 'data-extent-restored.png'));
  });
});

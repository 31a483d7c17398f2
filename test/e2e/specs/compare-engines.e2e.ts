// Engines in the Compare view, in Chromium over the bridge, against real Prometheus 2.42: two collectors and the
// seed's 9090 (remote_read to both) as the profile's engine. The engine is one more tile, labelled with its name and
// kind, whose numbers are the 9090's own (checked against its /api/v1/query_range); the 9090 interleaves both
// replicas, so count_over_time counts about twice what rrx's penalty merge counts — a divergence the answer table lists.
import { expect } from '@wdio/globals';
import { join } from 'node:path';
import { ARTIFACTS } from '../wdio.conf';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { runCompare, setRangePreset } from './helpers/compare';
import { panel, tid, typeExpression } from './helpers/workbench';

const EXPR = 'count_over_time(up{job="node"}[5s])';

describe('engines in the Compare view', () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startCluster({ withQueryNode: true });
    await cluster.waitForData(5);
    await new Promise((r) => setTimeout(r, 10_000));
  });
  after(async () => cluster?.stop());

  it('a profile with the 9090 as its engine shows the engine tile, its values and its divergence', async () => {
    await browser.url(process.env.RRX_E2E_URL!);
    await (await $(tid('demo-badge'))).waitForDisplayed({ timeout: 20_000 });
    await (await $(tid('manage-profiles'))).click();
    await (await $(tid('profiles-dialog'))).waitForDisplayed();
    await (await $(tid('profile-new'))).click();
    const name = await $(tid('profile-name'));
    await name.clearValue();
    await name.setValue('E2E seed with 9090');
    await (await $(tid('profile-compat'))).selectByAttribute('value', 'prometheus2');
    for (const i of [0, 1]) await (await $(tid(`node-url-${i}`))).setValue(cluster.collectors[i].readUrl);
    await (await $(tid('engine-add'))).click();
    await (await $(tid('engine-name-0'))).setValue('seed-9090');
    await (await $(tid('engine-url-0'))).setValue(cluster.query!.baseUrl);
    await (await $(tid('profile-save'))).click();
    await (await $(tid('profile-saved'))).waitForDisplayed({ timeout: 15_000 });
    await (await $(tid('profiles-dialog-close'))).click();

    await setRangePreset('5m');
    await typeExpression(EXPR);
    const p = await panel(0);
    await (await p.$(tid('answer-mode'))).selectByAttribute('value', 'local');
    const view = await runCompare(0);
    expect(await view.getAttribute('data-strategy')).toBe('penalty');

    const tile = await view.$(`${tid('compare-engine')}[data-engine="seed-9090"]`);
    await tile.waitForDisplayed({ timeout: 30_000 });
    expect(await tile.getAttribute('data-ok')).toBe('true');
    await expect(tile.$(tid('compare-engine-kind'))).toHaveText('engine node');
    await expect(tile).toHaveText(expect.stringContaining(`127.0.0.1:${cluster.query!.port}`));
    await (await tile.$(tid('compare-engine-values-toggle'))).click();
    const rows = await tile.$$(tid('compare-engine-value'));
    const shown: [number, number][] = [];
    for (const r of rows) shown.push([Number(await r.getAttribute('data-t-ms')), Number(await r.getAttribute('data-value'))]);
    expect(shown.length).toBeGreaterThan(5);
    await browser.saveScreenshot(join(ARTIFACTS, 'compare-engines.png'));

    // The 9090's own answer over the same grid. The last steps were still being scraped when the app asked, so
    // only steps at least 5 s older than the last are compared.
    const stepMs = Number(await view.getAttribute('data-step-ms'));
    const settled = shown.filter(([t]) => t <= shown.at(-1)![0] - 5000);
    const url = new URL('/api/v1/query_range', cluster.query!.baseUrl);
    url.search = new URLSearchParams({ query: EXPR, start: String(settled[0][0] / 1000), end: String(settled.at(-1)![0] / 1000), step: String(stepMs / 1000) }).toString();
    const own = (await (await fetch(url)).json()) as { data: { result: { values: [number, string][] }[] } };
    expect(own.data.result).toHaveLength(1);
    expect(settled).toEqual(own.data.result[0].values.map(([t, v]) => [Math.round(t * 1000), Number(v)]));
    // Each replica holds one sample a second: the 9090 counts both replicas' samples in most windows.
    expect(settled.some(([, v]) => v >= 8)).toBe(true);

    const answers = await view.$(tid('answer-findings'));
    await answers.waitForDisplayed();
    const listed = await answers.$$(`${tid('finding-row')}[data-kind="divergence"][data-node="seed-9090"]`);
    expect(listed.length).toBeGreaterThan(0);
    await listed[0].click();
    await expect(view).toHaveAttribute('data-zoomed', 'true');
  });
});

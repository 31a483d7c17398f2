// Offline workspaces against the real test cluster: `rrx snapshot` while both collectors run, then — with the cluster
// stopped — `rrx export` and workspace.open give the same results and findings as `rrx query`/`rrx compare` gave
// live. The same via the API from a saved profile with secrets; no planted secret reaches any file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '@core/api/create-handlers';
import type { ApiHandlers } from '@core/api/handlers';
import { formatFloatF } from '@core/promql/engine/format-float';
import type { QueryResultView } from '@shared/api/query-types';
import type { WorkspacePanel } from '@shared/api/workspace-types';
import { startCluster, type TestCluster } from '../../helpers/cluster';
import { testCoreServices } from '../../helpers/core-services';
import { rrx } from '../../helpers/run-cli';
import { csvRecords } from '../../unit/export/csv-parse';

const SECRETS = ['PLANTED-userinfo-pw-7731', 'PLANTED-bearer-9921', 'PLANTED-profile-pw-5150', 'PLANTED-header-4242'];
const EXPRS = ['up', 'rate(prometheus_http_requests_total[10s])', 'sum by (job) (up)', 'count(up)'];

interface ApiJson {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; values?: [number, string][]; value?: [number, string] }[] };
}

const dir = mkdtempSync(join(tmpdir(), 'rrx-offline-'));
const wsPath = join(dir, 'incident.rrxw');
let cluster: TestCluster;
let handlers: ApiHandlers;
let range: string[];
const live: { query: string[]; compare: string[] } = { query: [], compare: [] };
let liveApi: QueryResultView;
const apiPanel = (startMs: number, endMs: number): WorkspacePanel => ({
  id: 'cpu',
  title: 'HTTP rate',
  expr: 'sum by (handler) (rate(prometheus_http_requests_total[10s]))',
  kind: 'range',
  range: { type: 'absolute', startMs, endMs },
  stepMs: 2000,
  strategy: 'penalty',
  view: { mode: 'compare', stacked: true },
  comparison: { perNode: true, findings: true },
});
let panelTimes: [number, number];

function allFiles(): string {
  return execFileSync('sh', ['-c', `cat ${dir}/*.rrxw ${dir}/*.csv 2>/dev/null; unzip -p ${dir}/bundle.zip`], { encoding: 'latin1', maxBuffer: 1 << 28 });
}

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.waitForData(25);
  // A window safely in the past: nothing more will be ingested into it between the live query and the snapshot.
  const endMs = Math.floor(Date.now() / 1000) * 1000 - 5000;
  const startMs = endMs - 20_000;
  panelTimes = [startMs, endMs];
  range = ['--start', String(startMs / 1000), '--end', String(endMs / 1000), '--step', '2s'];
  const userinfo = cluster.collectors.map((c) => c.readUrl.replace('http://', 'http://rrx:PLANTED-userinfo-pw-7731@'));
  const endpoints = userinfo.flatMap((u) => ['--endpoint', u]);
  for (const expr of EXPRS) {
    live.query.push((await rrx(['query', '--expr', expr, '--format', 'json', ...range, ...endpoints])).stdout);
    live.compare.push((await rrx(['compare', '--expr', expr, '--format', 'json', ...range, ...endpoints])).stdout);
  }
  const snap = await rrx(['snapshot', ...EXPRS.flatMap((e) => ['--expr', e]), ...range, ...endpoints, '--out', wsPath]);
  expect(snap.stderr).toContain('wrote');
  expect(snap.code).toBe(0);
  // A bearer token from a file: used for reading, never written.
  const token = join(dir, 'token.txt');
  writeFileSync(token, 'PLANTED-bearer-9921\n');
  const bearer = await rrx(['snapshot', '--expr', 'up', ...range, ...cluster.collectors.flatMap((c) => ['--endpoint', c.readUrl]), '--bearer-token-file', token, '--out', join(dir, 'bearer.rrxw')]);
  expect(bearer.code).toBe(0);

  // The app's way: a saved profile with a password and a secret header, a query, then save and bundle.
  const services = await testCoreServices();
  handlers = createApiHandlers(services);
  const profile = await handlers['profiles.save'](
    {
      profile: {
        name: 'test pair',
        nodes: cluster.collectors.map((c, i) => ({
          name: `collector-${'ab'[i]}`,
          endpoint: { url: c.readUrl, basicAuth: { username: 'rrx' }, secrets: { basicAuthPassword: { action: 'set', value: 'PLANTED-profile-pw-5150' }, headers: { action: 'set', value: { 'X-Scope-OrgID': 'PLANTED-header-4242' } } } },
        })),
        mergeStrategy: 'union',
        timeoutMs: 30_000,
        partialPolicy: 'partial',
        compat: 'prometheus3',
      },
    },
    {},
  );
  const p = apiPanel(startMs, endMs);
  liveApi = await handlers['query.run']({ request: { queryId: 'q1', profileId: profile.id, expr: p.expr, kind: 'range', startMs, endMs, stepMs: 2000, strategy: 'penalty', perNode: true, findings: true } }, {});
  const saved = await handlers['workspace.save']({ path: join(dir, 'app.rrxw'), workspace: { profileId: profile.id, panels: [p] }, queryIds: { cpu: 'q1' } }, {});
  expect(saved.snapshotPanels).toEqual(['cpu']);
  const csv = await handlers['export.csv']({ source: { queryId: 'q1' }, layout: 'wide' }, {});
  writeFileSync(join(dir, 'live-wide.csv'), csv.csv);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');
  const bundle = await handlers['export.bundle']({ path: join(dir, 'bundle.zip'), workspace: { profileId: profile.id, panels: [p] }, queryIds: { cpu: 'q1' }, pngs: [{ panelId: 'cpu', base64: png }] }, {});
  expect(bundle.entries).toEqual(['workspace.rrxw', 'csv/1-HTTP_rate-long.csv', 'csv/1-HTTP_rate-wide.csv', 'png/1-HTTP_rate.png', 'README.md']);

  await cluster.stop();
}, 180_000);

afterAll(async () => {
  await cluster?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('offline workspaces from the real cluster (after it stopped)', () => {
  it('the cluster is really gone', async () => {
    const r = await rrx(['query', '--expr', 'up', ...range, ...cluster.collectors.flatMap((c) => ['--endpoint', c.readUrl])]);
    expect(r.code).toBe(1);
  });

  it('rrx export --format json equals the live rrx query output, panel by panel', async () => {
    for (const [i, expr] of EXPRS.entries()) {
      const off = await rrx(['export', '--workspace', wsPath, '--panel', String(i + 1), '--format', 'json', '--out', '-']);
      expect(off.code, off.stderr).toBe(0);
      expect(off.stdout, expr).toBe(live.query[i]);
      expect((JSON.parse(off.stdout) as ApiJson).data.result.length, expr).toBeGreaterThan(0);
    }
  });

  it('rrx export --format compare equals the live rrx compare output (coverage and findings)', async () => {
    for (const [i, expr] of EXPRS.entries()) {
      const off = await rrx(['export', '--workspace', wsPath, '--panel', `p${i + 1}`, '--format', 'compare', '--out', '-']);
      expect(off.code, off.stderr).toBe(0);
      expect(off.stdout, expr).toBe(live.compare[i]);
    }
  });

  it('CSV (long, merged and every node) parses back to the live values', async () => {
    const out = join(dir, 'rate.csv');
    const r = await rrx(['export', '--workspace', wsPath, '--panel', '2', '--format', 'csv', '--layout', 'long', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = csvRecords(readFileSync(out, 'utf8'));
    const liveJson = JSON.parse(live.query[1]) as ApiJson;
    const merged = rows.filter((x) => x.node === 'merged');
    const expected = liveJson.data.result.flatMap((s) => (s.values ?? []).map(([t, v]) => ({ instance: s.metric.instance, t: Math.round(t * 1000), v })));
    expect(merged.map((x) => ({ instance: x.instance, t: Number(x.timestamp_ms), v: x.value }))).toEqual(expected);
    for (const x of merged) expect(new Date(x.timestamp).getTime()).toBe(Number(x.timestamp_ms));
    const nodes = new Set(rows.map((x) => x.node));
    expect(nodes.size).toBe(3); // merged + both collectors
  });

  it('wide CSV: one file for merged and every node, told apart by the node column', async () => {
    const out = join(dir, 'up-wide.csv');
    expect((await rrx(['export', '--workspace', wsPath, '--panel', '1', '--layout', 'wide', '--out', out])).code).toBe(0);
    const rows = csvRecords(readFileSync(out, 'utf8'));
    const liveJson = JSON.parse(live.query[0]) as ApiJson;
    for (const s of liveJson.data.result) {
      const header = Object.keys(rows[0]).find((h) => h.includes(`instance="${s.metric.instance}"`) && h.includes(`job="${s.metric.job}"`)) as string;
      const merged = rows.filter((x) => x.node === 'merged' && x[header] !== '');
      expect(merged.map((x) => [Number(x.timestamp_ms) / 1000, x[header]])).toEqual(s.values);
    }
  });

  it('several panels without --panel: one file per panel; usage errors exit 2; a missing file exits 1', async () => {
    const out = join(dir, 'all.csv');
    expect((await rrx(['export', '--workspace', wsPath, '--out', out])).code).toBe(0);
    for (let i = 1; i <= EXPRS.length; i++) expect(readFileSync(join(dir, `all-p${i}.csv`), 'utf8')).toMatch(/^node,timestamp,timestamp_ms,value/);
    expect((await rrx(['export', '--workspace', wsPath, '--layout', 'tall', '--out', out])).code).toBe(2);
    expect((await rrx(['export', '--workspace', wsPath, '--panel', '9', '--out', out])).code).toBe(2);
    expect((await rrx(['export', '--workspace', wsPath, '--node', 'nope', '--panel', '1', '--out', out])).code).toBe(1);
    const missing = await rrx(['export', '--workspace', join(dir, 'none.rrxw'), '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist');
  });

  it('workspace.open re-evaluates the app-saved workspace offline: same merged result and findings as the live query', async () => {
    const opened = await handlers['workspace.open']({ path: join(dir, 'app.rrxw') }, {});
    expect(opened.hasSnapshot).toBe(true);
    expect(opened.workspace.panels[0]).toEqual(apiPanel(...panelTimes));
    const view = opened.panels[0].result as QueryResultView;
    expect(opened.panels[0].error).toBeUndefined();
    expect(view.strategy).toBe('penalty');
    const fmt = (v: QueryResultView) => v.merged.series.map((s) => ({ labels: s.labels, t: Array.from(s.timestamps), v: Array.from(s.values, formatFloatF) }));
    expect(fmt(view)).toEqual(fmt(liveApi));
    expect(view.findings).toEqual(liveApi.findings);
    expect(view.coverage).toEqual(liveApi.coverage);
    expect(view.perNode?.map((r) => r?.series.length)).toEqual(liveApi.perNode?.map((r) => r?.series.length));
    const csvBefore = await handlers['export.csv']({ source: { workspaceId: opened.workspaceId, panelId: 'cpu' }, layout: 'wide' }, {});
    expect(csvBefore.csv).toBe(readFileSync(join(dir, 'live-wide.csv'), 'utf8'));
    // Another strategy and an edit, both offline.
    const union = await handlers['workspace.evaluate']({ workspaceId: opened.workspaceId, panel: apiPanel(...panelTimes), strategy: 'union' }, {});
    expect(union.strategy).toBe('union');
    const edited = { ...apiPanel(...panelTimes), expr: 'max by (handler) (rate(prometheus_http_requests_total[10s]))' };
    expect((await handlers['workspace.evaluate']({ workspaceId: opened.workspaceId, panel: edited }, {})).merged.series.length).toBe(view.merged.series.length);
    await expect(handlers['workspace.evaluate']({ workspaceId: opened.workspaceId, panel: { ...edited, expr: 'node_load1' } }, {})).rejects.toMatchObject({ kind: 'snapshot-missing' });
    // Export of the panel as edited last: the edited expression's values.
    const editedCsv = await handlers['export.csv']({ source: { workspaceId: opened.workspaceId, panelId: 'cpu' }, layout: 'long', node: 'merged' }, {});
    expect(editedCsv.csv).not.toBe(csvBefore.csv);
    expect(editedCsv.filename).toBe('HTTP_rate-merged-long.csv');
    expect((await handlers['workspace.recent'](undefined, {})).map((r) => r.name)).toEqual(['app.rrxw']);
  });

  it('the bundle holds a readable README with the query, nodes, coverage and findings', () => {
    const readme = execFileSync('unzip', ['-p', join(dir, 'bundle.zip'), 'README.md'], { encoding: 'utf8' });
    expect(readme).toContain('sum by (handler) (rate(prometheus_http_requests_total[10s]))');
    expect(readme).toContain('collector-a');
    expect(readme).toContain('| Node | Series | Samples | Coverage');
    execFileSync('unzip', ['-tq', join(dir, 'bundle.zip')]);
  });

  it('no planted secret appears in any workspace, snapshot, CSV or bundle', () => {
    const text = allFiles();
    expect(text.length).toBeGreaterThan(10_000);
    expect(text).toContain('rrx-workspace');
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(text).not.toMatch(/rrx:[^@\s"]*@/); // no userinfo at all
  });
});

// The workspace API calls without a cluster: save/open of a workspace made from stored reads, recent files (max 10),
// autosave throttling and crash recovery (offered only when newer than the last clean exit), typed errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '@core/api/create-handlers';
import type { ApiHandlers } from '@core/api/handlers';
import { saveWorkspaceFile, buildDocument } from '@core/workspace';
import { testCoreServices } from '../../helpers/core-services';
import { FRAME, makePanel, makeRead, PROFILE } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'rrx-ws-api-'));
let h: ApiHandlers;
let dataDir: string;
const path = join(dir, 'base.rrxw');
const panels = [makePanel('p1', 'node_load1'), makePanel('p2', 'rate(node_cpu_seconds_total[2m])')];

beforeAll(async () => {
  const services = await testCoreServices();
  dataDir = services.dataDir;
  h = createApiHandlers(services);
  await saveWorkspaceFile(path, buildDocument({ profile: PROFILE, panels }), [makeRead('node_load1', FRAME, { panelId: 'p1' }), makeRead(panels[1].expr, FRAME, { panelId: 'p2' })]);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('workspace API calls', () => {
  it('open evaluates every panel offline; save as carries the stored reads over', async () => {
    const opened = await h['workspace.open']({ path }, {});
    expect(opened.panels.map((p) => [p.panelId, p.error, p.result?.merged.series.length])).toEqual([
      ['p1', undefined, 2],
      ['p2', undefined, 2],
    ]);
    expect(opened.snapshotReadAtMs).toEqual({ p1: FRAME.endMs + 500, p2: FRAME.endMs + 500 });
    const copy = join(dir, 'copy.rrxw');
    const saved = await h['workspace.save']({ path: copy, workspace: { profile: opened.workspace.profile, panels: opened.workspace.panels }, workspaceId: opened.workspaceId }, {});
    expect(saved.snapshotPanels).toEqual(['p1', 'p2']);
    const again = await h['workspace.open']({ path: copy }, {});
    expect(again.panels.map((p) => p.result?.merged)).toEqual(opened.panels.map((p) => p.result?.merged));
    const noData = join(dir, 'nodata.rrxw');
    await h['workspace.save']({ path: noData, workspace: { profile: PROFILE, panels }, includeSnapshot: false }, {});
    expect((await h['workspace.open']({ path: noData }, {})).panels[0].error?.kind).toBe('no-snapshot');
  });

  it('errors are typed: relative paths, missing panels data, damaged files, refused overwrites', async () => {
    await expect(h['workspace.open']({ path: 'relative.rrxw' }, {})).rejects.toMatchObject({ kind: 'invalid-request' });
    const bad = join(dir, 'bad.rrxw');
    writeFileSync(bad, '{"format": "rrx-workspace", "version": 2, "panels": [');
    await expect(h['workspace.open']({ path: bad }, {})).rejects.toMatchObject({ kind: 'truncated' });
    await expect(h['workspace.save']({ path: bad, workspace: { profile: PROFILE, panels } }, {})).rejects.toMatchObject({ kind: 'overwrite-refused', reason: 'truncated' });
    expect(readFileSync(bad, 'utf8')).toContain('"panels": [');
    await expect(h['workspace.save']({ path: join(dir, 'q.rrxw'), workspace: { profile: PROFILE, panels }, queryIds: { p1: 'gone' } }, {})).rejects.toMatchObject({ kind: 'query-not-found' });
    await expect(h['workspace.evaluate']({ workspaceId: 'nope', panel: panels[0] }, {})).rejects.toMatchObject({ kind: 'workspace-not-found' });
    await expect(h['export.bundle']({ path, workspace: { profile: PROFILE, panels } }, {})).rejects.toMatchObject({ kind: 'overwrite-refused' });
  });

  it('recent files: newest first, no duplicates, at most 10, persisted', async () => {
    for (let i = 0; i < 12; i++) await h['workspace.save']({ path: join(dir, `r${i}.rrxw`), workspace: { profile: PROFILE, panels } }, {});
    await h['workspace.open']({ path: join(dir, 'r3.rrxw') }, {});
    const recent = await h['workspace.recent'](undefined, {});
    expect(recent).toHaveLength(10);
    expect(recent.slice(0, 3).map((r) => r.name)).toEqual(['r3.rrxw', 'r11.rrxw', 'r10.rrxw']);
    expect(JSON.parse(readFileSync(join(dataDir, 'recent-workspaces.json'), 'utf8')).items).toHaveLength(10);
  });

  it('autosave is throttled; recovery offers it until a clean exit or discard', async () => {
    const opened = await h['workspace.open']({ path }, {});
    const ws = { profile: opened.workspace.profile, panels: opened.workspace.panels };
    const first = await h['workspace.autosave']({ workspace: ws, workspaceId: opened.workspaceId }, {});
    expect(first.written).toBe(true);
    expect((await h['workspace.autosave']({ workspace: ws }, {})).written).toBe(false);
    expect((await h['workspace.recovery']({ action: 'check' }, {})).available).toBe(true);
    const loaded = await h['workspace.recovery']({ action: 'load' }, {});
    expect(loaded.opened?.panels.map((p) => p.result?.merged)).toEqual(opened.panels.map((p) => p.result?.merged));
    await h['workspace.cleanExit'](undefined, {});
    expect((await h['workspace.recovery']({ action: 'check' }, {})).available).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect((await h['workspace.autosave']({ workspace: ws, force: true }, {})).written).toBe(true); // a crash after this…
    expect((await h['workspace.recovery']({ action: 'check' }, {})).available).toBe(true);
    await h['workspace.recovery']({ action: 'discard' }, {});
    expect((await h['workspace.recovery']({ action: 'check' }, {})).available).toBe(false);
  });
});

// Workspaces keep each panel's answer mode (issue 16): saved from the app's API over the embedded demo cluster
// (two in-process remote_read servers), then — with the cluster closed — reopened offline with the mode and the
// delegate choice intact and the panels evaluated from the file's data. A file written before the field existed
// (no `answer`) still opens, and its panels are auto.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '@core/api/create-handlers';
import type { ApiHandlers } from '@core/api/handlers';
import { startDemoCluster, type DemoCluster } from '@core/demo/demo-cluster';
import type { WorkspacePanel } from '@shared/api/workspace-types';
import { testCoreServices } from '../../helpers/core-services';

const dir = mkdtempSync(join(tmpdir(), 'rrx-answer-mode-'));
let demo: DemoCluster;
let handlers: ApiHandlers;
const endMs = Math.floor(Date.now() / 60_000) * 60_000;
const startMs = endMs - 30 * 60_000;

const panel = (id: string, expr: string, answer?: WorkspacePanel['answer']): WorkspacePanel => ({
  id,
  expr,
  kind: 'range',
  range: { type: 'absolute', startMs, endMs },
  stepMs: 60_000,
  strategy: 'penalty',
  view: { mode: 'graph' },
  comparison: { perNode: false, findings: false },
  ...(answer ? { answer } : {}),
});
const PANELS = [
  panel('a', 'max by (job) (max_over_time(up[5m]))', { mode: 'pushdown' }),
  panel('b', 'sum(up)', { mode: 'delegate', delegateTo: 'thanos-query' }),
  panel('c', 'count(up)', { mode: 'auto' }),
];

beforeAll(async () => {
  demo = await startDemoCluster({ nowMs: endMs });
  handlers = createApiHandlers(await testCoreServices());
  const profile = await handlers['profiles.save'](
    { profile: { name: 'demo pair', nodes: demo.nodes.map((n) => ({ name: n.name, endpoint: { url: n.url } })), mergeStrategy: 'penalty', timeoutMs: 30_000, partialPolicy: 'partial', compat: 'prometheus3' } },
    {},
  );
  const queryIds: Record<string, string> = {};
  for (const p of PANELS) {
    await handlers['query.run']({ request: { queryId: `q-${p.id}`, profileId: profile.id, expr: p.expr, kind: 'range', startMs, endMs, stepMs: p.stepMs, mode: 'local' } }, {});
    queryIds[p.id] = `q-${p.id}`;
  }
  const saved = await handlers['workspace.save']({ path: join(dir, 'modes.rrxw'), workspace: { profileId: profile.id, panels: PANELS }, queryIds }, {});
  expect(saved.snapshotPanels).toEqual(['a', 'b', 'c']);
  await demo.close();
}, 60_000);

afterAll(async () => {
  await demo?.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('answer modes in workspace files', () => {
  it('the file holds each panel\'s answer mode and delegate choice', () => {
    const doc = JSON.parse(readFileSync(join(dir, 'modes.rrxw'), 'utf8')) as { panels: WorkspacePanel[] };
    expect(doc.panels.map((p) => p.answer)).toEqual([{ mode: 'pushdown' }, { mode: 'delegate', delegateTo: 'thanos-query' }, { mode: 'auto' }]);
  });

  it('reopens offline with the modes, every panel evaluated from the saved data', async () => {
    const opened = await handlers['workspace.open']({ path: join(dir, 'modes.rrxw') }, {});
    expect(opened.workspace.panels).toEqual(PANELS);
    for (const p of opened.panels) {
      expect(p.error, p.panelId).toBeUndefined();
      expect(p.result?.merged.series.length, p.panelId).toBeGreaterThan(0);
    }
  });

  it('a file from before the field (no answer) still opens; its panels have no mode, i.e. auto', async () => {
    const doc = JSON.parse(readFileSync(join(dir, 'modes.rrxw'), 'utf8')) as { panels: Partial<WorkspacePanel>[] };
    for (const p of doc.panels) delete p.answer;
    writeFileSync(join(dir, 'old.rrxw'), JSON.stringify(doc));
    const opened = await handlers['workspace.open']({ path: join(dir, 'old.rrxw') }, {});
    expect(opened.workspace.panels.map((p) => p.answer)).toEqual([undefined, undefined, undefined]);
    expect(opened.panels.map((p) => p.error)).toEqual([undefined, undefined, undefined]);
  });

  it('an unknown mode in a file is refused with the field named, not silently dropped', async () => {
    const doc = JSON.parse(readFileSync(join(dir, 'modes.rrxw'), 'utf8')) as { panels: WorkspacePanel[] };
    (doc.panels[0].answer as { mode: string }).mode = 'fast';
    writeFileSync(join(dir, 'bad.rrxw'), JSON.stringify(doc));
    await expect(handlers['workspace.open']({ path: join(dir, 'bad.rrxw') }, {})).rejects.toThrow(/answer/);
  });
});

import { describe, expect, it } from 'vitest';
import { buildWorkspaceInput, fromWorkspacePanel, panelsFingerprint, queryIdsFor, toWorkspacePanel, windowTitle, workspaceName } from '../../../../renderer/src/lib/workspace/document';
import { newPanel, type PanelSettings } from '../../../../renderer/src/lib/query/panel-model';

const panel = (patch: Partial<PanelSettings> = {}): PanelSettings => ({ ...newPanel('rate(x[5m])'), id: 'p1', ...patch });

describe('workspace document from panel state', () => {
  it('a graph panel: range query, relative range, the last run step, view options', () => {
    const w = toWorkspacePanel(panel({ strategy: 'union', graph: { stacked: true, yScale: 'log', fromZero: true, unit: 'bytes' } }), 15_000, 1e12);
    expect(w).toEqual({
      id: 'p1',
      expr: 'rate(x[5m])',
      kind: 'range',
      range: { type: 'relative', durationMs: 3_600_000 },
      stepMs: 15_000,
      strategy: 'union',
      view: { mode: 'graph', stacked: true, log: true, yFromZero: true, unit: 'bytes' },
      comparison: { perNode: false, findings: false },
      answer: { mode: 'auto' },
    });
  });
  it('saves the answer mode and the delegate choice and reopens with them', () => {
    const p = panel({ mode: 'delegate', delegateTo: 'thanos-query' });
    const w = toWorkspacePanel(p, 15_000, 1e12);
    expect(w.answer).toEqual({ mode: 'delegate', delegateTo: 'thanos-query' });
    expect(fromWorkspacePanel(w)).toMatchObject({ mode: 'delegate', delegateTo: 'thanos-query' });
    const pushdown = fromWorkspacePanel(toWorkspacePanel(panel({ mode: 'pushdown' }), 15_000, 1e12));
    expect(pushdown.mode).toBe('pushdown');
    expect(pushdown.delegateTo).toBeUndefined();
    // auto is the default: it reopens as "no mode chosen", as before.
    expect('mode' in fromWorkspacePanel(toWorkspacePanel(panel(), 15_000, 1e12))).toBe(false);
  });
  it('a panel from a file without an answer (before issue 16) opens in auto mode', () => {
    const { answer, ...old } = toWorkspacePanel(panel({ mode: 'local' }), 15_000, 1e12);
    expect(answer).toEqual({ mode: 'local' });
    const back = fromWorkspacePanel(old);
    expect(back.mode).toBeUndefined();
    expect(back.delegateTo).toBeUndefined();
  });
  it('table → instant with step 0; compare → per node and findings; default strategy written as penalty', () => {
    expect(toWorkspacePanel(panel({ view: 'table' }), undefined, 1e12)).toMatchObject({ kind: 'instant', stepMs: 0, strategy: 'penalty' });
    expect(toWorkspacePanel(panel({ view: 'compare' }), undefined, 1e12).comparison).toEqual({ perNode: true, findings: true });
  });
  it('without a run, the step comes from the resolution setting', () => {
    expect(toWorkspacePanel(panel({ resolution: { mode: 'fixed', stepMs: 30_000 } }), undefined, 1e12).stepMs).toBe(30_000);
    expect(toWorkspacePanel(panel(), undefined, 1e12).stepMs).toBe(15_000); // 1h / 250 → 15 s
  });
  it('round-trips through the document, keeping the stored step fixed', () => {
    const p = panel({ range: { kind: 'absolute', startMs: 1000, endMs: 4_000_000 }, view: 'compare', strategy: 'prefer-max', graph: { stacked: false, yScale: 'log', fromZero: false, unit: 'seconds' } });
    const back = fromWorkspacePanel(toWorkspacePanel(p, 20_000));
    expect(back).toEqual({ ...p, resolution: { mode: 'fixed', stepMs: 20_000 } });
  });
  it('an unknown unit falls back to auto; an instant panel opens as a table', () => {
    const w = { ...toWorkspacePanel(panel(), 1000), kind: 'instant' as const, view: { mode: 'graph' as const, unit: 'furlongs' } };
    const back = fromWorkspacePanel(w);
    expect(back.graph.unit).toBe('auto');
    expect(back.view).toBe('table');
  });
  it('builds the save input: empty panels left out, profileId preferred, queryIds only of saved panels', () => {
    const input = buildWorkspaceInput([panel(), panel({ id: 'p2', expr: '  ' })], { profileId: 'demo', profile: { name: 'x', nodes: [] } }, { p1: 5000 }, 1e12);
    expect(input.panels.map((p) => p.id)).toEqual(['p1']);
    expect(input.profileId).toBe('demo');
    expect(input.profile).toBeUndefined();
    expect(input.panels[0].stepMs).toBe(5000);
    expect(queryIdsFor(input, { p1: 'q1', p2: 'q2' })).toEqual({ p1: 'q1' });
    expect(queryIdsFor(input, {})).toBeUndefined();
  });
  it('names and titles', () => {
    expect(workspaceName('/home/a/inc/db-outage.rrxw')).toBe('db-outage');
    expect(workspaceName('C:\\Users\\a\\x.RRXW')).toBe('x');
    expect(workspaceName(null)).toBe('Untitled');
    expect(windowTitle('x', true)).toBe('● x — Remote Read Explorer');
    expect(windowTitle('x', false)).toBe('x — Remote Read Explorer');
  });
  it('the fingerprint changes with saved fields only', () => {
    const a = panelsFingerprint([panel()]);
    expect(panelsFingerprint([panel()])).toBe(a);
    expect(panelsFingerprint([panel({ expr: 'up' })])).not.toBe(a);
    expect(panelsFingerprint([panel({ mode: 'pushdown' })])).not.toBe(a);
    expect(panelsFingerprint([panel({ mode: 'delegate', delegateTo: 'x' })])).not.toBe(panelsFingerprint([panel({ mode: 'delegate' })]));
  });
});

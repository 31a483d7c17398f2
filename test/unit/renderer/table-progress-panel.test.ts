import { describe, expect, it } from 'vitest';
import type { EvaluatedResult } from '../../../shared/api/query-types';
import { rowsToTsv, sampleLines, sortRows, tableRows } from '../../../renderer/src/lib/query/table';
import { applyProgress, initialProgress, progressFraction } from '../../../renderer/src/lib/query/progress';
import { buildQueryRequest, newPanel } from '../../../renderer/src/lib/query/panel-model';
import { matchShortcut } from '../../../renderer/src/lib/shell/shortcuts';
import { loadPreference, resolveTheme, savePreference, toggledPreference } from '../../../renderer/src/lib/shell/theme';

const vec: EvaluatedResult = {
  resultType: 'vector',
  warnings: [],
  infos: [],
  series: [
    { labels: { __name__: 'up', instance: 'node10' }, timestamps: Float64Array.from([5000]), values: Float64Array.from([1]) },
    { labels: { __name__: 'up', instance: 'node9' }, timestamps: Float64Array.from([5000]), values: Float64Array.from([NaN]) },
    { labels: { __name__: 'up', instance: 'node1' }, timestamps: Float64Array.from([5000]), values: Float64Array.from([0]) },
  ],
};

describe('table', () => {
  it('sorts by labels naturally and by value with NaN last', () => {
    const rows = tableRows(vec);
    expect(sortRows(rows, 'labels', 'asc').map((r) => r.labels.instance)).toEqual(['node1', 'node9', 'node10']);
    expect(sortRows(rows, 'value', 'desc').map((r) => r.labels.instance)).toEqual(['node10', 'node1', 'node9']);
    expect(sortRows(rows, 'value', 'asc').map((r) => r.labels.instance)).toEqual(['node1', 'node10', 'node9']);
  });
  it('copies as TSV and lists raw samples', () => {
    expect(rowsToTsv(tableRows(vec).slice(0, 1))).toBe('series\tvalue\ttimestamp\nup{instance="node10"}\t1\t5');
    expect(sampleLines(vec, 0)).toEqual(['1 @5']);
  });
});

describe('progress', () => {
  it('folds events per node and measures the overall bar', () => {
    let p = initialProgress(['a', 'b']);
    expect(progressFraction(p)).toBe(0);
    p = applyProgress(p, { queryId: 'q', node: 'a', state: 'reading', bytes: 10, series: 1, samples: 5 });
    expect(progressFraction(p)).toBe(0.25);
    p = applyProgress(p, { queryId: 'q', node: 'b', state: 'failed', bytes: 0, series: 0, samples: 0, error: 'refused' });
    p = applyProgress(p, { queryId: 'q', node: 'a', state: 'done', bytes: 20, series: 1, samples: 9 });
    expect(progressFraction(p)).toBe(1);
    expect(p[1].error).toBe('refused');
    expect(applyProgress(p, { queryId: 'q', node: 'c', state: 'pending', bytes: 0, series: 0, samples: 0 })).toHaveLength(3);
  });
});

describe('panel → QueryRequest', () => {
  it('graph panels ask for a range with an auto step and per-node results', () => {
    const p = newPanel('up');
    const req = buildQueryRequest(p, 'prof', 10_000_000, 1200, 'q1');
    expect(req).toEqual({ queryId: 'q1', profileId: 'prof', expr: 'up', kind: 'range', startMs: 10_000_000 - 3_600_000, endMs: 10_000_000, stepMs: 10_000, perNode: false });
  });
  it('table panels ask for an instant value at the end of the range; compare asks for findings', () => {
    const p = { ...newPanel(' up '), view: 'table' as const, strategy: 'union' as const };
    expect(buildQueryRequest(p, 'prof', 5000, 100, 'q')).toEqual({ queryId: 'q', profileId: 'prof', expr: 'up', kind: 'instant', timeMs: 5000, strategy: 'union' });
    expect(buildQueryRequest({ ...newPanel('up'), view: 'compare' }, 'prof', 5000, 100, 'q')).toMatchObject({ perNode: true, findings: true });
  });
});

describe('shell: shortcuts and theme', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  it('matches Mod per platform and keeps plain keys out of text fields', () => {
    expect(matchShortcut(key('Enter', { ctrlKey: true }), false, true)).toBe('query.run');
    expect(matchShortcut(key('Enter', { metaKey: true }), true, true)).toBe('query.run');
    expect(matchShortcut(key('Enter', { ctrlKey: true }), true, true)).toBeNull();
    expect(matchShortcut(key('t', { altKey: true }), false, true)).toBe('panel.new');
    expect(matchShortcut(key('t', { ctrlKey: true }), false, false)).toBe('panel.new');
    expect(matchShortcut(key('/'), false, false)).toBe('editor.focus');
    expect(matchShortcut(key('/'), false, true)).toBeNull();
    expect(matchShortcut(key('?', { shiftKey: true }), false, false)).toBe('help.toggle');
    expect(matchShortcut(key('D', { altKey: true, shiftKey: true }), false, false)).toBe('theme.toggle');
  });
  it('follows the OS until chosen, toggles visibly, persists', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(toggledPreference('system', true)).toBe('light');
    expect(toggledPreference('light', true)).toBe('dark');
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    expect(loadPreference(storage)).toBe('system');
    savePreference('dark', storage);
    expect(loadPreference(storage)).toBe('dark');
    savePreference('system', storage);
    expect(store.size).toBe(0);
  });
});

import { parseDiagnostic, parseErrorText } from '../../../renderer/src/lib/query/parse-diagnostic';
import { initialPanels, parseWorkspace, serializeWorkspace, DEMO_QUERY } from '../../../renderer/src/lib/shell/workspace';

describe('parse errors in the editor', () => {
  it('places the diagnostic at start/end and names line:column', () => {
    const check = { ok: false, message: 'unclosed left parenthesis', line: 1, column: 17, start: 3, end: 16 };
    expect(parseDiagnostic(check, 16)).toMatchObject({ from: 3, to: 16, severity: 'error', message: '1:17: unclosed left parenthesis' });
    expect(parseErrorText({ ok: false, message: 'x' })).toBe('x');
    expect(parseErrorText({ ok: false, message: '1:17: parse error: unclosed left parenthesis', line: 1, column: 17 })).toBe('1:17: parse error: unclosed left parenthesis');
    expect(parseDiagnostic({ ok: true }, 5)).toBeNull();
  });
  it('widens an empty range so it is visible, even at the end of the text', () => {
    expect(parseDiagnostic({ ok: false, message: 'm', start: 16, end: 16 }, 16)).toMatchObject({ from: 15, to: 16 });
    expect(parseDiagnostic({ ok: false, message: 'm', start: 2 }, 16)).toMatchObject({ from: 2, to: 3 });
    expect(parseDiagnostic({ ok: false, message: 'm', start: 99, end: 120 }, 4)).toMatchObject({ from: 3, to: 4 });
  });
});

describe('workspace', () => {
  it('first start with the demo runs the example; saved panels come back without results', () => {
    const first = initialPanels(null, true);
    expect(first.autorun).toBe(true);
    expect(first.panels[0].expr).toBe(DEMO_QUERY);
    expect(first.panels.map((p) => p.view)).toEqual(['graph', 'compare']);
    expect(initialPanels(null, false)).toMatchObject({ autorun: false, panels: [{ expr: '' }] });
    const saved = parseWorkspace(serializeWorkspace([{ ...newPanel('up'), view: 'table' }]));
    expect(saved).toHaveLength(1);
    expect(saved![0]).toMatchObject({ expr: 'up', view: 'table' });
    expect(parseWorkspace('{broken')).toBeNull();
    expect(parseWorkspace(JSON.stringify({ panels: [{ nope: 1 }] }))).toBeNull();
  });
});

import { transferablesOf } from '../../../renderer/src/lib/transferables';

describe('worker transfer list', () => {
  it('collects each typed array buffer once, through nested objects and arrays', () => {
    const a = new Float64Array(2);
    const b = new Uint8Array(3);
    const v = { merged: { series: [{ timestamps: a, values: a, provenance: b, labels: { x: 'y' } }] }, n: 1, s: 'x', nil: null };
    expect(transferablesOf(v)).toEqual([a.buffer, b.buffer]);
  });
});

import { uniqueHistory } from '../../../renderer/src/lib/query/history';

describe('history dropdown', () => {
  it('lists each expression once, newest first', () => {
    const h = uniqueHistory([
      { expr: 'up', atMs: 1 },
      { expr: 'rate(x[5m])', atMs: 3 },
      { expr: 'up', atMs: 5 },
    ]);
    expect(h.map((e) => [e.expr, e.atMs])).toEqual([['up', 5], ['rate(x[5m])', 3]]);
  });
});

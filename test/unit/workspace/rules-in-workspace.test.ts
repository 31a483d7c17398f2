// The Rules panel in a workspace file: the rule file, its range and the last backtest survive a save and an open;
// a stored result that is not a backtest result is dropped on open rather than shown.
import { describe, expect, it } from 'vitest';
import { buildDocument, parseWorkspaceText, workspaceToText } from '@core/workspace/document';

const profile = { name: 'demo', nodes: [{ name: 'demo-a', url: 'http://127.0.0.1:1/api/v1/read' }] };
const result = { startMs: 0, endMs: 1000, nodes: ['demo-a'], alerts: [], differences: [], recorded: [], warnings: [], csv: 'alertname,labels\r\n' };

describe('rules in workspaces', () => {
  it('round-trips the rule file, range and result', () => {
    const rules = { fileName: 'alerts.yml', yaml: 'groups: []\n', durationMs: 3_600_000, result };
    const parsed = parseWorkspaceText(workspaceToText(buildDocument({ profile, panels: [], rules })));
    expect(parsed.document.rules).toEqual(rules);
  });

  it('a workspace without rules has none; a malformed stored result is dropped', () => {
    expect(parseWorkspaceText(workspaceToText(buildDocument({ profile, panels: [] }))).document.rules).toBeUndefined();
    const text = workspaceToText(buildDocument({ profile, panels: [], rules: { fileName: 'a.yml', yaml: 'x', durationMs: 1, result: { alerts: 'nope' } } }));
    expect(parseWorkspaceText(text).document.rules).toEqual({ fileName: 'a.yml', yaml: 'x', durationMs: 1 });
  });

  it('rejects a rules section of the wrong shape as damaged', () => {
    const doc = JSON.parse(workspaceToText(buildDocument({ profile, panels: [] })));
    doc.rules = { fileName: 1 };
    expect(() => parseWorkspaceText(JSON.stringify(doc))).toThrow(/damaged/);
  });
});

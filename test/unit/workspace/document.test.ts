// Workspace files: save → open keeps everything; typed errors for damaged, cut, newer and foreign files, which are
// never overwritten without an explicit overwrite; the v1 → v2 migration.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocument, parseWorkspaceText, readWorkspaceFile, saveWorkspaceFile, workspaceToText, WorkspaceError } from '@core/workspace';
import { WORKSPACE_VERSION } from '@shared/api/workspace-types';
import { bits, FRAME, makePanel, makeRead, PROFILE } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'rrx-ws-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sample() {
  const panels = [
    makePanel('p1', 'rate(node_cpu_seconds_total[5m])', FRAME, { title: 'CPU', view: { mode: 'compare', stacked: true, log: true, yFromZero: false, unit: 's', hiddenSeries: ['{a="b"}'] } }),
    makePanel('p2', 'up', FRAME, { strategy: 'penalty', comparison: { perNode: false, findings: true, nodes: ['replica-b'] }, lookbackDeltaMs: 60_000 }),
    makePanel('p3', 'node_load1', FRAME, { kind: 'instant', stepMs: 0, range: { type: 'relative', durationMs: 3_600_000, endOffsetMs: 0 } }),
  ];
  const reads = [makeRead(panels[0].expr, FRAME, { panelId: 'p1' }), makeRead('up', FRAME, { panelId: 'p2', failNode: 1 })];
  return { doc: buildDocument({ profile: PROFILE, panels }, new Date(FRAME.endMs)), reads };
}

/** A version-1 document as rrx 1 wrote it: no per-panel comparison settings. */
function v1Text(): string {
  const { doc, reads } = sample();
  const parsed = JSON.parse(workspaceToText(doc, reads)) as Record<string, unknown> & { panels: Record<string, unknown>[] };
  parsed.version = 1;
  for (const p of parsed.panels) delete p.comparison;
  return JSON.stringify(parsed);
}

async function expectKind(p: Promise<unknown>, kind: string): Promise<WorkspaceError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(WorkspaceError);
  expect((e as WorkspaceError).kind).toBe(kind);
  return e as WorkspaceError;
}

describe('workspace document', () => {
  it('save → open round-trips panels, settings, profile and the snapshot bit-exactly', async () => {
    const { doc, reads } = sample();
    const path = join(dir, 'round.rrxw');
    await saveWorkspaceFile(path, doc, reads);
    const back = await readWorkspaceFile(path);
    expect(back.document).toEqual(doc);
    expect(back.hasSnapshot).toBe(true);
    expect(back.migratedFrom).toBeUndefined();
    expect(back.reads).toHaveLength(2);
    reads.forEach((r, i) =>
      r.snapshot.outcomes.forEach((o, n) =>
        o.results.forEach((list, q) =>
          list.forEach((s, k) => {
            const b = back.reads[i].snapshot.outcomes[n].results[q][k];
            expect(b.labels).toEqual(s.labels);
            expect(bits(b.timestamps)).toEqual(bits(s.timestamps));
            expect(bits(b.values)).toEqual(bits(s.values));
          }),
        ),
      ),
    );
    expect(back.reads[1].snapshot.outcomes[1]).toMatchObject({ ok: false, error: 'connection refused' });
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'rrx-workspace', version: WORKSPACE_VERSION, snapshot: { encoding: 'rrx-samples/2' } });
  });

  it('keeps the previous file as .bak on every save', async () => {
    const { doc, reads } = sample();
    const path = join(dir, 'bak.rrxw');
    await saveWorkspaceFile(path, doc, reads);
    const first = readFileSync(path, 'utf8');
    const res = await saveWorkspaceFile(path, { ...doc, panels: doc.panels.slice(0, 1) }, undefined);
    expect(res.backupPath).toBe(`${path}.bak`);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(first);
    expect((await readWorkspaceFile(path)).document.panels).toHaveLength(1);
    expect((await readWorkspaceFile(path)).hasSnapshot).toBe(false);
  });

  it('migrates a version 1 file (made by code) to the current version', async () => {
    const path = join(dir, 'v1.rrxw');
    writeFileSync(path, v1Text());
    const back = await readWorkspaceFile(path);
    expect(back.migratedFrom).toBe(1);
    expect(back.document.version).toBe(2);
    const [p1, p2, p3] = back.document.panels;
    expect(p1.comparison).toEqual({ perNode: true, findings: true }); // was in compare mode
    expect(p2.comparison).toEqual({ perNode: true, findings: false }); // a range panel in graph mode
    expect(p3.comparison).toEqual({ perNode: false, findings: false }); // an instant panel
    expect(back.reads).toHaveLength(2);
    // And saving it writes the current version.
    await saveWorkspaceFile(path, back.document, back.reads);
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(2);
  });

  it('gives typed errors for truncated, corrupt, newer and foreign files', async () => {
    const { doc, reads } = sample();
    const good = workspaceToText(doc, reads);
    const cases: [string, string][] = [
      ['', 'truncated'],
      [good.slice(0, Math.floor(good.length * 0.6)), 'truncated'],
      [good.slice(0, 30), 'truncated'],
      [good.replace('"panels"', '"panels" "x"'), 'corrupt'],
      [good.replace(/"version": \d+/, '"version": "two"'), 'corrupt'],
      [good.replace(/"expr": "up"/, '"expr": 5'), 'corrupt'],
      [good.replace(/"data": "(.{20})/, '"data": "$1!!!!'), 'corrupt'],
      [good.replace(/"data": "(.{30})(.{4})/, (_m, a: string, b: string) => `"data": "${a}${b === 'AAAA' ? 'BBBB' : 'AAAA'}`), 'corrupt'],
      [good.replace(/"version": \d+/, `"version": ${WORKSPACE_VERSION + 1}`), 'newer-version'],
      ['{"format": "something-else"}', 'not-a-workspace'],
      ['[1, 2, 3]', 'not-a-workspace'],
      ['PK\u0003\u0004 binary', 'not-a-workspace'],
      ['global:\n  scrape_interval: 15s\n', 'not-a-workspace'],
    ];
    for (const [text, kind] of cases) {
      let caught: unknown;
      try {
        parseWorkspaceText(text, 'x.rrxw');
      } catch (e) {
        caught = e;
      }
      expect(caught, `${kind}: ${text.slice(0, 40)}`).toBeInstanceOf(WorkspaceError);
      expect((caught as WorkspaceError).kind, text.slice(0, 60)).toBe(kind);
    }
  });

  it('never overwrites an unreadable file unless told to; a missing file is io', async () => {
    const { doc, reads } = sample();
    const good = workspaceToText(doc, reads);
    for (const [name, text, reason] of [
      ['cut.rrxw', good.slice(0, 500), 'truncated'],
      ['newer.rrxw', good.replace(/"version": \d+/, '"version": 99'), 'newer-version'],
      ['notes.txt', 'my only copy of important notes', 'not-a-workspace'],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, text);
      const e = await expectKind(saveWorkspaceFile(path, doc, reads), 'overwrite-refused');
      expect(e.reason).toBe(reason);
      expect(readFileSync(path, 'utf8')).toBe(text);
      await expectKind(readWorkspaceFile(path), reason);
      await saveWorkspaceFile(path, doc, reads, { overwrite: true });
      expect((await readWorkspaceFile(path)).document).toEqual(doc);
      expect(readFileSync(`${path}.bak`, 'utf8')).toBe(text); // even an explicit overwrite keeps the old bytes
    }
    await expectKind(readWorkspaceFile(join(dir, 'nope.rrxw')), 'io');
    await expectKind(readWorkspaceFile(dir), 'io');
    expect(existsSync(join(dir, 'nope.rrxw'))).toBe(false);
  });
});

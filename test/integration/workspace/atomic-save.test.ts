// Save is atomic: a child saving a large workspace in a loop, killed with SIGKILL at random moments, leaves the old
// file or the new one — always a complete, readable workspace (and a readable .bak) — never a mix or a stub.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkspaceFile } from '@core/workspace';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'rrx-atomic-'));
const script = join(dir, 'kill-during-save.mjs');
const ITERATIONS = 100;

beforeAll(async () => {
  await build({
    entryPoints: [join(root, 'test/helpers/kill-during-save.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    tsconfig: join(root, 'tsconfig.node.json'),
    logLevel: 'error',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the child (first document `first`), SIGKILLs it `delayMs` after it is ready; answers ms from ready to first save. */
function runAndKill(target: string, first: 'A' | 'B', delayMs: number | 'after-first-save'): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, target, first], { stdio: ['ignore', 'pipe', 'pipe'] });
    let readyAt = 0;
    let firstSaveMs: number | undefined;
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!readyAt && chunk.includes('ready')) {
        readyAt = performance.now();
        if (delayMs !== 'after-first-save') setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
      if (firstSaveMs === undefined && chunk.includes('saved')) {
        firstSaveMs = performance.now() - readyAt;
        if (delayMs === 'after-first-save') child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(firstSaveMs) : reject(new Error(`child exited on its own: ${err}`))));
  });
}

describe('atomic save', () => {
  it(`a SIGKILL at random points while saving never leaves a broken file (${ITERATIONS} kills)`, async () => {
    const target = join(dir, 'work.rrxw');
    // The first run lays down a complete file, so every later kill has an "old" file to keep; it also times a save.
    let saveMs = (await runAndKill(target, 'A', 'after-first-save')) ?? 300;
    const seen = new Map<string, number>();
    const deadline = Date.now() + 150_000;
    let i = 0;
    for (; i < ITERATIONS && Date.now() < deadline; i++) {
      const old = (await readWorkspaceFile(target)).document.panels[0].title as string;
      const next = old === 'A' ? 'B' : 'A';
      // Kill anywhere from before the first write to just after the rename; every fifth run right after a save
      // completes, so "new" outcomes are certain whatever the machine's speed.
      const delay = i % 5 === 4 ? 'after-first-save' : Math.floor(Math.random() * saveMs * 1.3);
      const took = await runAndKill(target, next, delay);
      // A kill before the first save finished says nothing about its duration: widen the window a little so the
      // random kills keep reaching the rename even when saves got slower.
      saveMs = took !== undefined ? (saveMs + took) / 2 : Math.min(saveMs * 1.1, 10_000);
      const ws = await readWorkspaceFile(target);
      const title = ws.document.panels[0].title as string;
      expect([old, next]).toContain(title);
      expect(ws.reads[0].snapshot.outcomes[1].results[0]).toHaveLength(10);
      seen.set(title === old ? 'old' : 'new', (seen.get(title === old ? 'old' : 'new') ?? 0) + 1);
      if (existsSync(`${target}.bak`)) await readWorkspaceFile(`${target}.bak`);
    }
    expect(i).toBeGreaterThanOrEqual(50);
    // Both outcomes happen: the kills really land before and after the rename.
    expect([...seen.keys()].sort()).toEqual(['new', 'old']);
    // Kills leave at most temp files beside the target; never anything under the target's name but whole files.
    expect(readdirSync(dir).filter((f) => !f.endsWith('.tmp')).sort()).toEqual(['kill-during-save.mjs', 'work.rrxw', 'work.rrxw.bak']);
  }, 200_000);
});

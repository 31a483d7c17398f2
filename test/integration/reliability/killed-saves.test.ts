// Reliability: kill -9 during save loses nothing (the previous file stays whole and readable), and the temp files
// such kills leave are removed at the next start-up — only stale rrx temp files, never a running rrx's save.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecentFiles, readWorkspaceFile, tempFileWriter } from '@core/workspace';
import { removeStaleTempFilesAtStartup } from '@core/workspace/stale-temp-files';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'rrx-killed-saves-'));
const dataDir = join(dir, 'data');
const script = join(dir, 'kill-during-save.mjs');

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

/**
 * Run the saving child (first document `first`) and SIGKILL it: `delayMs` after it is ready, after its first save,
 * or the moment its temp file appears in the folder (mid-write).
 */
function runAndKill(target: string, first: 'A' | 'B', delayMs: number | 'after-first-save' | 'mid-write'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, target, first], { stdio: ['ignore', 'pipe', 'pipe'] });
    const watcher =
      delayMs === 'mid-write'
        ? watch(dir, (_event, name) => {
            if (name && tempFileWriter(name) === child.pid) child.kill('SIGKILL');
          })
        : undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('ready') && typeof delayMs === 'number') setTimeout(() => child.kill('SIGKILL'), delayMs);
      if (chunk.includes('saved') && delayMs !== 'mid-write') child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_c, signal) => {
      watcher?.close();
      if (signal === 'SIGKILL') resolve();
      else reject(new Error('the saving child exited on its own'));
    });
  });
}

const temps = (): string[] => readdirSync(dir).filter((n) => tempFileWriter(n) !== undefined);

describe('kill -9 during save', () => {
  it('leaves the previous file whole; start-up removes the killed saves’ temp files and nothing else', async () => {
    const target = join(dir, 'work.rrxw');
    await runAndKill(target, 'A', 'after-first-save');
    await new RecentFiles(dataDir).add(target);

    // Kill at random points, and mid-write, until kills have left temp files behind (bounded in count and time).
    const deadline = Date.now() + 45_000;
    for (let i = 0; i < 20 && Date.now() < deadline && (i < 6 || temps().length < 2); i++) {
      const old = (await readWorkspaceFile(target)).document.panels[0].title as string;
      const next = old === 'A' ? 'B' : 'A';
      await runAndKill(target, next, i % 2 ? 'mid-write' : 20 + Math.floor(Math.random() * 400));
      const now = (await readWorkspaceFile(target)).document.panels[0].title as string;
      expect([old, next]).toContain(now); // nothing lost: the old file or the complete new one
    }
    const leftovers = temps();
    expect(leftovers.length).toBeGreaterThan(0);

    // A save in progress in another running rrx: its writer is alive, so its temp file stays.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const live = join(dir, `.work.rrxw.${other.pid}.0123abcd.tmp`);
      writeFileSync(live, 'half a save');
      const fiveSecondsAgo = new Date(Date.now() - 5000);
      utimesSync(live, fiveSecondsAgo, fiveSecondsAgo);
      // Not rrx's names: never touched.
      writeFileSync(join(dir, 'notes.tmp'), 'x');
      writeFileSync(join(dir, '.work.rrxw.swp'), 'x');

      const removed = await removeStaleTempFilesAtStartup(dataDir, { now: Date.now() + 5000 });
      expect(removed.map((p) => p.split('/').pop()).sort()).toEqual(leftovers.sort());
      expect(temps()).toEqual([`.work.rrxw.${other.pid}.0123abcd.tmp`]);
      expect(readdirSync(dir)).toEqual(expect.arrayContaining(['notes.tmp', '.work.rrxw.swp', 'work.rrxw']));
      // The workspace itself is intact after the clean-up.
      await readWorkspaceFile(target);
    } finally {
      if (other.pid) process.kill(other.pid, 'SIGKILL');
    }
  });
});

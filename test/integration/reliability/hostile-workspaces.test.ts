// Reliability: damaged and hostile workspace files fail with a named, typed error, in bounded time and memory, and
// lose nothing (the file is left as it was, and a save does not replace it). Decompression bombs are opened by the
// real rrx CLI process (`rrx export`), whose peak memory is read from /proc.
import { constants, deflateRawSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocument, readWorkspaceFile, saveWorkspaceFile, workspaceToText } from '@core/workspace';
import { WorkspaceError } from '@core/workspace/errors';
import { PROFILE, makePanel, makeRead } from '../../unit/workspace/fixtures';
import { spawnRrx } from '../../helpers/rrx-process';

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'rrx-hostile-ws-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const doc = buildDocument({ profile: PROFILE, panels: [makePanel('p1', 'node_load1')] });
const validText = workspaceToText(doc, [makeRead('node_load1', undefined, { panelId: 'p1' })]);
type FileJson = { snapshot: { rawBytes: number; data: string } } & Record<string, unknown>;
const valid = (): FileJson => JSON.parse(validText) as FileJson;

/** A zlib stream of `chunks` × 64 MiB of zeros (~64 KiB each): a decompression bomb, ~1 MB per GB. */
function zlibBomb(chunks: number): string {
  const block = deflateRawSync(Buffer.alloc(64 * MiB), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  const parts = [Buffer.from([0x78, 0xda]), ...Array.from({ length: chunks }, () => block), Buffer.from([0x03, 0x00]), Buffer.alloc(4)];
  return Buffer.concat(parts).toString('base64');
}

function writeCase(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function exportFails(path: string, message: RegExp): Promise<void> {
  const p = await spawnRrx(['export', '--workspace', path, '--format', 'csv', '--out', '-'], { killAfterMs: 60_000 });
  const r = await p.done;
  console.log(`rrx export ${path.split('/').pop()}: exit ${r.code} in ${Math.round(r.ms)} ms, peak RSS ${Math.round(p.peakRss() / MiB)} MiB`);
  expect(r.code).toBe(1);
  expect(p.stderr()).toMatch(message);
  expect(r.ms).toBeLessThan(8000); // Node start-up and reading the file included
  expect(p.peakRss()).toBeLessThan(200 * MiB);
}

describe('workspace decompression bombs (rrx export as a process)', () => {
  const bomb = zlibBomb(21); // 1.4 GB of zeros in ~1.4 MB

  it('a snapshot that inflates far past its declared size stops at the declared size', async () => {
    const f = valid();
    f.snapshot.data = bomb;
    const path = writeCase('bomb-small-claim.rrxw', JSON.stringify(f));
    await exportFails(path, /inflates past its declared \d+ bytes \(stopped there\)/);
  });

  it('a snapshot declaring 1.4 GB is refused on its declaration, naming the limit', async () => {
    const f = valid();
    f.snapshot.data = bomb;
    f.snapshot.rawBytes = 21 * 64 * MiB;
    const path = writeCase('bomb-honest-claim.rrxw', JSON.stringify(f));
    await exportFails(path, /declares 1409286144 bytes of samples, over the limit of 1073741824 bytes/);
  });
});

describe('damaged workspaces', () => {
  const damage: [string, (f: FileJson, text: string) => string, RegExp][] = [
    ['truncated file', (_f, t) => t.slice(0, Math.floor(t.length * 0.6)), /truncated|incomplete|cannot be read|not valid JSON|ends/i],
    ['non-base64 data', (f) => JSON.stringify({ ...f, snapshot: { ...f.snapshot, data: f.snapshot.data.replace(/.{8}$/, '!!!!!!!!') } }), /not valid base64/],
    ['flipped deflate bytes', (f) => JSON.stringify({ ...f, snapshot: { ...f.snapshot, data: flip(f.snapshot.data, 30) } }), /damaged/],
    ['a size claim far beyond the data', (f) => JSON.stringify({ ...f, snapshot: { ...f.snapshot, rawBytes: 900_000_000 } }), /more than \d+ compressed bytes can hold/],
    ['a missing snapshot member', (f) => JSON.stringify({ ...f, snapshot: { ...f.snapshot, reads: undefined } }), /malformed/],
  ];

  it.each(damage)('%s: a typed error, and the file is kept as it was', async (name, mutate, message) => {
    const text = mutate(valid(), validText);
    const path = writeCase(`${name.replace(/\W+/g, '-')}.rrxw`, text);
    const started = Date.now();
    const err = await readWorkspaceFile(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkspaceError);
    expect((err as Error).message).toMatch(message);
    expect(Date.now() - started).toBeLessThan(2000);
    // Nothing lost: a save without overwrite refuses to replace the damaged file, which stays byte for byte.
    await expect(saveWorkspaceFile(path, doc, undefined)).rejects.toMatchObject({ kind: 'overwrite-refused' });
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

function flip(b64: string, at: number): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[Math.min(at, bytes.length - 5)] ^= 0x5a;
  return bytes.toString('base64');
}

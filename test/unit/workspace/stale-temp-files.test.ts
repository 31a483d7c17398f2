// Which files the start-up clean-up may remove: rrx's own temp names only, stale only (writer gone, or very old).
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, tempFileWriter } from '@core/workspace/stale-temp-files';

const dir = mkdtempSync(join(tmpdir(), 'rrx-stale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stale temp files', () => {
  it('recognises the names rrx writes, and only those', () => {
    expect(tempFileWriter('.incident.rrxw.4242.deadbeef.tmp')).toBe(4242);
    expect(tempFileWriter('incident.rrxw.bak.77.0a1b2c3d.tmp')).toBe(77);
    expect(tempFileWriter('profiles.json.99.tmp')).toBe(99);
    for (const other of ['incident.rrxw', 'notes.tmp', '.incident.rrxw.swp', '.x.12.nothex!!.tmp', 'data.12.tmp', '.x.12.deadbeef.tmp.part']) {
      expect(tempFileWriter(other)).toBeUndefined();
    }
  });

  it('removes a dead writer’s file once a few seconds old, keeps a live writer’s until it is an hour old', async () => {
    const now = Date.now();
    const make = (name: string, ageMs: number) => {
      writeFileSync(join(dir, name), 'x');
      const t = new Date(now - ageMs);
      utimesSync(join(dir, name), t, t);
    };
    make('.a.rrxw.100.00000001.tmp', 10_000); // dead writer, old enough
    make('.b.rrxw.100.00000002.tmp', 500); // dead writer, too fresh (pid reuse guard)
    make('.c.rrxw.200.00000003.tmp', 10_000); // live writer
    make('.d.rrxw.200.00000004.tmp', 2 * 3_600_000); // live writer, but older than any save
    make(`.e.rrxw.${process.pid}.00000005.tmp`, 2 * 3_600_000); // this very process: never
    make('keep.tmp', 10 * 3_600_000);
    const removed = await removeStaleTempFiles([dir, join(dir, 'missing')], { now, isAlive: (pid) => pid === 200 });
    expect(removed.map((p) => p.split('/').pop()).sort()).toEqual(['.a.rrxw.100.00000001.tmp', '.d.rrxw.200.00000004.tmp']);
    expect(readdirSync(dir).sort()).toEqual(['.b.rrxw.100.00000002.tmp', '.c.rrxw.200.00000003.tmp', `.e.rrxw.${process.pid}.00000005.tmp`, 'keep.tmp']);
  });
});

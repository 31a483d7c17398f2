// The installed entry point: `npx --no-install rrx` runs the built bundle under plain Node.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

describe('rrx binary', () => {
  it('npx --no-install rrx --help lists the subcommands', () => {
    const out = execFileSync('npx', ['--no-install', 'rrx', '--help'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('Usage: rrx <command>');
    expect(out).toContain('version');
  });
  it('exit code 2 and one line on stderr for bad usage', () => {
    const r = spawnSync('npx', ['--no-install', 'rrx', 'no-such-command'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

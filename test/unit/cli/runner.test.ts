import { describe, expect, it } from 'vitest';
import { runCli } from '@core/cli/main';
import { COMMANDS } from '@core/cli/registry';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env: {}, cwd: '/', signal: new AbortController().signal } };
}

describe('rrx runner', () => {
  it('--help lists every subcommand and exits 0', async () => {
    const t = io();
    expect(await runCli(['--help'], t.io)).toBe(0);
    for (const c of COMMANDS) expect(t.out.join('')).toContain(c.name);
  });
  it('no arguments is bad usage (2) with the help on stdout', async () => {
    const t = io();
    expect(await runCli([], t.io)).toBe(2);
    expect(t.out.join('')).toContain('Usage: rrx');
  });
  it('an unknown command is bad usage with one sentence on stderr', async () => {
    const t = io();
    expect(await runCli(['frobnicate'], t.io)).toBe(2);
    expect(t.err.join('')).toBe('rrx: unknown command "frobnicate"; run "rrx --help" for the list.\n');
  });
  it('a usage error inside a command exits 2', async () => {
    const t = io();
    expect(await runCli(['version', 'extra'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/^rrx version: .*Run "rrx version --help" for usage\.\n$/);
  });
});

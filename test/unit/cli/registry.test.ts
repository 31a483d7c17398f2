import { describe, expect, it } from 'vitest';
import { runCli } from '@core/cli/main';
import { COMMANDS } from '@core/cli/registry';

const silent = () => ({ stdout: () => {}, stderr: () => {}, env: {}, cwd: '/', signal: new AbortController().signal });

describe('lazy CLI registry', () => {
  it('each entry loads the command it names, with the summary --help prints', async () => {
    for (const entry of COMMANDS) {
      const cmd = await entry.load();
      expect(cmd.name).toBe(entry.name);
      expect(cmd.summary).toBe(entry.summary);
    }
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  it('--help loads no command module and starts nothing before a command', async () => {
    const loaded: string[] = [];
    const hooked: string[] = [];
    const spied = COMMANDS.map((e) => ({ e, load: e.load }));
    try {
      for (const { e, load } of spied) (e as { load: typeof load }).load = () => (loaded.push(e.name), load());
      const opts = { beforeCommand: (e: { name: string }) => void hooked.push(e.name) };
      expect(await runCli(['--help'], silent(), opts)).toBe(0);
      expect(loaded).toEqual([]);
      expect(await runCli(['query', '--help'], silent(), opts)).toBe(0);
      expect(loaded).toEqual(['query']);
      expect(hooked).toEqual([]); // a command's --help starts no evaluation workers
      expect(await runCli(['version'], silent(), opts)).toBe(0);
      expect(hooked).toEqual(['version']);
    } finally {
      for (const { e, load } of spied) (e as { load: typeof load }).load = load;
    }
  });
});

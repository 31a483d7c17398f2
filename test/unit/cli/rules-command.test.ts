// `rrx rules` usage: bad flags and invalid rule files exit 2 with promtool's line:column wording, before any read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '@core/cli/main';
import { expandRulesFlag } from '@core/cli/rules-flag';

const dir = mkdtempSync(join(tmpdir(), 'rrx-rules-cli-'));
writeFileSync(join(dir, 'bad.yml'), 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(x[5m]\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: {}, cwd: dir, signal: new AbortController().signal });
  return { code, out, err };
}

describe('rrx rules', () => {
  it('--rules takes every file up to the next flag', () => {
    expect(expandRulesFlag(['--rules', 'a.yml', 'b.yml', '--start', 'now'])).toEqual(['--rules', 'a.yml', '--rules', 'b.yml', '--start', 'now']);
  });

  it('usage errors exit 2', async () => {
    expect((await run(['rules'])).code).toBe(2);
    expect((await run(['rules', 'nope'])).err).toContain('unknown rules subcommand "nope"');
    const noRules = await run(['rules', 'backtest', '--start', 'now-1h', '--end', 'now', '--endpoint', 'http://127.0.0.1:1/api/v1/read']);
    expect(noRules.code).toBe(2);
    expect(noRules.err).toContain('--rules FILE is required');
    const failOn = await run(['rules', 'backtest', '--rules', 'bad.yml', '--start', 'now-1h', '--end', 'now', '--fail-on', 'gap', '--endpoint', 'http://127.0.0.1:1/api/v1/read']);
    expect(failOn.code).toBe(2);
    expect(failOn.err).toContain('--fail-on takes divergence; got "gap"');
  });

  it('an invalid rule file exits 2 with the file, line:column and promtool wording', async () => {
    const r = await run(['rules', 'backtest', '--rules', 'bad.yml', 'missing.yml', '--start', 'now-1h', '--end', 'now', '--endpoint', 'http://127.0.0.1:1/api/v1/read']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('rrx rules backtest: bad.yml: 5:15: group "g", rule 1, "A": could not parse expression: 1:11: parse error: unclosed left parenthesis');
    expect(r.err).toContain('rrx rules backtest: missing.yml: no such file');
    expect(r.out).toBe('');
  });
});

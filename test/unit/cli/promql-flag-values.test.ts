// PromQL that starts with "-" is accepted as the value of --expr / --match as users type it; other flags stay strict.
import { describe, expect, it } from 'vitest';
import { runCli } from '@core/cli/main';
import { parseFlags } from '@core/cli/flags';
import { attachDashValues } from '@core/cli/dash-values';
import { UsageError } from '@core/cli/command';

const OPTIONS = { expr: { type: 'string' }, match: { type: 'string', multiple: true }, format: { type: 'string' }, time: { type: 'string' } };

describe('PromQL flag values starting with "-"', () => {
  it('--expr takes "-go_goroutines ^ 2 % 7" whole', () => {
    const v = parseFlags(['--expr', '-go_goroutines ^ 2 % 7', '--format', 'json'], OPTIONS);
    expect(v.expr).toBe('-go_goroutines ^ 2 % 7');
    expect(v.format).toBe('json');
  });
  it('--match takes dash values each time it is given; --flag=value forms are untouched', () => {
    expect(attachDashValues(['--match', '-x', '--match', 'up', '--expr=-1'])).toEqual(['--match=-x', '--match', 'up', '--expr=-1']);
  });
  it('flags that do not take PromQL still refuse a dash value, and a missing value still fails', () => {
    expect(() => parseFlags(['--format', '-x'], OPTIONS)).toThrow(UsageError);
    expect(() => parseFlags(['--expr'], OPTIONS)).toThrow(UsageError);
    expect(attachDashValues(['--', '--expr', '-1'])).toEqual(['--', '--expr', '-1']);
  });
  it('rrx query --expr with a leading minus reaches the parser (a PromQL error, not a flag error)', async () => {
    let err = '';
    const io = { stdout: () => {}, stderr: (t: string) => void (err += t), env: {}, cwd: '/', signal: new AbortController().signal };
    const code = await runCli(['query', '--endpoint', 'http://127.0.0.1:9/api/v1/read', '--expr', '-(', '--time', '0'], io);
    expect(err).not.toMatch(/ambiguous/);
    expect(err).toMatch(/parse error/);
    expect(code).not.toBe(0);
  });
});

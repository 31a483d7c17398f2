// `rrx query` as a real process (the built bundle) over a real Prometheus 2.42: --query-timeout and Ctrl+C end
// even a query deep in evaluation within seconds, the subquery-step limit is named, and flags whose value starts
// with "-" are read as values (--step -5s says the step must be positive).
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE, buildNodeBundles } from '../../helpers/built-cli';
import { startPrometheus, type PrometheusServer } from '../../helpers/prometheus';

let prom: PrometheusServer;

beforeAll(async () => {
  buildNodeBundles();
  prom = await startPrometheus();
  await new Promise((r) => setTimeout(r, 2000));
}, 120_000);

afterAll(async () => {
  await prom?.stop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI; `interruptAfterMs` sends SIGINT (Ctrl+C) then; it is killed after 30 s whatever happens. */
function rrx(args: string[], interruptAfterMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const hard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const soft = interruptAfterMs !== undefined ? setTimeout(() => child.kill('SIGINT'), interruptAfterMs) : undefined;
    child.on('exit', (code) => {
      clearTimeout(hard);
      clearTimeout(soft);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

const HEAVY = 'sum_over_time(sum_over_time(vector(1)[1m:1ms])[1h:1ms])';

describe('rrx query limits (real process, real Prometheus)', () => {
  it('--query-timeout ends a heavy evaluation with Prometheus’s timeout error, exit 1', async () => {
    const r = await rrx(['query', '--endpoint', prom.readUrl, '--expr', HEAVY, '--query-timeout', '2s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('rrx query: query timed out in expression evaluation\n');
    expect(JSON.parse(r.stdout)).toEqual({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' });
    expect(r.ms).toBeLessThan(15_000);
  });

  it('Ctrl+C ends a heavy evaluation within a few seconds', async () => {
    const r = await rrx(['query', '--endpoint', prom.readUrl, '--expr', HEAVY, '--format', 'table'], 1500);
    expect(r.ms).toBeLessThan(1500 + 5000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rrx query: query was canceled in expression evaluation\n$/);
  });

  it('max_over_time(up[100y:1ms]) names the subquery-step limit at once', async () => {
    const r = await rrx(['query', '--endpoint', prom.readUrl, '--expr', 'max_over_time(up[100y:1ms])', '--format', 'table']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rrx query: exceeded maximum of 11,000,000 steps per subquery/);
  });

  it('--step -5s: "step must be positive" (usage, exit 2); negative times are values too', async () => {
    const neg = await rrx(['query', '--endpoint', prom.readUrl, '--expr', 'up', '--start', 'now-1m', '--end', 'now', '--step', '-5s']);
    expect(neg.code).toBe(2);
    expect(neg.stderr).toContain('step must be positive');
    expect(neg.stderr).not.toContain('ambiguous');
    const zero = await rrx(['query', '--endpoint', prom.readUrl, '--expr', 'up', '--start', 'now-1m', '--end', 'now', '--step', '0s']);
    expect(zero.stderr).toContain('step must be positive');
    // --start -60 is unix second -60: a valid (empty) range query, not a flag.
    const old = await rrx(['query', '--endpoint', prom.readUrl, '--expr', 'vector(1)', '--start', '-60', '--end', '-30', '--step', '15s']);
    expect(old.stderr).toBe('');
    expect(old.code).toBe(0);
    expect(JSON.parse(old.stdout).data.result[0].values).toEqual([[-60, '1'], [-45, '1'], [-30, '1']]);
  });

  it('a bad --query-timeout is a usage error', async () => {
    const r = await rrx(['query', '--endpoint', prom.readUrl, '--expr', 'up', '--query-timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--query-timeout must be a positive duration');
  });
});

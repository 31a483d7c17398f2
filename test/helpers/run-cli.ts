// Runs `rrx` in-process (the same runCli the bundle runs) and captures stdout, stderr and the exit code.
import { runCli } from '@core/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function rrx(args: string[], env: NodeJS.ProcessEnv = {}, signal?: AbortSignal): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ...process.env, ...env },
    cwd: process.cwd(),
    signal: signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}

// Runs the real rrx CLI as its own process (bundled once per test file with esbuild into out/test-cli-*) and
// watches its memory from /proc: peak resident set (VmHWM) and current RSS, so tests can bound what rrx holds.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('../../', import.meta.url).pathname;
let bundled: Promise<string> | undefined;

/** Path of the CLI bundle (built on first use). */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    // Inside the project (out/ is build output), so the bundle resolves its packages from node_modules.
    mkdirSync(join(root, 'out'), { recursive: true });
    const outDir = mkdtempSync(join(root, 'out', 'test-cli-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    const out = join(outDir, 'rrx.mjs');
    await build({
      entryPoints: [join(root, 'electron/core/cli/entry.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      packages: 'external',
      tsconfig: join(root, 'tsconfig.node.json'),
      logLevel: 'error',
    });
    return out;
  })();
  return bundled;
}

/** Resident memory of a process in bytes from /proc/<pid>/status: current (VmRSS) and peak (VmHWM); 0 when gone. */
export function procMemory(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

export interface RrxProcess {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Highest VmHWM seen so far (polled every 20 ms while the process runs). */
  peakRss(): number;
  /** Resolves when the process has exited; a still-running process is SIGKILLed after `killAfterMs`. */
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  kill(sig?: NodeJS.Signals): void;
}

export async function spawnRrx(args: string[], opts: { killAfterMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<RrxProcess> {
  const script = await cliBundle();
  const started = performance.now();
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: opts.cwd ?? root, env: { ...process.env, ...opts.env } });
  let out = '';
  let err = '';
  let peak = 0;
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  const poll = setInterval(() => {
    if (child.pid) peak = Math.max(peak, procMemory(child.pid).peak);
  }, 20);
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? 60_000);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(killer);
      resolve({ code, signal, ms: performance.now() - started });
    });
  });
  // Streams may still hold the last bytes when 'exit' fires; wait for them to close too.
  const closed = new Promise<void>((r) => child.on('close', () => r()));
  return {
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    peakRss: () => peak,
    done: done.then(async (r) => {
      await closed;
      return r;
    }),
    kill: (sig = 'SIGTERM') => child.kill(sig),
  };
}

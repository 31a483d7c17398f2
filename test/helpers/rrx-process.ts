// Runs the real rrx CLI as its own process (bundled once per test file with esbuild into out/test-cli-*) and
// watches its memory from /proc: peak resident set (VmHWM) and current RSS, so tests can bound what rrx holds.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

const root = new URL('../../', import.meta.url).pathname;
let bundled: Promise<string> | undefined;

/**
 * The CLI entry as `rrx.mjs` and the query-evaluation worker it starts as `eval-worker.mjs`, side by side in `dir`
 * (the layout scripts/build-cli.mjs writes), for plain Node.
 */
export async function bundleCliInto(dir: string, extra: BuildOptions = {}): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: { rrx: 'electron/core/cli/entry.ts', 'eval-worker': 'electron/core/query/eval-worker/entry.ts' },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: join(root, 'tsconfig.node.json'),
    alias: { '@core': './electron/core', '@shared': './shared' },
    // CommonJS dependencies (protobufjs, …) call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __rrxCreateRequire } from 'node:module'; const require = __rrxCreateRequire(import.meta.url);" },
    logLevel: 'error',
    ...extra,
  });
}

/** Path of the CLI bundle (built on first use). */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    // Inside the project (out/ is build output), so the bundle resolves its packages from node_modules.
    mkdirSync(join(root, 'out'), { recursive: true });
    const outDir = mkdtempSync(join(root, 'out', 'test-cli-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    const out = join(outDir, 'rrx.mjs');
    await bundleCliInto(dirname(out), { packages: 'external' });
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

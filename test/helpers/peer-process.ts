// Starts and stops one external peer (Prometheus, node_exporter) by PID, capturing its log, and kills every peer
// still running when the test process exits — no orphans left on the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = (): void => {
    for (const c of running) if (c.pid) try { process.kill(c.pid, 'SIGKILL'); } catch { /* already gone */ }
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => { killAll(); process.exit(130); });
}

export class MissingBinaryError extends Error {
  override readonly name = 'MissingBinaryError';
}

/** Fails with the apt command that installs the binary, so a missing peer never turns into a silent skip. */
export function requireBinary(path: string, aptPackage: string): void {
  if (!existsSync(path)) {
    throw new MissingBinaryError(`${path} is missing: install it with "apt-get install -y ${aptPackage}" (Debian).`);
  }
}

export interface PeerProcess {
  readonly pid: number;
  /** Everything the peer wrote to stdout and stderr so far. */
  log(): string;
  /** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
}

export interface SpawnPeerOptions {
  command: string;
  args: string[];
  /** Run in a fresh UTS namespace with this host name (root only) — real replicas have distinct host names. */
  hostname?: string;
  readyLine?: RegExp;
  readyCheck?: () => Promise<boolean>;
  readyTimeoutMs?: number;
  label: string;
}

export async function spawnPeer(opts: SpawnPeerOptions): Promise<PeerProcess> {
  installExitHook();
  let cmd = opts.command;
  let args = opts.args;
  if (opts.hostname && process.getuid?.() === 0) {
    // unshare execs in place, and `exec` keeps the PID, so the PID we hold is the peer's own.
    const quoted = [opts.command, ...opts.args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    cmd = 'unshare';
    args = ['--uts', 'sh', '-c', `hostname ${opts.hostname} && exec ${quoted}`];
  }
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  const onData = (b: Buffer): void => {
    out += b.toString('utf8');
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { running.delete(child); resolve(code); }));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));

  const peer: PeerProcess = {
    pid: child.pid ?? -1,
    log: () => out,
    exited,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  const ready = (async () => {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${opts.label} exited with code ${child.exitCode} before it was ready:\n${out.slice(-4000)}`);
      if (opts.readyLine && opts.readyLine.test(out)) return;
      if (opts.readyCheck && (await opts.readyCheck().catch(() => false))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await peer.stop();
    throw new Error(`${opts.label} was not ready within ${opts.readyTimeoutMs ?? 30_000} ms:\n${out.slice(-4000)}`);
  })();
  await Promise.race([ready, spawnError]);
  return peer;
}

// Starts the built loopback bridge (out/bridge/serve.mjs) for E2E runs and hands back its tokenised URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BridgeProcess {
  url: string;
  port: number;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startBridgeProcess(env: NodeJS.ProcessEnv = {}): Promise<BridgeProcess> {
  const entry = `${root}/out/bridge/serve.mjs`;
  if (!existsSync(entry)) throw new Error('out/bridge/serve.mjs is missing: run "npm run build" before the E2E tests.');
  const child = spawn(process.execPath, [entry, '--json'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('the bridge did not start within 30 s')), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      buf += b.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl));
      }
    });
    child.once('exit', (code) => reject(new Error(`the bridge exited with code ${code}`)));
  });
  const info = JSON.parse(line) as { url: string; port: number; token: string };
  return {
    ...info,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

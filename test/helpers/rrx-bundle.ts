// `rrx` as its own process, the way users run it: the CLI entry and its eval worker bundled by esbuild (the options
// of scripts/build-cli.mjs) into a temp dir once per test file, then started by PID with spawnPeer and stopped by PID.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnPeer, type PeerProcess } from './peer-process';
import { bundleCliInto } from './rrx-process';

export interface RrxBundle {
  readonly file: string;
  remove(): void;
}

/** Bundle electron/core/cli/entry.ts for plain Node into a fresh temp dir. */
export async function bundleRrx(): Promise<RrxBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'rrx-cli-'));
  const file = join(dir, 'rrx.mjs');
  await bundleCliInto(dir);
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `rrx serve-api ARGS` as a child process, resolved once it prints that it listens. */
export function startRrxServeApi(bundle: RrxBundle, args: string[]): Promise<PeerProcess> {
  return spawnPeer({ command: process.execPath, args: [bundle.file, 'serve-api', ...args], label: 'rrx serve-api', readyLine: /listening on http/, readyTimeoutMs: 30_000 });
}

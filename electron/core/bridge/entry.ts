// `npm run serve` process: starts the loopback bridge over the built renderer and prints its tokenised URL.
// Flags: --port N (default: a free port), --data-dir DIR (default ~/.local/share/rrx-bridge or $RRX_DATA_DIR),
// --no-demo (no embedded demo cluster even without profiles), --json (print {url, port, token} as one JSON line, for test harnesses).
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '@shared/csp';
import { createApiHandlers } from '../api/create-handlers';
import { createProfileService } from '../api/host-services';
import { JsonFileProfileStorage, MemorySecretStore } from '../profiles';
import { startBridge } from './server';
import { useEvalWorkers } from '../query/eval-worker/off-thread';

// Queries are evaluated in worker threads (eval-worker.mjs beside this bundle), so the bridge keeps answering.
useEvalWorkers(new URL('./eval-worker.mjs', import.meta.url));

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const here = dirname(fileURLToPath(import.meta.url));
const portArg = flag('--port');
const port = portArg === undefined ? 0 : Number(portArg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`serve: --port must be a port number, got "${portArg}".\n`);
  process.exit(2);
}

// Browser mode keeps its own data folder (profiles, history) apart from the desktop app's.
const dataDir = flag('--data-dir') ?? process.env.RRX_DATA_DIR ?? join(homedir(), '.local/share/rrx-bridge');
mkdirSync(dataDir, { recursive: true });

// Browser mode keeps secrets in memory only (the profile editor says so): there is no OS keychain to use here.
const profiles = await createProfileService(new JsonFileProfileStorage(join(dataDir, 'profiles.json')), new MemorySecretStore(), {
  demo: !process.argv.includes('--no-demo'),
});

// Workspaces handed to the running page (POST /api/open), kept until the page takes them (app.takeOpenRequests).
const openRequests: string[] = [];
const bridge = await startBridge({
  port,
  rendererDir: process.env.RRX_RENDERER_DIR ?? join(here, '../renderer'),
  csp: CONTENT_SECURITY_POLICY,
  makeHandlers: (emit) => createApiHandlers({ host: { mode: 'bridge' }, emit, dataDir, profiles, openRequests: { take: () => openRequests.splice(0) } }),
  // Only the newest is opened; a bounded queue keeps a misbehaving script from growing it without end.
  onOpenRequest: (path) => void (openRequests.length < 100 && openRequests.push(path)),
});

if (process.argv.includes('--json')) process.stdout.write(JSON.stringify({ url: bridge.url, port: bridge.port, token: bridge.token }) + '\n');
else process.stdout.write(`Remote Read Explorer is serving on loopback only. Open:\n  ${bridge.url}\n(Ctrl+C stops it.)\n`);

const stop = (): void => void Promise.all([bridge.close(), profiles.close()]).then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

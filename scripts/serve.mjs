// `npm run serve [-- --port N]`: builds the app, then serves the renderer and the API on 127.0.0.1 (browser mode).
import { spawnSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const child = spawn(process.execPath, ['out/bridge/serve.mjs', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

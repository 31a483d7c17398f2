// `npm start`: builds, then opens the desktop app (embedded demo cluster on first start). Without an Electron binary
// (e.g. installed with ELECTRON_SKIP_BINARY_DOWNLOAD) it says so and points at browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const hasBinary = existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
if (!hasBinary && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.error('rrx: no Electron binary (ELECTRON_SKIP_BINARY_DOWNLOAD is set). Unset it and run "npm install", or use "npm run serve" for browser mode.');
  process.exit(1);
}
const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
// electron's own launcher downloads the binary if it is still missing.
const r = spawnSync(process.execPath, [join(electronDir, 'cli.js'), '.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 0);

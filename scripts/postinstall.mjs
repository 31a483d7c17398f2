// After `npm install`: fetch the Electron binary for `npm start` (Electron 45 downloads lazily, and npm 11 runs no
// dependency install scripts unless approved — so the project does it itself). Skipped when
// ELECTRON_SKIP_BINARY_DOWNLOAD is set (CI, machines without internet); a failed download is reported, not fatal.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('rrx: ELECTRON_SKIP_BINARY_DOWNLOAD is set; not downloading Electron (the CLI, `npm run serve` and tests do not need it).');
  process.exit(0);
}
const require = createRequire(import.meta.url);
let installer;
try {
  installer = require.resolve('electron/install.js');
} catch {
  process.exit(0); // production install without devDependencies
}
if (existsSync(new URL('../node_modules/electron/path.txt', import.meta.url))) process.exit(0);
const r = spawnSync(process.execPath, [installer], { stdio: 'inherit' });
if (r.status !== 0) console.warn('rrx: the Electron binary could not be downloaded; `npm start` will retry. `npm run serve` works without it.');

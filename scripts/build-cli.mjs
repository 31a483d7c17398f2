// Bundles the Electron-free CLI (electron/core/cli/entry.ts) into out/cli/rrx.mjs for plain Node.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['electron/core/cli/entry.ts'],
  outfile: 'out/cli/rrx.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  legalComments: 'none',
  alias: { '@core': './electron/core', '@shared': './shared' },
  // CommonJS dependencies (protobufjs, …) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __rrxCreateRequire } from 'node:module'; const require = __rrxCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

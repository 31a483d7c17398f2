// Bundles the Electron-free entries for plain Node: the CLI (out/cli/rrx.mjs) and the loopback bridge
// (out/bridge/serve.mjs), each with its query-evaluation worker (eval-worker.mjs).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entries = [
  ['electron/core/cli/entry.ts', 'out/cli/rrx.mjs'],
  ['electron/core/bridge/entry.ts', 'out/bridge/serve.mjs'],
  // Query evaluation runs in worker threads started from these (beside each bundle that uses them).
  ['electron/core/query/eval-worker/entry.ts', 'out/cli/eval-worker.mjs'],
  ['electron/core/query/eval-worker/entry.ts', 'out/bridge/eval-worker.mjs'],
];
for (const [entry, outfile] of entries) await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outfile,
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

// Bundles the Electron-free entries for plain Node: the CLI (out/cli/rrx.mjs) and the loopback bridge
// (out/bridge/serve.mjs), each with its query-evaluation worker (eval-worker.mjs).
// The CLI is code-split: rrx.mjs holds only the dispatcher and the command list, and each command's code is a chunk
// under out/cli/chunks/ imported when that command runs, so `rrx version` and `rrx --help` start in Node's own time.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  legalComments: 'none',
  alias: { '@core': './electron/core', '@shared': './shared' },
  // CommonJS dependencies (protobufjs, …) call require(); give every ESM file (entries and chunks) one.
  banner: { js: "import { createRequire as __rrxCreateRequire } from 'node:module'; const require = __rrxCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};

// Chunk names carry a content hash: drop the previous build's so out/cli holds only what this one references.
rmSync(`${root}out/cli`, { recursive: true, force: true });
await build({
  ...common,
  // Query evaluation runs in worker threads started from eval-worker.mjs, beside the entry that uses it.
  entryPoints: { rrx: 'electron/core/cli/entry.ts', 'eval-worker': 'electron/core/query/eval-worker/entry.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
for (const [entry, outfile] of [
  ['electron/core/bridge/entry.ts', 'out/bridge/serve.mjs'],
  ['electron/core/query/eval-worker/entry.ts', 'out/bridge/eval-worker.mjs'],
]) await build({ ...common, entryPoints: [entry], outfile });

#!/usr/bin/env node
// `rrx` launcher: runs the CLI bundle that `npm run build` writes to out/cli/rrx.mjs.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/rrx.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('rrx: the CLI is not built yet; run "npm run build" in the project folder first.\n');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);

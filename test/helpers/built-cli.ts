// Builds the Node bundles (out/cli/rrx.mjs, out/bridge/serve.mjs and their eval-worker.mjs) once per test file, so
// reliability tests run the real processes users run. esbuild only: a few seconds, no renderer build.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI_BUNDLE = `${ROOT}out/cli/rrx.mjs`;
export const BRIDGE_BUNDLE = `${ROOT}out/bridge/serve.mjs`;

export function buildNodeBundles(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
}

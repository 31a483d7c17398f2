// Entry of `npm run bench`. The core's path aliases (@core, @shared) live in tsconfig.node.json, while plain
// `tsx bench/run.ts` reads tsconfig.json (references only): without `--tsconfig`, re-run once under the right config.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (process.env.TSX_TSCONFIG_PATH) {
  await import('./main');
} else {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) },
  });
  // Ctrl+C reaches the child through the terminal's process group; this parent only mirrors its exit code.
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

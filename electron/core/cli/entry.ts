// Process entry of the bundled CLI (out/cli/rrx.mjs): wires real stdio, env and signals into runCli.
import { useEvalWorkers } from '../query/eval-worker/off-thread';
import { runCli } from './main';

// Queries are evaluated in worker threads (eval-worker.mjs beside this bundle): Ctrl+C, SIGTERM and serve-api's
// other requests are handled while one runs.
useEvalWorkers(new URL('./eval-worker.mjs', import.meta.url));

const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort(new Error(`interrupted by ${sig}`)));

const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
const code = await runCli(process.argv.slice(2), {
  stdout: write(process.stdout),
  stderr: write(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
// Let stdout drain before exiting (pipes to `jq` etc.).
process.stdout.write('', () => process.exit(code));

// Process entry of the bundled CLI (out/cli/rrx.mjs): wires real stdio, env and signals into runCli. It imports
// only the dispatcher and the registry: each command (and the engine behind it) is loaded when it runs.
import { runCli } from './main';

const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort(new Error(`interrupted by ${sig}`)));

const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
const code = await runCli(
  process.argv.slice(2),
  {
    stdout: write(process.stdout),
    stdoutChunks: async (chunks) => {
      const { writeChunks } = await import('../io/write-chunks');
      await writeChunks(process.stdout, chunks);
    },
    stderr: write(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  },
  {
    // Queries are evaluated in worker threads (eval-worker.mjs beside this bundle): Ctrl+C, SIGTERM and serve-api's
    // other requests are handled while one runs. Started while the command's module loads, not for `rrx version`.
    beforeCommand: async (entry) => {
      if (entry.noEval) return;
      const { useEvalWorkers } = await import('../query/eval-worker/off-thread');
      useEvalWorkers(new URL('./eval-worker.mjs', import.meta.url));
    },
  },
);
// Let stdout drain before exiting (pipes to `jq` etc.).
process.stdout.write('', () => process.exit(code));

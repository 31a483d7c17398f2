// The inside of an evaluation worker thread: takes one job at a time, evaluates it with the same
// evaluateSnapshot the main thread would run, answers with the result or the error as data. Never reads a socket.
import { parentPort } from 'node:worker_threads';
import { evaluateSnapshot } from '../run-cluster-query';
import { serializeError, transferables, type EvalJob, type EvalReply } from './job';
import { serveStreamMessage } from './streaming-serve';

export function serveEvalJobs(): void {
  const port = parentPort;
  if (!port) throw new Error('the evaluation worker must run in a worker thread');
  port.on('message', (job: EvalJob) => {
    if (serveStreamMessage(port, job)) return;
    let reply: EvalReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const result = evaluateSnapshot(job.spec, job.ast, job.input, job.snapshot, job.opts);
      reply = { ok: true, result };
      transfer = transferables(result);
    } catch (e) {
      reply = { ok: false, error: serializeError(e) };
    }
    port.postMessage(reply, transfer);
  });
}

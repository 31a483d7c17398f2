// One phrase on which evaluation path answered, for the CLI's mode line, serve-api's infos and stats, the bench.
import type { EvaluationPath } from '../run-cluster-query';

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

export function describeEvaluation(e: EvaluationPath): string {
  if (e.path === 'streaming') return `streamed (at most ${mib(e.peakHeldBytes ?? 0)} of raw samples held, of ${mib(e.rawBytes ?? 0)} read)`;
  return `evaluated over the whole snapshot${e.reason ? ` (${e.reason})` : ''}`;
}

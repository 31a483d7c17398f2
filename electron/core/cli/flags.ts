// The flag parsing every `rrx` command shares: strict node:util parseArgs with usage errors as one sentence, and the
// time frame of --time or --start/--end/--step. Commands import from here, never from each other.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { instantFrame, rangeFrame, type TimeFrame } from '@core/query/time-frame';
import { UsageError } from './command';
import type { ClusterFlagValues } from './cluster-flags';
import { attachDashValues } from './dash-values';
import { parseDurationMs, parseTimeArg } from './time-arg';

/** The values a query-like command reads: the cluster flags plus the expression, time frame and output format. */
export type QueryFlagValues = ClusterFlagValues & {
  expr?: string;
  time?: string;
  start?: string;
  end?: string;
  step?: string;
  'lookback-delta'?: string;
  format?: string;
  'query-timeout'?: string;
};

export function parseFlags(argv: string[], options: object): QueryFlagValues {
  try {
    return parseArgs({ args: attachDashValues(argv), options: options as ParseArgsConfig['options'], strict: true, allowPositionals: false }).values as QueryFlagValues;
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0].replace(/\.$/, ''));
  }
}

/** --time or --start/--end/--step into a frame; Prometheus's rules (and wording) for steps. */
export function frameFromFlags(v: QueryFlagValues, now = Date.now()): TimeFrame {
  const isRange = v.start !== undefined || v.end !== undefined || v.step !== undefined;
  if (isRange) {
    if (v.time !== undefined) throw new UsageError('give either --time or --start/--end/--step');
    if (v.start === undefined || v.end === undefined || v.step === undefined) throw new UsageError('a range query needs --start, --end and --step');
    if (/^-\d/.test(v.step) || /^[+-]?0+(\.0*)?([a-z]+)?$/.test(v.step)) throw new UsageError(`--step must be positive, got "${v.step}"`);
    const stepMs = /^\d+(\.\d+)?$/.test(v.step) ? Math.round(Number(v.step) * 1000) : parseDurationMs(v.step);
    if (!stepMs || stepMs <= 0) throw new UsageError(`--step must be a positive duration such as 15s, got "${v.step}"`);
    try {
      return rangeFrame(parseTimeArg(v.start, now, '--start'), parseTimeArg(v.end, now, '--end'), stepMs);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  return instantFrame(v.time !== undefined ? parseTimeArg(v.time, now, '--time') : now);
}

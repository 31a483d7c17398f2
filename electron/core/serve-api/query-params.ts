// The parameters of /api/v1/query and /api/v1/query_range, checked in Prometheus's order with its wording
// (api.go query/queryRange), plus rrx's two extensions: `node` (one node only) and `dedup` (merge strategy).
import { MERGE_STRATEGIES, type MergeStrategy } from '@core/cluster/merge/types';
import { MAX_POINTS_PER_SERIES, type TimeFrame } from '@core/query/time-frame';
import { QUERY_MODES, type QueryMode } from '@core/query/answer-modes';
import { ApiError, invalidParam } from './api-error';
import type { ApiForm } from './form';
import { ParamError, parseApiDuration, parseApiTime } from './time-params';

export interface QueryParams {
  expr: string;
  frame: TimeFrame;
  /** From the `timeout` parameter; undefined when absent. */
  timeoutMs?: number;
  lookbackDeltaMs?: number;
  /** The raw `stats` value; non-empty asks for statistics. */
  stats: string;
  /** 0: no limit. */
  limit: number;
  node?: string;
  strategy?: MergeStrategy;
  /** rrx's `mode` parameter: local, pushdown, delegate or auto. */
  mode?: QueryMode;
}

function param<T>(name: string, parse: () => T, wrap?: (msg: string) => string): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof ParamError)) throw e;
    throw invalidParam(name, wrap ? wrap(e.message) : e.message);
  }
}

/** parseTimeParam: a default when empty, and Prometheus's extra "Invalid time value" wording otherwise. */
export function timeParam(form: ApiForm, name: string, fallback: number): number {
  const text = form.get(name);
  if (text === '') return fallback;
  return param(name, () => parseApiTime(text), (m) => `Invalid time value for '${name}': ${m}`);
}

function commonParams(form: ApiForm): Omit<QueryParams, 'frame' | 'expr'> {
  const out: Omit<QueryParams, 'frame' | 'expr'> = { stats: form.get('stats'), limit: 0 };
  const timeout = form.get('timeout');
  if (timeout !== '') out.timeoutMs = param('timeout', () => parseApiDuration(timeout));
  const lookback = form.get('lookback_delta');
  if (lookback !== '') {
    try {
      out.lookbackDeltaMs = parseApiDuration(lookback);
    } catch (e) {
      // Prometheus reports this one without the "invalid parameter" prefix.
      throw new ApiError('bad_data', `error parsing lookback delta duration: ${(e as Error).message}`);
    }
  }
  const node = form.get('node');
  if (node !== '') out.node = node;
  const dedup = form.get('dedup');
  if (dedup !== '') {
    if (!(MERGE_STRATEGIES as readonly string[]).includes(dedup)) throw invalidParam('dedup', `must be one of ${MERGE_STRATEGIES.join(', ')}`);
    out.strategy = dedup as MergeStrategy;
  }
  const mode = form.get('mode');
  if (mode !== '') {
    if (!(QUERY_MODES as readonly string[]).includes(mode)) throw invalidParam('mode', `must be one of ${QUERY_MODES.join(', ')}`);
    out.mode = mode as QueryMode;
  }
  return out;
}

/** Prometheus 3's `limit` (0 or absent: no limit): at most this many series, names or values in an answer. */
export function limitParam(form: ApiForm): number {
  const text = form.get('limit');
  if (text === '') return 0;
  if (!/^[+-]?\d+$/.test(text)) throw invalidParam('limit', `strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = Number(text);
  if (n < 0) throw invalidParam('limit', 'limit must be non-negative');
  return n;
}

export const TRUNCATED_WARNING = 'results truncated due to limit';

/** Cut a list to the limit; says whether it was cut (Prometheus then adds TRUNCATED_WARNING). */
export function truncate<T>(list: T[], limit: number): { list: T[]; truncated: boolean } {
  return limit > 0 && list.length > limit ? { list: list.slice(0, limit), truncated: true } : { list, truncated: false };
}

export function instantQueryParams(form: ApiForm, nowMs: number): QueryParams {
  const limit = limitParam(form);
  const timeMs = timeParam(form, 'time', nowMs);
  if (!Number.isFinite(timeMs)) throw invalidParam('time', `Invalid time value for 'time': ${JSON.stringify(form.get('time'))} is out of range`);
  const common = commonParams(form);
  return { expr: form.get('query'), frame: { startMs: timeMs, endMs: timeMs, stepMs: 0 }, ...common, limit };
}

export function rangeQueryParams(form: ApiForm): QueryParams {
  const limit = limitParam(form);
  const startMs = param('start', () => parseApiTime(form.get('start')));
  const endMs = param('end', () => parseApiTime(form.get('end')));
  if (!Number.isFinite(startMs)) throw invalidParam('start', `${JSON.stringify(form.get('start'))} is out of range`);
  if (!Number.isFinite(endMs)) throw invalidParam('end', `${JSON.stringify(form.get('end'))} is out of range`);
  if (endMs < startMs) throw invalidParam('end', 'end timestamp must not be before start time');
  const stepMs = param('step', () => parseApiDuration(form.get('step')));
  if (stepMs <= 0) throw invalidParam('step', 'zero or negative query resolution step widths are not accepted. Try a positive integer');
  // Go divides durations as integers, so 11,000.5 points still pass.
  if (Math.floor((endMs - startMs) / stepMs) > MAX_POINTS_PER_SERIES) {
    throw new ApiError('bad_data', 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
  }
  const common = commonParams(form);
  return { expr: form.get('query'), frame: { startMs, endMs, stepMs }, ...common, limit };
}

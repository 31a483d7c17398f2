// `match[]` selectors and the time window of the series/labels/label-values endpoints (api.go parseMatchersParam
// and the MinTime/MaxTime defaults), bounded: remote_read must read samples to find series, so an open or very
// long window is cut to the last `maxWindowMs` before its end and the answer says so in a warning.
import { parse } from '@core/promql/parser';
import { compileMatcher } from '@core/series/matcher';
import type { LabelMatcher } from '@core/series/types';
import { ApiError, invalidParam } from './api-error';
import type { ApiForm } from './form';
import { timeParam } from './query-params';

/** Default (and largest) lookup window of the metadata endpoints. */
export const DEFAULT_LOOKUP_WINDOW_MS = 60 * 60_000;

/**
 * Prometheus's minTime (api.go: time.Unix(math.MinInt64/1000+62135596801, 0)) is -9223309901257974 s; as a double
 * its ms are not exact, so anything at or below this (a few seconds above it) counts as that "no limit".
 */
const PROMETHEUS_MIN_TIME_MS = -9_223_309_901_257_970_000;

/** What labels and label values read when no match[] is given: every series. */
export const ALL_SERIES: readonly LabelMatcher[] = [{ type: '=~', name: '__name__', value: '.+' }];

export class MatchError extends Error {
  override readonly name = 'MatchError';
}

/** One matcher set per `match[]`; each must contain a matcher that does not match the empty string. */
export function parseMatchSets(values: readonly string[]): LabelMatcher[][] {
  const sets = values.map((text) => {
    const expr = parse(text);
    if (expr.kind !== 'VectorSelector') throw new MatchError(`${JSON.stringify(text)} is not a series selector`);
    return expr.matchers.map((m) => ({ type: m.type, name: m.name, value: m.value }));
  });
  for (const set of sets) {
    if (!set.some((m) => !compileMatcher(m)({}))) throw new MatchError('match[] must contain at least one non-empty matcher');
  }
  return sets;
}

export interface LookupWindow {
  startMs: number;
  endMs: number;
  /** Set when the requested window was open or longer than the limit and got cut. */
  clipped?: string;
}

function spanText(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

export function lookupWindow(form: ApiForm, nowMs: number, maxWindowMs = DEFAULT_LOOKUP_WINDOW_MS): LookupWindow {
  let start = timeParam(form, 'start', -Infinity);
  let end = timeParam(form, 'end', Infinity);
  if (end < start) throw new ApiError('bad_data', 'end timestamp must not be before start time');
  // Clients such as promtool send Prometheus's min/max time as unix seconds (-9223309901257974, 9223309901257975):
  // those are "no limit" too.
  if (start <= PROMETHEUS_MIN_TIME_MS) start = -Infinity;
  // No sample exists after now: an end in the future means now (or the start, for a window wholly in the future).
  if (end > nowMs) end = Math.max(nowMs, Number.isFinite(start) ? start : -Infinity);
  if (end - start <= maxWindowMs) return { startMs: start, endMs: end };
  const startMs = end - maxWindowMs;
  const asked = Number.isFinite(start) ? 'the requested window' : 'an open window';
  return { startMs, endMs: end, clipped: `rrx reads series over remote_read; ${asked} was limited to the ${spanText(maxWindowMs)} before its end` };
}

/** match[] of a request as matcher sets; Prometheus reports a bad selector as bad_data (series: invalid "match[]"). */
export function matchSetsParam(form: ApiForm, invalidParamPrefix: boolean): LabelMatcher[][] {
  try {
    return parseMatchSets(form.all('match[]'));
  } catch (e) {
    const msg = (e as Error).message;
    throw invalidParamPrefix ? invalidParam('match[]', msg) : new ApiError('bad_data', msg);
  }
}

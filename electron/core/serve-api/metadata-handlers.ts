// /api/v1/series, /api/v1/labels and /api/v1/label/<name>/values over remote_read, with Prometheus's parameter
// rules and ordering (names and values sorted; series sorted by labels). Without match[], labels and values read
// every series ({__name__=~".+"}); the window is bounded (see match-params.ts).
import { compareLabels } from '@core/series/labels';
import { ApiError, toApiError } from './api-error';
import { specForNode, type ApiContext, type ApiSuccess, type RequestScope } from './context';
import type { ApiForm } from './form';
import { ALL_SERIES, lookupWindow, matchSetsParam } from './match-params';
import { TRUNCATED_WARNING, limitParam, truncate } from './query-params';
import { requestSignal } from './request-signal';
import { lookupSeries, type SeriesLookup } from './series-lookup';
import type { LabelMatcher } from '@core/series/types';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The answer with Prometheus 3's `limit` applied. */
function limited(list: unknown[], warnings: string[], limit: number): ApiSuccess {
  const cut = truncate(list, limit);
  return { data: cut.list, warnings: cut.truncated ? [...warnings, TRUNCATED_WARNING] : warnings };
}

async function lookup(form: ApiForm, ctx: ApiContext, scope: RequestScope, sets: LabelMatcher[][]): Promise<SeriesLookup> {
  const window = lookupWindow(form, ctx.now(), ctx.lookupWindowMs);
  const node = form.get('node');
  const spec = specForNode(ctx.spec, node === '' ? undefined : node);
  const rs = requestSignal(scope.abortSources, undefined);
  let release: (() => void) | undefined;
  try {
    release = await ctx.gate.acquire(rs.signal);
    const found = await lookupSeries(spec, sets.length ? sets : [[...ALL_SERIES]], window, { signal: rs.signal, cache: ctx.cache });
    if (window.clipped) found.warnings.unshift(window.clipped);
    return found;
  } catch (e) {
    throw toApiError(e, rs.signal);
  } finally {
    release?.();
    rs.dispose();
  }
}

export async function handleSeries(form: ApiForm, ctx: ApiContext, scope: RequestScope): Promise<ApiSuccess> {
  const limit = limitParam(form);
  if (form.all('match[]').length === 0) throw new ApiError('bad_data', 'no match[] parameter provided');
  lookupWindow(form, ctx.now(), ctx.lookupWindowMs); // parameter errors before selector errors, as Prometheus
  const sets = matchSetsParam(form, true);
  const found = await lookup(form, ctx, scope, sets);
  const data = found.series.map((l) => ({ ...l })).sort(compareLabels);
  return limited(data, found.warnings, limit);
}

export async function handleLabels(form: ApiForm, ctx: ApiContext, scope: RequestScope): Promise<ApiSuccess> {
  const limit = limitParam(form);
  lookupWindow(form, ctx.now(), ctx.lookupWindowMs);
  const sets = matchSetsParam(form, false);
  const found = await lookup(form, ctx, scope, sets);
  const names = new Set<string>();
  for (const l of found.series) for (const n of Object.keys(l)) names.add(n);
  return limited([...names].sort(byCodePoint), found.warnings, limit);
}

export async function handleLabelValues(form: ApiForm, ctx: ApiContext, scope: RequestScope): Promise<ApiSuccess> {
  const name = scope.pathParams.name ?? '';
  if (!LABEL_NAME.test(name)) throw new ApiError('bad_data', `invalid label name: ${JSON.stringify(name)}`);
  const limit = limitParam(form);
  lookupWindow(form, ctx.now(), ctx.lookupWindowMs);
  const sets = matchSetsParam(form, false);
  const found = await lookup(form, ctx, scope, sets);
  const values = new Set<string>();
  for (const l of found.series) {
    const v = l[name];
    if (v !== undefined && v !== '') values.add(v);
  }
  return limited([...values].sort(byCodePoint), found.warnings, limit);
}

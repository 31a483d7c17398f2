// What rrx asks an engine node: a PromQL evaluation over a time frame (query or query_range) and, for the auto
// mode's estimate, how many series a selector matches (/api/v1/series). Answers in the contract's shape.
import type { EvaluatedResult } from '@shared/api/query-types';
import { ApiDecodeError, decodeQueryAnswer, decodeSeriesAnswer } from './api-decode';
import { apiRequest, type ApiRequestOptions } from './http-json';
import { EngineError, type QueryApiConfig } from './types';
import { endpointDisplayName } from '@core/remote-read/client';

const seconds = (ms: number): string => String(ms / 1000);

function decoded<T>(cfg: QueryApiConfig, json: unknown, decode: (j: unknown) => T): T {
  try {
    return decode(json);
  } catch (e) {
    if (e instanceof ApiDecodeError) throw new EngineError('decode', endpointDisplayName(cfg), e.message);
    throw e;
  }
}

export interface EngineQueryInput {
  expr: string;
  /** stepMs 0 = an instant query at startMs. */
  frame: { startMs: number; endMs: number; stepMs: number };
  lookbackDeltaMs?: number;
}

/** The engine's answer for `expr` over the frame: query_range when the frame has a step, else an instant query. */
export async function engineQuery(cfg: QueryApiConfig, input: EngineQueryInput, opts: ApiRequestOptions = {}): Promise<EvaluatedResult> {
  const { frame } = input;
  const params: [string, string][] = [['query', input.expr]];
  if (input.lookbackDeltaMs !== undefined) params.push(['lookback_delta', seconds(input.lookbackDeltaMs)]);
  let json: unknown;
  if (frame.stepMs > 0) {
    params.push(['start', seconds(frame.startMs)], ['end', seconds(frame.endMs)], ['step', seconds(frame.stepMs)]);
    json = await apiRequest(cfg, '/api/v1/query_range', params, opts);
  } else {
    params.push(['time', seconds(frame.startMs)]);
    json = await apiRequest(cfg, '/api/v1/query', params, opts);
  }
  return decoded(cfg, json, decodeQueryAnswer);
}

/** Label sets of the series matching `selector` between start and end (the engine's /api/v1/series). */
export async function engineSeries(cfg: QueryApiConfig, selector: string, startMs: number, endMs: number, opts: ApiRequestOptions = {}): Promise<Record<string, string>[]> {
  const json = await apiRequest(cfg, '/api/v1/series', [['match[]', selector], ['start', seconds(startMs)], ['end', seconds(endMs)]], opts);
  return decoded(cfg, json, decodeSeriesAnswer);
}

// Prometheus HTTP API JSON for a query result or error, byte-for-byte in the shape /api/v1/query(_range) returns:
// values as strings (Prometheus's MarshalFloat: shortest digits, 'e' form below 1e-6 and from 1e21), timestamps as unix seconds with millisecond precision.
import { formatApiFloat, formatFloatF } from './format-float';
import { QueryError, type QueryErrorType } from './errors';
import type { QueryResult } from './query';

type ApiPoint = [number, string];

export interface PrometheusApiSuccess {
  status: 'success';
  data:
    | { resultType: 'vector'; result: { metric: Record<string, string>; value: ApiPoint }[] }
    | { resultType: 'matrix'; result: { metric: Record<string, string>; values: ApiPoint[] }[] }
    | { resultType: 'scalar' | 'string'; result: ApiPoint };
  warnings?: string[];
  infos?: string[];
}

export interface PrometheusApiError {
  status: 'error';
  errorType: QueryErrorType;
  error: string;
}

function seconds(ms: number): number {
  return ms / 1000;
}

export function toPrometheusApiJson(r: QueryResult): PrometheusApiSuccess {
  let data: PrometheusApiSuccess['data'];
  switch (r.resultType) {
    case 'vector':
      data = {
        resultType: 'vector',
        result: r.series.map((s) => ({ metric: { ...s.labels }, value: [seconds(s.timestamps[0]), formatApiFloat(s.values[0])] })),
      };
      break;
    case 'matrix':
      data = {
        resultType: 'matrix',
        result: r.series.map((s) => ({
          metric: { ...s.labels },
          values: Array.from(s.timestamps, (t, i): ApiPoint => [seconds(t), formatApiFloat(s.values[i])]),
        })),
      };
      break;
    case 'scalar':
      // promql.Scalar marshals itself with FormatFloat 'f' (never 'e'), unlike vector and matrix samples.
      data = { resultType: 'scalar', result: [seconds(r.timestampMs), formatFloatF(r.value)] };
      break;
    case 'string':
      data = { resultType: 'string', result: [seconds(r.timestampMs), r.value] };
      break;
  }
  const out: PrometheusApiSuccess = { status: 'success', data };
  if (r.warnings.length) out.warnings = r.warnings;
  if (r.infos.length) out.infos = r.infos;
  return out;
}

/** Any thrown error as the API reports it; parse errors and other non-query errors are `bad_data`. */
export function errorToPrometheusApiJson(err: unknown): PrometheusApiError {
  if (err instanceof QueryError) return { status: 'error', errorType: err.errorType, error: err.message };
  const e = err as { name?: string; message?: string };
  if (e && e.name === 'ParseError') return { status: 'error', errorType: 'bad_data', error: e.message ?? String(err) };
  return { status: 'error', errorType: 'execution', error: e?.message ?? String(err) };
}

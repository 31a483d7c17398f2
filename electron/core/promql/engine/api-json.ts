// Prometheus HTTP API JSON for a query result or error, byte-for-byte in the shape /api/v1/query(_range) returns:
// values as strings (Prometheus's MarshalFloat: shortest digits, 'e' form below 1e-6 and from 1e21), timestamps as
// unix seconds with millisecond precision. Native histogram
// points go in `histogram` (vector) / `histograms` (matrix) as {count, sum, buckets: [[rule, lower, upper, count]]}.
import type { FloatHistogram } from '../../series/histogram';
import { histogramBuckets } from '@shared/histogram/buckets';
import { formatApiFloat, formatFloatF } from './format-float';
import { QueryError, type QueryErrorType } from './errors';
import type { QueryResult } from './query';

type ApiPoint = [number, string];

/** A native histogram as Prometheus's JSON codec writes it; `buckets` is left out when every bucket is empty. */
export interface ApiHistogram {
  count: string;
  sum: string;
  buckets?: [number, string, string, string][];
}
type ApiHistogramPoint = [number, ApiHistogram];

export type ApiVectorSample =
  | { metric: Record<string, string>; value: ApiPoint }
  | { metric: Record<string, string>; histogram: ApiHistogramPoint };
/** A matrix series: `values` only if it has float points, `histograms` only if it has histogram points. */
export interface ApiMatrixSeries {
  metric: Record<string, string>;
  values?: ApiPoint[];
  histograms?: ApiHistogramPoint[];
}

export function histogramToApiJson(h: FloatHistogram): ApiHistogram {
  const out: ApiHistogram = { count: formatApiFloat(h.count), sum: formatApiFloat(h.sum) };
  const buckets = histogramBuckets(h);
  if (buckets.length) {
    out.buckets = buckets.map((b) => [b.rule, formatApiFloat(b.lower), formatApiFloat(b.upper), formatApiFloat(b.count)]);
  }
  return out;
}

function matrixSeries(metric: Record<string, string>, timestamps: Float64Array, values: Float64Array, hs?: readonly (FloatHistogram | null)[]): ApiMatrixSeries {
  if (!hs) return { metric, values: Array.from(timestamps, (t, i): ApiPoint => [seconds(t), formatApiFloat(values[i])]) };
  const floats: ApiPoint[] = [];
  const histograms: ApiHistogramPoint[] = [];
  for (let i = 0; i < timestamps.length; i++) {
    const h = hs[i];
    if (h) histograms.push([seconds(timestamps[i]), histogramToApiJson(h)]);
    else floats.push([seconds(timestamps[i]), formatApiFloat(values[i])]);
  }
  const out: ApiMatrixSeries = { metric };
  if (floats.length) out.values = floats;
  if (histograms.length) out.histograms = histograms;
  return out;
}

export interface PrometheusApiSuccess {
  status: 'success';
  data:
    | { resultType: 'vector'; result: ApiVectorSample[] }
    | { resultType: 'matrix'; result: ApiMatrixSeries[] }
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
        result: r.series.map((s): ApiVectorSample => {
          const h = s.histograms?.[0];
          if (h) return { metric: { ...s.labels }, histogram: [seconds(s.timestamps[0]), histogramToApiJson(h)] };
          return { metric: { ...s.labels }, value: [seconds(s.timestamps[0]), formatApiFloat(s.values[0])] };
        }),
      };
      break;
    case 'matrix':
      data = {
        resultType: 'matrix',
        result: r.series.map((s) => matrixSeries({ ...s.labels }, s.timestamps, s.values, s.histograms)),
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

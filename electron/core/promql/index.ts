// Public API of the PromQL engine: run an instant or range query over a SeriesStore and render results and
// errors as Prometheus's HTTP API JSON. The CLI and the serve-api build on exactly these.
export { executeInstantQuery, executeRangeQuery } from './engine/query';
export type { InstantQueryInput, RangeQueryInput, QueryResult, ResultSeries } from './engine/query';
export { toPrometheusApiJson, errorToPrometheusApiJson } from './engine/api-json';
export type { PrometheusApiSuccess, PrometheusApiError } from './engine/api-json';
export type { EvalOptions, Compat, EngineFeatures } from './engine/options';
export { QueryError, TooManySamplesError, QueryCanceledError, QueryTimeoutError } from './engine/errors';
export type { QueryErrorType } from './engine/errors';
export { formatFloatF } from './engine/format-float';

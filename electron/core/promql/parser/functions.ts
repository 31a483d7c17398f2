// Signatures of every Prometheus 3 PromQL function, one table (after Prometheus's promql/parser/functions.go).
// Only names and types live here: the parser type-checks calls against it; function bodies belong to the evaluator.
import type { ValueType } from './ast';

export interface FunctionDef {
  readonly name: string;
  readonly argTypes: readonly ValueType[];
  /**
   * 0: exactly argTypes.length arguments. n > 0: the last n of argTypes are optional.
   * -1: the last argType repeats any number of times (at least argTypes.length - 1 arguments).
   */
  readonly variadic: number;
  readonly returnType: ValueType;
  /** Needs ParserOptions.enableExperimentalFunctions. */
  readonly experimental: boolean;
  /** Exists only in Prometheus 2.x (needs ParserOptions.prometheus2Functions). */
  readonly prometheus2Only?: boolean;
}

function fn(
  name: string,
  argTypes: ValueType[],
  returnType: ValueType,
  variadic = 0,
  experimental = false,
): [string, FunctionDef] {
  return [name, Object.freeze({ name, argTypes: Object.freeze(argTypes), variadic, returnType, experimental })];
}

/** Every function by name. */
export const functions: ReadonlyMap<string, FunctionDef> = new Map([
  fn('abs', ['vector'], 'vector'),
  fn('absent', ['vector'], 'vector'),
  fn('absent_over_time', ['matrix'], 'vector'),
  fn('acos', ['vector'], 'vector'),
  fn('acosh', ['vector'], 'vector'),
  fn('asin', ['vector'], 'vector'),
  fn('asinh', ['vector'], 'vector'),
  fn('atan', ['vector'], 'vector'),
  fn('atanh', ['vector'], 'vector'),
  fn('avg_over_time', ['matrix'], 'vector'),
  fn('ceil', ['vector'], 'vector'),
  fn('changes', ['matrix'], 'vector'),
  fn('clamp', ['vector', 'scalar', 'scalar'], 'vector'),
  fn('clamp_max', ['vector', 'scalar'], 'vector'),
  fn('clamp_min', ['vector', 'scalar'], 'vector'),
  fn('cos', ['vector'], 'vector'),
  fn('cosh', ['vector'], 'vector'),
  fn('count_over_time', ['matrix'], 'vector'),
  fn('days_in_month', ['vector'], 'vector', 1),
  fn('day_of_month', ['vector'], 'vector', 1),
  fn('day_of_week', ['vector'], 'vector', 1),
  fn('day_of_year', ['vector'], 'vector', 1),
  fn('deg', ['vector'], 'vector'),
  fn('end', [], 'scalar', 0, true),
  fn('delta', ['matrix'], 'vector'),
  fn('deriv', ['matrix'], 'vector'),
  fn('exp', ['vector'], 'vector'),
  fn('first_over_time', ['matrix'], 'vector'),
  fn('floor', ['vector'], 'vector'),
  fn('histogram_avg', ['vector'], 'vector'),
  fn('histogram_count', ['vector'], 'vector'),
  fn('histogram_sum', ['vector'], 'vector'),
  fn('histogram_stddev', ['vector'], 'vector'),
  fn('histogram_stdvar', ['vector'], 'vector'),
  fn('histogram_fraction', ['scalar', 'scalar', 'vector'], 'vector'),
  fn('histogram_quantile', ['scalar', 'vector'], 'vector'),
  fn('histogram_quantiles', ['vector', 'string', 'scalar', 'scalar'], 'vector', 9, true),
  fn('double_exponential_smoothing', ['matrix', 'scalar', 'scalar'], 'vector', 0, true),
  fn('hour', ['vector'], 'vector', 1),
  fn('idelta', ['matrix'], 'vector'),
  fn('increase', ['matrix'], 'vector'),
  fn('info', ['vector', 'vector'], 'vector', 1, true),
  fn('irate', ['matrix'], 'vector'),
  fn('label_replace', ['vector', 'string', 'string', 'string', 'string'], 'vector'),
  fn('label_join', ['vector', 'string', 'string', 'string'], 'vector', -1),
  fn('max_of', ['scalar', 'scalar'], 'scalar', 0, true),
  fn('last_over_time', ['matrix'], 'vector'),
  fn('min_of', ['scalar', 'scalar'], 'scalar', 0, true),
  fn('ln', ['vector'], 'vector'),
  fn('log10', ['vector'], 'vector'),
  fn('log2', ['vector'], 'vector'),
  fn('mad_over_time', ['matrix'], 'vector', 0, true),
  fn('max_over_time', ['matrix'], 'vector'),
  fn('min_over_time', ['matrix'], 'vector'),
  fn('ts_of_first_over_time', ['matrix'], 'vector', 0, true),
  fn('ts_of_max_over_time', ['matrix'], 'vector', 0, true),
  fn('ts_of_min_over_time', ['matrix'], 'vector', 0, true),
  fn('ts_of_last_over_time', ['matrix'], 'vector', 0, true),
  fn('minute', ['vector'], 'vector', 1),
  fn('month', ['vector'], 'vector', 1),
  fn('pi', [], 'scalar'),
  fn('predict_linear', ['matrix', 'scalar'], 'vector'),
  fn('present_over_time', ['matrix'], 'vector'),
  fn('quantile_over_time', ['scalar', 'matrix'], 'vector'),
  fn('rad', ['vector'], 'vector'),
  fn('range', [], 'scalar', 0, true),
  fn('rate', ['matrix'], 'vector'),
  fn('resets', ['matrix'], 'vector'),
  fn('round', ['vector', 'scalar'], 'vector', 1),
  fn('scalar', ['vector'], 'scalar'),
  fn('sgn', ['vector'], 'vector'),
  fn('sin', ['vector'], 'vector'),
  fn('sinh', ['vector'], 'vector'),
  fn('sort', ['vector'], 'vector'),
  fn('sort_desc', ['vector'], 'vector'),
  fn('sort_by_label', ['vector', 'string'], 'vector', -1, true),
  fn('sort_by_label_desc', ['vector', 'string'], 'vector', -1, true),
  fn('sqrt', ['vector'], 'vector'),
  fn('start', [], 'scalar', 0, true),
  fn('start_timestamp', ['vector'], 'vector', 0, true),
  fn('step', [], 'scalar', 0, true),
  fn('stddev_over_time', ['matrix'], 'vector'),
  fn('stdvar_over_time', ['matrix'], 'vector'),
  fn('sum_over_time', ['matrix'], 'vector'),
  fn('tan', ['vector'], 'vector'),
  fn('tanh', ['vector'], 'vector'),
  fn('time', [], 'scalar'),
  fn('timestamp', ['vector'], 'vector'),
  fn('vector', ['scalar'], 'vector'),
  fn('year', ['vector'], 'vector', 1),
]);

/** Functions Prometheus 3 removed, known to the parser only under `compat: 'prometheus2'`. */
export const prometheus2Functions: ReadonlyMap<string, FunctionDef> = new Map([
  ['holt_winters', Object.freeze({ name: 'holt_winters', argTypes: Object.freeze(['matrix', 'scalar', 'scalar'] as ValueType[]), variadic: 0, returnType: 'vector' as ValueType, experimental: false, prometheus2Only: true })],
]);

export function getFunction(name: string, prometheus2 = false): FunctionDef | undefined {
  return functions.get(name) ?? (prometheus2 ? prometheus2Functions.get(name) : undefined);
}

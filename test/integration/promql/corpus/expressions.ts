// The differential corpus's expressions, generated from a seed over the dataset's metrics: first every function,
// aggregation and operator of Prometheus 2.42 once (with randomly chosen argument shapes), then random compositions —
// selectors with offset and `@`, range selectors, subqueries (with and without step), nested functions, binary
// matching — up to the requested count. Pure and deterministic for a given seed.
import { prng } from '../../../helpers/series-fixtures';

const COUNTERS = ['rrx_requests_total', 'rrx_requests_total{svc="api"}', 'rrx_latency_seconds_count', 'rrx_latency_seconds_sum', 'rrx_latency_seconds_bucket{svc="web"}'];
const GAUGES = ['rrx_temperature', 'rrx_temperature{inst="1"}', 'rrx_flaky', 'rrx_equal', 'rrx_ratio', 'rrx_big', 'rrx_temperature{svc=~"api|db"}'];
const RANGES = ['1m', '90s', '2m30s', '5m', '45s'];
const SUBQUERY_STEPS = ['15s', '20s', '1m', '7s', ''];

const RANGE_FUNCS = ['rate', 'irate', 'increase', 'resets', 'delta', 'idelta', 'deriv', 'changes', 'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'stddev_over_time', 'stdvar_over_time', 'last_over_time', 'present_over_time', 'absent_over_time'];
const COUNTER_FUNCS = new Set(['rate', 'irate', 'increase', 'resets']);
const MATH_FUNCS = ['abs', 'ceil', 'floor', 'exp', 'ln', 'log2', 'log10', 'sqrt', 'sgn', 'round', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'deg', 'rad', 'timestamp', 'sort', 'sort_desc'];
const DATE_FUNCS = ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'];
const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count', 'stddev', 'stdvar', 'group'];
const ARITH = ['+', '-', '*', '/', '%', '^', 'atan2'];
const COMPARISONS = ['==', '!=', '>', '<', '>=', '<='];
const SETS = ['and', 'or', 'unless'];
const SCALARS = ['2', '0.5', '-3', '1e-7', '7', '0.1', '1e3'];

export interface CorpusOptions {
  seed: number;
  count: number;
  /** Unix seconds usable in `@` modifiers (inside the data). */
  atTimes: readonly string[];
}

class Gen {
  readonly rnd: () => number;
  constructor(seed: number, private readonly atTimes: readonly string[]) {
    this.rnd = prng(seed);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  modifier(): string {
    const r = this.rnd();
    if (r < 0.55) return '';
    if (r < 0.75) return ` offset ${this.pick(['30s', '1m', '2m15s', '5m'])}`;
    if (r < 0.87) return ` @ ${this.pick(this.atTimes)}`;
    if (r < 0.93) return ` @ ${this.pick(['start()', 'end()'])}`;
    return ` @ ${this.pick(this.atTimes)} offset 1m`;
  }
  selector(counter: boolean): string {
    return this.pick(counter ? COUNTERS : GAUGES) + this.modifier();
  }
  /** A range vector: a matrix selector, or a subquery of an instant expression. */
  range(counter: boolean, depth: number): string {
    if (depth > 0 && this.chance(0.25)) {
      const inner = counter ? this.pick(COUNTERS) : this.instant(depth - 1);
      return `(${inner})[${this.pick(['2m', '5m', '1m', '3m30s'])}:${this.pick(SUBQUERY_STEPS)}]${this.modifier()}`;
    }
    const sel = this.pick(counter ? COUNTERS : GAUGES);
    return `${sel}[${this.pick(RANGES)}]${this.modifier()}`;
  }
  rangeCall(fn: string, depth: number): string {
    const counter = COUNTER_FUNCS.has(fn) || this.chance(0.3);
    return `${fn}(${this.range(counter, depth)})`;
  }
  rangeCallWithParams(fn: string, depth: number): string {
    const rv = this.range(this.chance(0.3), depth);
    if (fn === 'quantile_over_time') return `quantile_over_time(${this.pick(['0.5', '0.9', '0', '1', '0.33', '-1', '2'])}, ${rv})`;
    if (fn === 'predict_linear') return `predict_linear(${rv}, ${this.pick(['60', '300', '-30', '0.5'])})`;
    return `holt_winters(${rv}, ${this.pick(['0.3', '0.5', '0.9'])}, ${this.pick(['0.1', '0.5', '0.7'])})`;
  }
  grouping(): string {
    const r = this.rnd();
    if (r < 0.35) return '';
    if (r < 0.75) return ` by (${this.pick(['svc', 'inst', 'svc, inst', 'job', 'le'])})`;
    return ` without (${this.pick(['inst', 'svc', 'job'])})`;
  }
  aggregation(op: string, depth: number): string {
    const arg = this.instant(depth - 1);
    if (op === 'topk' || op === 'bottomk') return `${op}${this.grouping()} (${this.pick(['1', '2', '3'])}, ${arg})`;
    if (op === 'quantile') return `quantile${this.grouping()} (${this.pick(['0.5', '0.9', '0', '1', '0.25', '1.5'])}, ${arg})`;
    if (op === 'count_values') return `count_values${this.grouping()} ("value", ${arg})`;
    return `${op}${this.grouping()} (${arg})`;
  }
  mathCall(fn: string, depth: number): string {
    const arg = this.instant(depth - 1);
    if (fn === 'round' && this.chance(0.5)) return `round(${arg}, ${this.pick(['0.5', '10', '0.01', '3'])})`;
    return `${fn}(${arg})`;
  }
  binary(op: string, depth: number): string {
    const lhs = this.instant(depth - 1);
    const bool = COMPARISONS.includes(op) && this.chance(0.5) ? ' bool' : '';
    const r = this.rnd();
    if (SETS.includes(op)) return `${lhs} ${op}${this.pick(['', ' on(svc)', ' ignoring(inst)', ' on()'])} ${this.instant(depth - 1)}`;
    if (r < 0.35) return `${lhs} ${op}${bool} ${this.pick(SCALARS)}`;
    if (r < 0.5) return `${this.pick(SCALARS)} ${op}${bool} ${lhs}`;
    if (r < 0.7) return `${lhs} ${op}${bool} ${lhs.includes('offset') ? lhs : `${lhs} offset 1m`}`.replace(/ offset 1m offset/, ' offset');
    if (r < 0.85) return `${this.pick(GAUGES.slice(0, 2))} ${op}${bool} on(svc) group_left ${this.pick(['sum', 'max', 'avg'])} by (svc) (${this.pick(COUNTERS.slice(0, 1))})`;
    return `${this.pick(['rrx_latency_seconds_sum', 'rrx_requests_total'])} ${op}${bool} ignoring(le) group_left ${this.pick(['rrx_latency_seconds_count', 'rrx_latency_seconds_sum'])}`;
  }
  instant(depth: number): string {
    if (depth <= 0) return this.selector(this.chance(0.4));
    const r = this.rnd();
    if (r < 0.12) return this.selector(this.chance(0.4));
    if (r < 0.38) return this.rangeCall(this.pick(RANGE_FUNCS), depth - 1);
    if (r < 0.45) return this.rangeCallWithParams(this.pick(['quantile_over_time', 'predict_linear', 'holt_winters']), depth - 1);
    if (r < 0.6) return this.aggregation(this.pick([...AGGREGATIONS, 'topk', 'bottomk', 'quantile', 'count_values']), depth);
    if (r < 0.72) return this.mathCall(this.pick(MATH_FUNCS), depth);
    if (r < 0.88) return this.binary(this.pick([...ARITH, ...COMPARISONS, ...SETS]), depth);
    if (r < 0.92) return `-${this.instant(depth - 1)}`;
    if (r < 0.96) {
      const f = this.pick(['clamp', 'clamp_min', 'clamp_max']);
      const arg = this.instant(depth - 1);
      return f === 'clamp' ? `clamp(${arg}, ${this.pick(['-1', '0', '30'])}, ${this.pick(['10', '20'])})` : `${f}(${arg}, ${this.pick(['-1', '0', '10'])})`;
    }
    return `histogram_quantile(${this.pick(['0.5', '0.9', '0.99', '0', '1'])}, ${this.pick(['rate', 'increase'])}(rrx_latency_seconds_bucket[${this.pick(RANGES)}]${this.modifier()}))`;
  }
}

/** Every function, aggregation and operator once, then random compositions, `count` expressions in all. */
export function generateCorpus(o: CorpusOptions): string[] {
  const g = new Gen(o.seed, o.atTimes);
  const out: string[] = [];
  for (const fn of RANGE_FUNCS) out.push(g.rangeCall(fn, 1));
  for (const fn of ['quantile_over_time', 'predict_linear', 'holt_winters']) out.push(g.rangeCallWithParams(fn, 1));
  for (const fn of MATH_FUNCS) out.push(g.mathCall(fn, 1 + Math.floor(g.rnd() * 2)));
  for (const fn of DATE_FUNCS) out.push(g.chance(0.5) ? `${fn}()` : `${fn}(timestamp(${g.selector(false)}))`);
  for (const op of [...AGGREGATIONS, 'topk', 'bottomk', 'quantile', 'count_values']) out.push(g.aggregation(op, 2));
  for (const op of [...ARITH, ...COMPARISONS, ...SETS]) out.push(g.binary(op, 1 + Math.floor(g.rnd() * 2)));
  out.push(
    // Shapes the random part might miss: scalars, vector(), absent, label functions, formatting, leading minus.
    '-rrx_temperature ^ 2 % 7',
    'vector(1e-7)',
    '1 / time()',
    'count_values("v", rrx_ratio)',
    'count_values("v", rrx_big / 3)',
    'scalar(sum(rrx_temperature)) * rrx_requests_total',
    'vector(scalar(rrx_flaky))',
    'time() - timestamp(rrx_flaky)',
    'pi() * rrx_equal',
    'absent(rrx_flaky{inst="9"})',
    'absent(nonexistent{job="x"})',
    'absent_over_time(rrx_flaky{inst="1"}[2m])',
    'label_replace(rrx_temperature, "dst", "$1-$2", "svc", "(a)(.*)")',
    'label_replace(rrx_temperature, "dst-bad", "$1", "svc", "(.*)")',
    'label_replace(rrx_temperature, "svc", "", "svc", "api")',
    'label_join(rrx_requests_total, "both", "/", "svc", "inst")',
    'label_join(rrx_requests_total, "1bad", "/", "svc")',
    'count_over_time(rrx_temperature[1m:15s])',
    'count_over_time(rrx_requests_total[1m:15s])',
    'sum_over_time(rrx_temperature[5m:1m])',
    'max_over_time(rate(rrx_requests_total[1m])[5m:30s])',
    'rate(rrx_requests_total[5m:15s])',
    'topk(1, rrx_equal)',
    'bottomk(1, rrx_equal)',
    'sort_desc(rrx_equal)',
    'sum(rrx_equal) - sum(rrx_equal offset 15s)',
    'rrx_temperature[2m]',
    'rrx_flaky[5m] offset 1m',
    'rate(rrx_requests_total[1m])[3m:20s]',
    'histogram_quantile(0.9, sum by (le) (rate(rrx_latency_seconds_bucket[2m])))',
    'histogram_quantile(0.5, sum by (le, svc) (increase(rrx_latency_seconds_bucket[5m])))',
    'rrx_latency_seconds_sum / rrx_latency_seconds_count',
    'rrx_requests_total * on(svc, inst) group_left rrx_temperature',
    'rrx_requests_total + ignoring(inst) group_left sum by (svc, job) (rrx_requests_total)',
    'rrx_temperature > bool 10',
    'sum by (svc) (rrx_requests_total) and on(svc) rrx_latency_seconds_count',
    '1 + 2 * 3 ^ 2',
    '(rrx_temperature)',
  );
  while (out.length < o.count) out.push(g.instant(1 + Math.floor(g.rnd() * 3)));
  return out.slice(0, Math.max(o.count, out.length));
}

// The native-histogram differential corpus's expressions, generated from a seed over histogram-dataset.ts's
// metrics: every function, aggregation and operator Prometheus 2.42 has, applied to histogram arguments (selectors
// with offset and `@`, range selectors, subqueries), first each once, then random compositions up to the count.
// Pure and deterministic for a given seed.
import { prng } from '../../../helpers/series-fixtures';

const COUNTERS = ['rrx_nh_latency', 'rrx_nh_latency{svc="web"}', 'rrx_nh_mixed', 'rrx_nh_mixed{kind="histogram"}', 'rrx_nh_switch'];
const GAUGES = ['rrx_nh_gauge', 'rrx_nh_gauge{svc="db"}'];
const RANGES = ['1m', '90s', '2m30s', '5m', '45s'];
const SUBQUERY_STEPS = ['15s', '20s', '1m', '7s', ''];

const RATE_FUNCS = ['rate', 'increase', 'delta', 'irate', 'idelta'];
const OVER_TIME = ['avg_over_time', 'sum_over_time', 'count_over_time', 'last_over_time', 'present_over_time', 'min_over_time', 'max_over_time', 'stddev_over_time', 'stdvar_over_time', 'absent_over_time', 'changes', 'resets', 'deriv'];
const AGGREGATIONS = ['sum', 'avg', 'count', 'group', 'min', 'max', 'stddev', 'stdvar'];
const MATH = ['abs', 'ceil', 'exp', 'sqrt', 'ln', 'sgn', 'round', 'timestamp', 'sort', 'sort_desc'];
const SCALAR_OPS = ['*', '/', '+', '-', '^', '%', '==', '!=', '>', '<', '>=', '<=', '== bool', '> bool'];
const VECTOR_OPS = ['+', '-', '*', '/', '==', '!=', '>', '<=', 'and', 'or', 'unless'];
const SCALARS = ['2', '0.5', '-3', '0', '1e3'];

export interface HistogramCorpusOptions {
  seed: number;
  count: number;
  /** Unix seconds usable in `@` modifiers (inside the data). */
  atTimes: readonly string[];
}

class Gen {
  readonly rnd: () => number;
  constructor(
    seed: number,
    private readonly atTimes: readonly string[],
  ) {
    this.rnd = prng(seed);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }
  modifier(): string {
    const r = this.rnd();
    if (r < 0.6) return '';
    if (r < 0.8) return ` offset ${this.pick(['30s', '1m', '2m15s', '5m'])}`;
    if (r < 0.92) return ` @ ${this.pick(this.atTimes)}`;
    return ` @ ${this.pick(['start()', 'end()'])}`;
  }
  selector(): string {
    return this.pick(this.rnd() < 0.7 ? COUNTERS : GAUGES) + this.modifier();
  }
  range(): string {
    if (this.rnd() < 0.2) return `(${this.pick(COUNTERS)})[${this.pick(['2m', '5m', '1m'])}:${this.pick(SUBQUERY_STEPS)}]${this.modifier()}`;
    return `${this.pick(this.rnd() < 0.7 ? COUNTERS : GAUGES)}[${this.pick(RANGES)}]${this.modifier()}`;
  }
  rated(): string {
    return `${this.pick(RATE_FUNCS)}(${this.range()})`;
  }
  /** An instant vector of histograms: a selector, a rate, a sum of rates. */
  histVector(depth: number): string {
    const r = this.rnd();
    if (depth <= 0 || r < 0.35) return this.selector();
    if (r < 0.7) return this.rated();
    if (r < 0.85) return `sum${this.grouping()} (${this.histVector(depth - 1)})`;
    return `${this.histVector(depth - 1)} ${this.pick(['*', '/', '+', '-'])} ${this.pick(SCALARS)}`;
  }
  grouping(): string {
    const r = this.rnd();
    if (r < 0.5) return '';
    if (r < 0.8) return ` by (${this.pick(['svc', 'job', 'kind'])})`;
    return ` without (${this.pick(['svc', 'kind'])})`;
  }
  statistic(depth: number): string {
    const v = this.histVector(depth);
    const r = this.rnd();
    if (r < 0.3) return `histogram_count(${v})`;
    if (r < 0.5) return `histogram_sum(${v})`;
    if (r < 0.8) return `histogram_quantile(${this.pick(['0.5', '0.9', '0.99', '0', '1', '-1', '2'])}, ${v})`;
    return `histogram_fraction(${this.pick(['0', '-1', '0.5', '-Inf'])}, ${this.pick(['1', '4', '+Inf', '0.7'])}, ${v})`;
  }
  any(depth: number): string {
    const r = this.rnd();
    if (r < 0.15) return this.histVector(depth);
    if (r < 0.3) return this.statistic(depth);
    if (r < 0.42) return `${this.pick(OVER_TIME)}(${this.range()})`;
    if (r < 0.55) return `${this.pick(AGGREGATIONS)}${this.grouping()} (${this.histVector(depth - 1)})`;
    if (r < 0.62) return `${this.pick(['topk', 'bottomk'])}(${this.pick(['1', '2'])}, ${this.histVector(depth - 1)})`;
    if (r < 0.7) return `${this.pick(MATH)}(${this.histVector(depth - 1)})`;
    if (r < 0.8) {
      const v = this.histVector(depth - 1);
      return this.rnd() < 0.7 ? `${v} ${this.pick(SCALAR_OPS)} ${this.pick(SCALARS)}` : `${this.pick(SCALARS)} ${this.pick(SCALAR_OPS)} ${v}`;
    }
    if (r < 0.9) {
      const v = this.histVector(depth - 1);
      return `${v} ${this.pick(VECTOR_OPS)} ${this.rnd() < 0.5 ? `${v.replace(/ offset \S+| @ \S+/g, '')} offset 1m` : this.histVector(depth - 1)}`;
    }
    if (r < 0.95) return `-${this.histVector(depth - 1)}`;
    return `(${this.statistic(depth - 1)})[${this.pick(['2m', '5m'])}:${this.pick(SUBQUERY_STEPS)}]`;
  }
}

/** Every histogram-relevant function, aggregation and operator once, then random compositions. */
export function generateHistogramCorpus(o: HistogramCorpusOptions): string[] {
  const g = new Gen(o.seed, o.atTimes);
  const out: string[] = [];
  for (const f of RATE_FUNCS) out.push(`${f}(${g.range()})`);
  for (const f of OVER_TIME) out.push(`${f}(${g.range()})`);
  for (const a of AGGREGATIONS) out.push(`${a}${g.grouping()} (${g.histVector(1)})`);
  for (const m of MATH) out.push(`${m}(${g.histVector(1)})`);
  for (const op of SCALAR_OPS) out.push(`${g.histVector(1)} ${op} ${g.pick(SCALARS)}`);
  for (const op of VECTOR_OPS) out.push(`${g.histVector(1)} ${op} ${g.histVector(1)}`);
  out.push(
    'rrx_nh_latency',
    'rrx_nh_gauge',
    'rrx_nh_mixed',
    'rrx_nh_latency[1m]',
    'rrx_nh_gauge[1m] offset 2m',
    'rate(rrx_nh_latency[1m])',
    'rate(rrx_nh_latency[5m])',
    'increase(rrx_nh_latency[2m])',
    'delta(rrx_nh_gauge[2m])',
    'irate(rrx_nh_latency[1m])',
    'idelta(rrx_nh_gauge[1m])',
    'rate(rrx_nh_mixed[1m])',
    'sum(rate(rrx_nh_latency[1m]))',
    'sum by (svc) (rrx_nh_latency)',
    'sum(rrx_nh_mixed)',
    'avg(rrx_nh_gauge)',
    'count(rrx_nh_latency)',
    'histogram_count(rrx_nh_latency)',
    'histogram_sum(rrx_nh_gauge)',
    'histogram_quantile(0.9, rate(rrx_nh_latency[1m]))',
    'histogram_quantile(0.5, sum(rate(rrx_nh_latency[2m])))',
    'histogram_quantile(0.99, rrx_nh_gauge)',
    'histogram_fraction(0, 1, rate(rrx_nh_latency[1m]))',
    'histogram_fraction(-Inf, 0.5, rrx_nh_gauge)',
    'rrx_nh_latency * 2',
    '2 * rrx_nh_gauge',
    'rrx_nh_gauge / 4',
    'rrx_nh_latency + rrx_nh_latency offset 1m',
    'rrx_nh_latency - rrx_nh_latency offset 1m',
    'rrx_nh_gauge == rrx_nh_gauge',
    '-rrx_nh_gauge',
    'sum_over_time(rrx_nh_gauge[1m])',
    'avg_over_time(rrx_nh_latency[1m])',
    'count_over_time(rrx_nh_latency[1m:15s])',
    'rate(rrx_nh_latency[2m:15s])',
    'last_over_time(rrx_nh_gauge[1m])',
    'max_over_time(histogram_count(rate(rrx_nh_latency[1m]))[5m:30s])',
    // A histogram sample's float side after arithmetic (2.42 kept it beside the unchanged histogram).
    'abs(rrx_nh_latency + 1)',
    'sqrt(-rrx_nh_gauge)',
    'abs(sum(rrx_nh_gauge + 1) * 2)',
    'clamp_min(rrx_nh_latency / 0, 1)',
    'count_values("v", rrx_nh_latency - 3)',
    'rrx_nh_latency > bool 1',
    '1 < rrx_nh_gauge',
    'topk(1, rrx_nh_latency + 5)',
    'avg_over_time((rrx_nh_latency + 2)[1m:15s])',
    'rrx_nh_latency * rrx_nh_latency',
    '(rrx_nh_latency + 3) == bool (rrx_nh_latency + 3)',
    'rrx_nh_mixed + on(job) group_left sum by (job) (rrx_nh_gauge)',
    'sort_desc(rrx_nh_mixed)',
    'label_replace(rrx_nh_latency, "x", "$1", "svc", "(.*)")',
    'scalar(sum(rrx_nh_latency{svc="api"}))',
    'timestamp(rrx_nh_latency)',
    // A series switching from floats to histograms.
    'rate(rrx_nh_switch[5m])',
    'increase(rrx_nh_switch[2m])',
    'sum_over_time(rrx_nh_switch[5m])',
    'irate(rrx_nh_switch[1m])',
    'histogram_count(rrx_nh_switch)',
    // The rest of 2.42's functions over histogram arguments (all read V).
    'quantile_over_time(0.9, rrx_nh_latency[2m])',
    'holt_winters(rrx_nh_gauge[5m], 0.5, 0.5)',
    'predict_linear(rrx_nh_latency[5m], 60)',
    'quantile(0.5, rrx_nh_latency)',
    'count_values("v", rrx_nh_gauge)',
    'absent(rrx_nh_latency)',
    'absent_over_time(rrx_nh_latency[1m])',
    'timestamp(rrx_nh_latency offset 1m)',
    'day_of_month(rrx_nh_latency)',
    'clamp(rrx_nh_latency, -1, 1)',
    'round(rrx_nh_gauge + 0.3, 0.5)',
    'histogram_quantile(0.5, rrx_nh_mixed)',
    'sum(rate(rrx_nh_latency[1m])) / 3',
    'rate(rrx_nh_latency[1m]) + rate(rrx_nh_latency[1m] offset 1m)',
  );
  // Not asked: histogram_avg/stddev/stdvar. 2.42 does not know them (a parse error); rrx evaluates them under
  // prometheus2 too, as the later 2.x releases that added them do (see compare.ts).
  while (out.length < o.count) out.push(g.any(1 + Math.floor(g.rnd() * 2)));
  return out;
}

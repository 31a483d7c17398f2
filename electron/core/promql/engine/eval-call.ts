// Calls of functions over instant vectors and scalars: element-wise maths, clamp/round, date functions, time(),
// scalar()/vector(), absent(), sort*, label_replace/label_join and the classic-histogram functions. Range-vector
// functions are handed to eval-range-call.ts.
import type { Call, Expr } from '../parser/ast';
import { elementwise, roundTo } from '../functions/math';
import { dateFunctions, dateOfSeconds } from '../functions/date';
import { naturalLess } from '../functions/natsort';
import { compareLabels } from '../../series/labels';
import type { Evaluator } from './evaluator';
import { QueryError } from './errors';
import { stepTime, type StepGrid } from './grid';
import { evalVectorSelector } from './eval-selector';
import { evalRangeCall } from './eval-range-call';
import { absentLabels } from './absent-labels';
import { labelNameValidator, METRIC_NAME, withLabel } from './labels-ops';
import { mergeSameLabels } from './output-collector';
import { evalHistogramFunction } from './eval-histogram';
import { goRegexToJs } from '../../series/go-regex';
import { evalInfo } from './eval-info';
import { prometheus2FloatView } from './prometheus2-histograms';
import { histogramAt, newStepSeries, type EvalValue, type StepSeries, type VectorSteps } from './values';

const SORT_FUNCTIONS = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc']);

export function evalCall(ev: Evaluator, call: Call, grid: StepGrid): EvalValue {
  const name = call.func.name;
  if (call.func.experimental && !ev.opts.experimental)
    throw new QueryError(`function "${name}" is not enabled (experimental functions are off)`, 'bad_data');

  const matrixArg = call.args.findIndex((a) => a.kind === 'MatrixSelector' || a.kind === 'SubqueryExpr');
  if (matrixArg >= 0) return evalRangeCall(ev, call, matrixArg, grid);

  // Prometheus 3 added this annotation; 2.x sorted range results silently.
  if (SORT_FUNCTIONS.has(name) && grid.startMs !== grid.endMs && ev.opts.compat !== 'prometheus2')
    ev.annotations.warn('sort is ineffective for range queries since results are always ordered by labels', call.posRange);

  // 2.42 computed these from a sample's V, which is 0 for a histogram: they see histograms as the float 0.
  const p2 = ev.opts.compat === 'prometheus2';
  const floats = (v: VectorSteps): VectorSteps => floatsUnderPrometheus2(ev, v);
  const fn = elementwise.get(name);
  if (fn) return mapValues(ev, floats(ev.vector(call.args[0], grid)), fn);

  const date = dateFunctions.get(name);
  if (date) {
    if (call.args.length === 0) {
      const s = newStepSeries({}, grid.steps);
      for (let i = 0; i < grid.steps; i++) {
        s.present[i] = 1;
        s.values[i] = date(dateOfSeconds(stepTime(grid, i) / 1000));
      }
      return { type: 'vector', series: [s] };
    }
    return mapValues(ev, floats(ev.vector(call.args[0], grid)), (v) => date(dateOfSeconds(v)));
  }

  switch (name) {
    case 'time': {
      const values = new Float64Array(grid.steps);
      for (let i = 0; i < grid.steps; i++) values[i] = stepTime(grid, i) / 1000;
      return { type: 'scalar', values };
    }
    case 'pi':
      return { type: 'scalar', values: new Float64Array(grid.steps).fill(Math.PI) };
    case 'scalar':
      return scalarOf(floats(ev.vector(call.args[0], grid)), grid);
    case 'vector': {
      const sc = ev.scalar(call.args[0], grid);
      const s = newStepSeries({}, grid.steps);
      s.values.set(sc.values);
      s.present.fill(1);
      return { type: 'vector', series: [s] };
    }
    case 'max_of':
    case 'min_of': {
      const a = ev.scalar(call.args[0], grid).values;
      const b = ev.scalar(call.args[1], grid).values;
      const values = new Float64Array(grid.steps);
      for (let i = 0; i < grid.steps; i++) values[i] = name === 'max_of' ? Math.max(a[i], b[i]) : Math.min(a[i], b[i]);
      return { type: 'scalar', values };
    }
    case 'round': {
      const v = floats(ev.vector(call.args[0], grid));
      const to = call.args.length > 1 ? ev.scalar(call.args[1], grid).values : null;
      return mapValuesAt(ev, v, (x, i) => roundTo(x, to ? to[i] : 1));
    }
    case 'clamp':
    case 'clamp_min':
    case 'clamp_max':
      return clamp(ev, call, grid, floats);
    case 'timestamp':
      return timestamp(ev, call.args[0], grid);
    case 'absent':
      return absent(ev, call.args[0], grid);
    case 'sort':
    case 'sort_desc':
      return sortByValue(ev.vector(call.args[0], grid), name === 'sort_desc', p2);
    case 'sort_by_label':
    case 'sort_by_label_desc':
      return sortByLabel(ev, call, grid);
    case 'label_replace':
      return labelReplace(ev, call, grid);
    case 'label_join':
      return labelJoin(ev, call, grid);
    case 'info':
      return evalInfo(ev, call, grid);
    case 'histogram_quantile':
    case 'histogram_quantiles':
    case 'histogram_fraction':
    case 'histogram_count':
    case 'histogram_sum':
    case 'histogram_avg':
    case 'histogram_stddev':
    case 'histogram_stdvar':
      return evalHistogramFunction(ev, call, grid);
  }
  throw new QueryError(`function ${name} is not implemented`);
}

/** Apply f to every present value; the result drops the metric name (the value's meaning changed). */
function mapValues(ev: Evaluator, v: VectorSteps, f: (x: number) => number): VectorSteps {
  return mapValuesAt(ev, v, (x) => f(x));
}

function mapValuesAt(ev: Evaluator, v: VectorSteps, f: (x: number, step: number) => number): VectorSteps {
  const series: StepSeries[] = [];
  for (const s of v.series) {
    const present = floatPresent(s);
    if (!present) continue;
    const values = new Float64Array(s.values.length);
    for (let i = 0; i < values.length; i++) if (present[i]) values[i] = f(s.values[i], i);
    const o: StepSeries = { labels: s.labels, dropName: s.dropName, values, present };
    ev.dropName(o);
    series.push(o);
  }
  return { type: 'vector', series: ev.settle(series) };
}

/** The steps holding float samples (functions of floats skip histogram samples); null when there are none. */
function floatPresent(s: StepSeries): Uint8Array | null {
  if (!s.histograms) return s.present;
  const p = s.present.slice();
  let any = false;
  for (let i = 0; i < p.length; i++) {
    if (s.histograms[i]) p[i] = 0;
    else if (p[i]) any = true;
  }
  return any ? p : null;
}

function scalarOf(v: VectorSteps, grid: StepGrid): EvalValue {
  const values = new Float64Array(grid.steps);
  for (let i = 0; i < grid.steps; i++) {
    let found = 0;
    let val = NaN;
    for (const s of v.series) {
      if (!s.present[i] || histogramAt(s, i)) continue;
      found++;
      val = s.values[i];
    }
    values[i] = found === 1 ? val : NaN;
  }
  return { type: 'scalar', values };
}

function clamp(ev: Evaluator, call: Call, grid: StepGrid, floats: (v: VectorSteps) => VectorSteps): VectorSteps {
  const v = floats(ev.vector(call.args[0], grid));
  const name = call.func.name;
  const minCol = name === 'clamp_max' ? null : ev.scalar(call.args[1], grid).values;
  const maxCol = name === 'clamp' ? ev.scalar(call.args[2], grid).values : name === 'clamp_max' ? ev.scalar(call.args[1], grid).values : null;
  const series = v.series.map((s) => {
    const values = new Float64Array(s.values.length);
    const present = new Uint8Array(s.present.length);
    for (let i = 0; i < values.length; i++) {
      if (!s.present[i] || histogramAt(s, i)) continue;
      const lo = minCol ? minCol[i] : -Infinity;
      const hi = maxCol ? maxCol[i] : Infinity;
      // clamp with max < min yields nothing at that step.
      if (hi < lo) continue;
      present[i] = 1;
      values[i] = Math.max(lo, Math.min(hi, s.values[i]));
    }
    const o: StepSeries = { labels: s.labels, dropName: s.dropName, values, present };
    ev.dropName(o);
    return o;
  });
  return { type: 'vector', series: ev.settle(series.filter((s) => s.present.some((p) => p === 1))) };
}

function timestamp(ev: Evaluator, arg: Expr, grid: StepGrid): VectorSteps {
  let inner = arg;
  while (inner.kind === 'ParenExpr') inner = inner.expr;
  let v: VectorSteps;
  if (inner.kind === 'VectorSelector') v = evalVectorSelector(ev, inner, grid, true);
  else if (inner.kind === 'StepInvariantExpr' && inner.expr.kind === 'VectorSelector') {
    v = evalVectorSelector(ev, inner.expr, grid, true);
  } else {
    // Any other expression's samples are stamped with the evaluation time.
    const src = ev.vector(arg, grid);
    v = {
      type: 'vector',
      series: src.series.map((s) => {
        const values = new Float64Array(s.values.length);
        for (let i = 0; i < values.length; i++) values[i] = stepTime(grid, i) / 1000;
        return { labels: s.labels, dropName: s.dropName, values, present: s.present };
      }),
    };
  }
  for (const s of v.series) ev.dropName(s);
  return { type: 'vector', series: ev.settle(v.series) };
}

function absent(ev: Evaluator, arg: Expr, grid: StepGrid): VectorSteps {
  const v = ev.vector(arg, grid);
  let inner = arg;
  while (inner.kind === 'ParenExpr' || inner.kind === 'StepInvariantExpr') inner = inner.expr;
  const labels = inner.kind === 'VectorSelector' ? absentLabels(inner.matchers) : {};
  const out = newStepSeries(labels, grid.steps);
  let any = false;
  for (let i = 0; i < grid.steps; i++) {
    if (v.series.some((s) => s.present[i] === 1)) continue;
    out.present[i] = 1;
    out.values[i] = 1;
    any = true;
  }
  return { type: 'vector', series: any ? [out] : [] };
}

/**
 * Go's sort over vectorByValueHeap / its reverse: NaN sorts first ascending, first descending too. 2.42
 * (`histogramsAsZero`) sorted histogram samples too, by their V of 0, and kept them.
 */
function sortByValue(v: VectorSteps, desc: boolean, histogramsAsZero: boolean): VectorSteps {
  if (v.series.length === 0 || v.series[0].present.length !== 1) return v;
  const series = v.series.filter((s) => s.present[0] && (histogramsAsZero || !histogramAt(s, 0)));
  const cmp = (a: StepSeries, b: StepSeries): number => {
    const x = a.values[0];
    const y = b.values[0];
    // sort(): ascending with NaN last; sort_desc(): descending with NaN last (Reverse of a NaN-first order).
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return desc ? y - x : x - y;
  };
  return { type: 'vector', series: stableSort(series, cmp) };
}

function stableSort<T>(arr: T[], cmp: (a: T, b: T) => number): T[] {
  return arr
    .map((v, i) => ({ v, i }))
    .sort((a, b) => cmp(a.v, b.v) || a.i - b.i)
    .map((x) => x.v);
}

function stringArgs(call: Call, from: number): string[] {
  return call.args.slice(from).map((a) => {
    let e = a;
    while (e.kind === 'ParenExpr') e = e.expr;
    if (e.kind !== 'StringLiteral') throw new QueryError(`expected string literal argument to ${call.func.name}`);
    return e.val;
  });
}

function sortByLabel(ev: Evaluator, call: Call, grid: StepGrid): VectorSteps {
  const v = ev.vector(call.args[0], grid);
  if (grid.steps !== 1) return v;
  const names = stringArgs(call, 1);
  const desc = call.func.name === 'sort_by_label_desc';
  const series = v.series.slice().sort((a, b) => {
    for (const l of names) {
      const x = a.labels[l] ?? '';
      const y = b.labels[l] ?? '';
      if (x === y) continue;
      const less = naturalLess(x, y);
      return desc ? (less ? 1 : -1) : less ? -1 : 1;
    }
    const c = compareLabels(a.labels, b.labels);
    return desc ? -c : c;
  });
  return { type: 'vector', series };
}

/** Go regexp template expansion: $1, ${1}, $name, ${name}, $$. */
function expandTemplate(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{([^}]*)\}|([a-zA-Z0-9_]+))/g, (all, _x, braced: string | undefined, bare: string | undefined) => {
    if (all === '$$') return '$';
    const name = braced ?? bare ?? '';
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

function labelReplace(ev: Evaluator, call: Call, grid: StepGrid): VectorSteps {
  const [dst, repl, src, regexStr] = stringArgs(call, 1);
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${toJsRegex(regexStr)})$`, ev.opts.compat === 'prometheus2' ? '' : 's');
  } catch {
    throw new QueryError(`invalid regular expression in label_replace(): ${regexStr}`);
  }
  if (!labelNameValidator(ev.opts.compat)(dst)) throw new QueryError(`invalid destination label name in label_replace(): ${dst}`);
  // 2.42 rebuilt each sample from its V alone: histograms come out as that float.
  const v = floatsUnderPrometheus2(ev, ev.vector(call.args[0], grid));
  const series = v.series.map((s) => {
    const m = re.exec(s.labels[src] ?? '');
    if (!m) return s;
    const labels = withLabel(s.labels, dst, expandTemplate(repl, m));
    return { ...s, labels, dropName: dst === METRIC_NAME ? false : s.dropName };
  });
  return { type: 'vector', series: mergeSameLabels(series) };
}

function floatsUnderPrometheus2(ev: Evaluator, v: VectorSteps): VectorSteps {
  return ev.opts.compat === 'prometheus2' ? prometheus2FloatView(v) : v;
}

function toJsRegex(re: string): string {
  return goRegexToJs(re);
}

function labelJoin(ev: Evaluator, call: Call, grid: StepGrid): VectorSteps {
  const [dst, sep, ...srcs] = stringArgs(call, 1);
  const valid = labelNameValidator(ev.opts.compat);
  for (const s of srcs) if (!valid(s)) throw new QueryError(`invalid source label name in label_join(): ${s}`);
  if (!valid(dst)) throw new QueryError(`invalid destination label name in label_join(): ${dst}`);
  // 2.42 rebuilt each sample from its V alone: histograms come out as that float.
  const v = floatsUnderPrometheus2(ev, ev.vector(call.args[0], grid));
  const series = v.series.map((s) => {
    const joined = srcs.map((l) => s.labels[l] ?? '').join(sep);
    return { ...s, labels: withLabel(s.labels, dst, joined), dropName: dst === METRIC_NAME ? false : s.dropName };
  });
  return { type: 'vector', series: mergeSameLabels(series) };
}

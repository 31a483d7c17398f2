// Aggregation operators (sum, avg, count, min, max, group, stddev, stdvar, quantile, count_values, topk, bottomk,
// limitk, limit_ratio) with by/without grouping, step by step over the input columns, mirroring Prometheus's
// aggregation()/aggregationK() including Kahan sums, incremental means and heap tie-breaking.
import type { AggregateExpr } from '../parser/ast';
import type { Labels } from '../../series/types';
import { kahanInc } from '../functions/kahan';
import { quantileOf } from '../functions/quantile';
import { formatG } from './annotations';
import { goQuote } from '../parser/quote';
import type { Evaluator } from './evaluator';
import { QueryError } from './errors';
import type { StepGrid } from './grid';
import { deleteLabels, labelNameValidator, keepLabels, METRIC_NAME, signature, withLabel, dropMetricName } from './labels-ops';
import { OutputCollector } from './output-collector';
import { histogramAt, newStepSeries, setHistogram, type StepSeries, type VectorSteps } from './values';
import { histogramTexts } from './histogram-annotations';
import { HistogramGroups } from './aggregate-histograms';
import { prometheus2FloatView } from './prometheus2-histograms';
import { histogramString } from './histogram-text';
import { GoHeap, insertionSort } from './heap';
import { formatFloatF } from './format-float';
import { ratioSampleOffset } from './ratio-sampler';

// ±2^63: float64 cannot hold int64's exact bounds; Prometheus compares against float64(math.MinInt64/MaxInt64), which are these.
const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;

export function groupingKeyAndLabels(l: Labels, grouping: readonly string[], without: boolean): [string, Labels] {
  if (without) {
    const names = [...grouping, METRIC_NAME];
    return [signature(l, names, false), deleteLabels(l, names)];
  }
  if (grouping.length === 0) return ['', {}];
  return [signature(l, grouping, true), keepLabels(l, grouping)];
}

export function evalAggregate(ev: Evaluator, e: AggregateExpr, grid: StepGrid): VectorSteps {
  const grouping = [...e.grouping].sort();
  if (e.op === 'count_values') return countValues(ev, e, grouping, grid);
  const param = e.param ? ev.scalar(e.param, grid).values : null;
  // 2.42 aggregated histograms only in sum(); every other operator read a histogram sample as its V, 0.
  const raw = ev.vector(e.expr, grid);
  const input = ev.opts.compat === 'prometheus2' && e.op !== 'sum' ? prometheus2FloatView(raw) : raw;
  if (e.op === 'topk' || e.op === 'bottomk' || e.op === 'limitk' || e.op === 'limit_ratio')
    return aggregateK(ev, e, grouping, param!, input, grid);
  if (e.op === 'quantile' && param) {
    const { min, max, nan } = paramRange(param);
    if (nan) ev.annotations.warn('quantile value should be between 0 and 1, got NaN', e.param!.posRange);
    if (max > 1) ev.annotations.warn(`quantile value should be between 0 and 1, got ${formatG(max)}`, e.param!.posRange);
    if (min < 0) ev.annotations.warn(`quantile value should be between 0 and 1, got ${formatG(min)}`, e.param!.posRange);
  }

  // Map input series to groups once; group order is the order of first appearance, as upstream.
  const groupOf = new Int32Array(input.series.length);
  const keys = new Map<string, number>();
  const out: StepSeries[] = [];
  for (let si = 0; si < input.series.length; si++) {
    const [key, labels] = groupingKeyAndLabels(input.series[si].labels, grouping, e.without);
    let g = keys.get(key);
    if (g === undefined) {
      g = out.length;
      keys.set(key, g);
      out.push(newStepSeries(labels, grid.steps));
    }
    groupOf[si] = g;
  }
  const G = out.length;
  const value = new Float64Array(G);
  const mean = new Float64Array(G);
  const comp = new Float64Array(G);
  const count = new Float64Array(G);
  const seen = new Uint8Array(G);
  const incremental = new Uint8Array(G);
  const dropName = new Uint8Array(G);
  const values: number[][] = e.op === 'quantile' ? Array.from({ length: G }, () => []) : [];
  const pair = new Float64Array(2);
  const p2 = ev.opts.compat === 'prometheus2';
  // Native histograms (sum and avg only; the other operators ignore them with an info).
  const hist = new HistogramGroups(ev, e, G);
  const ignoresHistograms = e.op === 'min' || e.op === 'max' || e.op === 'stddev' || e.op === 'stdvar' || e.op === 'quantile';

  for (let i = 0; i < grid.steps; i++) {
    ev.checkAbort();
    seen.fill(0);
    hist.reset();
    for (let si = 0; si < input.series.length; si++) {
      const s = input.series[si];
      if (!s.present[i]) continue;
      const f = s.values[i];
      const g = groupOf[si];
      const h = histogramAt(s, i);
      if (h && ignoresHistograms) {
        ev.annotations.info(histogramTexts.ignoredInAggregation(e.op), e.expr.posRange);
        continue;
      }
      if (!seen[g]) {
        if (e.op === 'sum' || e.op === 'avg') hist.first(g, h);
        seen[g] = 1;
        value[g] = f;
        mean[g] = f;
        comp[g] = 0;
        count[g] = 1;
        incremental[g] = 0;
        dropName[g] = s.dropName ? 1 : 0;
        switch (e.op) {
          case 'stddev':
          case 'stdvar':
            // 2.42 starts every group at 0 (a lone NaN/Inf sample gives 0); 3.x at NaN for a non-finite one.
            value[g] = p2 || (!Number.isNaN(f) && Number.isFinite(f)) ? 0 : NaN;
            break;
          case 'quantile':
            values[g].length = 0;
            values[g].push(f);
            break;
          case 'group':
            value[g] = 1;
            break;
        }
        continue;
      }
      if (hist.incompatible[g]) continue;
      if (s.dropName) dropName[g] = 1;
      if (e.op === 'avg') count[g]++;
      if ((e.op === 'sum' || e.op === 'avg') && !hist.add(g, h, s.labels)) continue;
      if (p2 && (e.op === 'sum' || e.op === 'avg')) {
        // 2.42's arithmetic, in its order: a plain running sum; avg as an incremental mean.
        if (e.op === 'sum') value[g] += f;
        else prometheus2AvgStep(mean, count[g], g, f);
        continue;
      }
      switch (e.op) {
        case 'sum':
          kahanInc(f, value[g], comp[g], pair);
          value[g] = pair[0];
          comp[g] = pair[1];
          break;
        case 'avg': {
          if (!incremental[g]) {
            kahanInc(f, value[g], comp[g], pair);
            if (Number.isFinite(pair[0]) || Number.isNaN(pair[0])) {
              value[g] = pair[0];
              comp[g] = pair[1];
              break;
            }
            // The running sum would overflow: switch to an incremental mean.
            incremental[g] = 1;
            mean[g] = value[g] / (count[g] - 1);
            comp[g] /= count[g] - 1;
          }
          const q = (count[g] - 1) / count[g];
          kahanInc(f / count[g], q * mean[g], q * comp[g], pair);
          mean[g] = pair[0];
          comp[g] = pair[1];
          break;
        }
        case 'max':
          if (value[g] < f || Number.isNaN(value[g])) value[g] = f;
          break;
        case 'min':
          if (value[g] > f || Number.isNaN(value[g])) value[g] = f;
          break;
        case 'count':
          count[g]++;
          break;
        case 'stddev':
        case 'stdvar': {
          count[g]++;
          const delta = f - mean[g];
          mean[g] += delta / count[g];
          value[g] += delta * (f - mean[g]);
          break;
        }
        case 'quantile':
          values[g].push(f);
          break;
        case 'group':
          break;
        default:
          throw new QueryError(`expected aggregation operator but got "${e.op}"`);
      }
    }
    for (let g = 0; g < G; g++) {
      if (!seen[g]) continue;
      if (e.op === 'sum' || e.op === 'avg') {
        const r = hist.result(g, count[g]);
        if (r === 'drop') continue;
        if (r) {
          // 2.42's sum kept the V of the group's first sample beside the histogram.
          setHistogram(out[g], i, r, p2 ? value[g] : NaN);
          out[g].dropName = dropName[g] === 1;
          continue;
        }
      }
      let v = value[g];
      switch (e.op) {
        case 'avg':
          if (p2) v = mean[g];
          else v = incremental[g] ? mean[g] + comp[g] : value[g] / count[g] + comp[g] / count[g];
          break;
        case 'count':
          v = count[g];
          break;
        case 'stdvar':
          v = value[g] / count[g];
          break;
        case 'stddev':
          v = Math.sqrt(value[g] / count[g]);
          break;
        case 'quantile':
          v = quantileOf(param![i], Float64Array.from(values[g]));
          break;
        case 'sum':
          v = value[g] + comp[g];
          break;
      }
      out[g].present[i] = 1;
      out[g].values[i] = v;
      out[g].dropName = dropName[g] === 1;
    }
  }
  const result = out.filter((s) => s.present.some((p) => p === 1));
  let n = 0;
  for (const s of result) for (let i = 0; i < s.present.length; i++) n += s.present[i];
  ev.reserve(n);
  if (!ev.opts.delayedNameRemoval) for (const s of result) if (s.dropName) s.labels = dropMetricName(s.labels);
  return { type: 'vector', series: result };
}

/** One sample into 2.42's avg: mean += v/n − mean/n (Inf-safe as upstream); `n` counts the group's samples so far, this one included. */
export function prometheus2AvgStep(mean: Float64Array, n: number, g: number, f: number): void {
  const m = mean[g];
  if (m === Infinity || m === -Infinity) {
    if ((f === Infinity || f === -Infinity) && m > 0 === f > 0) return;
    if (Number.isFinite(f)) return;
  }
  mean[g] = m + (f / n - m / n);
}

function countValues(ev: Evaluator, e: AggregateExpr, grouping: string[], grid: StepGrid): VectorSteps {
  let p = e.param;
  while (p && p.kind === 'ParenExpr') p = p.expr;
  if (!p || p.kind !== 'StringLiteral') throw new QueryError('count_values needs a string parameter');
  const valueLabel = p.val;
  if (!labelNameValidator(ev.opts.compat)(valueLabel)) throw new QueryError(`invalid label name ${goQuote(valueLabel)}`);
  const g = e.without ? grouping : [...grouping, valueLabel].sort();
  const raw = ev.vector(e.expr, grid);
  const input = ev.opts.compat === 'prometheus2' ? prometheus2FloatView(raw) : raw;
  const out = new OutputCollector(grid.steps);
  for (let i = 0; i < grid.steps; i++) {
    const counts = new Map<string, { labels: Labels; n: number }>();
    for (const s of input.series) {
      if (!s.present[i]) continue;
      const h = histogramAt(s, i);
      const metric = withLabel(s.labels, valueLabel, h ? histogramString(h) : formatFloatF(s.values[i]));
      const [key, labels] = groupingKeyAndLabels(metric, g, e.without);
      const c = counts.get(key);
      if (c) c.n++;
      else counts.set(key, { labels, n: 1 });
    }
    for (const c of counts.values()) out.add(c.labels, false, i, c.n);
  }
  return { type: 'vector', series: out.series };
}

/** Smallest and largest non-NaN value of a parameter over the steps, and whether any step was NaN. */
function paramRange(param: Float64Array): { min: number; max: number; nan: boolean } {
  let max = -Infinity;
  let min = Infinity;
  let nan = false;
  for (const p of param) {
    if (Number.isNaN(p)) nan = true;
    else {
      max = Math.max(max, p);
      min = Math.min(min, p);
    }
  }
  return { min, max, nan };
}

function aggregateK(ev: Evaluator, e: AggregateExpr, grouping: string[], param: Float64Array, input: VectorSteps, grid: StepGrid): VectorSteps {
  const op = e.op;
  const { min, max, nan } = paramRange(param);
  // Go compares including NaN; a NaN param only matters once some k is >= 1.
  if (op === 'limit_ratio') {
    if (max === 0 && min === 0 && !nan) return { type: 'vector', series: [] };
    if (nan) throw new QueryError('Ratio value is NaN');
    if (max > 1) ev.annotations.warn(`ratio value should be between -1 and 1, got ${formatG(max)}, capping to 1`, e.param!.posRange);
    if (min < -1) ev.annotations.warn(`ratio value should be between -1 and 1, got ${formatG(min)}, capping to -1`, e.param!.posRange);
  } else {
    if (!nan && max < 1) return { type: 'vector', series: [] };
    if (nan) throw new QueryError('Parameter value is NaN');
    if (min <= MIN_INT64) throw new QueryError(`Scalar value ${formatG(min)} underflows int64`);
    if (max >= MAX_INT64) throw new QueryError(`Scalar value ${formatG(max)} overflows int64`);
  }

  const groupOf = new Int32Array(input.series.length);
  const keys = new Map<string, number>();
  for (let si = 0; si < input.series.length; si++) {
    const [key] = groupingKeyAndLabels(input.series[si].labels, grouping, e.without);
    let g = keys.get(key);
    if (g === undefined) {
      g = keys.size;
      keys.set(key, g);
    }
    groupOf[si] = g;
  }
  const G = keys.size;
  const out = new OutputCollector(grid.steps);
  const ratioOffsets = op === 'limit_ratio' ? input.series.map((s) => ratioSampleOffset(s.labels)) : [];

  for (let i = 0; i < grid.steps; i++) {
    ev.checkAbort();
    const fParam = param[i];
    let k = 0;
    let r = 0;
    if (op === 'limit_ratio') {
      if (fParam === 0) continue;
      r = fParam < -1 ? -1 : fParam > 1 ? 1 : fParam;
    } else {
      k = Math.min(Math.trunc(fParam), input.series.length);
      if (k < 1) continue;
    }
    const vals = new Float64Array(input.series.length);
    for (let si = 0; si < input.series.length; si++) vals[si] = input.series[si].values[i];
    const lessTop = (a: number, b: number): boolean => (Number.isNaN(vals[a]) ? true : vals[a] < vals[b]);
    const lessBottom = (a: number, b: number): boolean => (Number.isNaN(vals[a]) ? true : vals[a] > vals[b]);
    const heaps: (GoHeap | null)[] = new Array(G).fill(null);
    const order: number[] = [];
    let groupsRemaining = G;
    const complete = new Uint8Array(G);
    for (let si = 0; si < input.series.length; si++) {
      if (!input.series[si].present[i]) continue;
      if ((op === 'topk' || op === 'bottomk') && histogramAt(input.series[si], i)) {
        ev.annotations.info(histogramTexts.ignoredInAggregation(op), e.posRange);
        continue;
      }
      const g = groupOf[si];
      let h = heaps[g];
      const f = vals[si];
      if (!h) {
        h = new GoHeap(op === 'bottomk' ? lessBottom : lessTop);
        heaps[g] = h;
        order.push(g);
        if (op === 'limit_ratio') {
          if (addRatioSample(r, ratioOffsets[si])) h.push(si);
        } else h.push(si);
        if (op === 'limitk' && h.length === k && !complete[g]) {
          complete[g] = 1;
          groupsRemaining--;
        }
        continue;
      }
      switch (op) {
        case 'topk': {
          const top = vals[h.items[0]];
          if (h.length < k) h.push(si);
          else if (top < f || (Number.isNaN(top) && !Number.isNaN(f))) {
            h.items[0] = si;
            if (k > 1) h.fix(0);
          }
          break;
        }
        case 'bottomk': {
          const top = vals[h.items[0]];
          if (h.length < k) h.push(si);
          else if (top > f || (Number.isNaN(top) && !Number.isNaN(f))) {
            h.items[0] = si;
            if (k > 1) h.fix(0);
          }
          break;
        }
        case 'limitk':
          if (h.length < k) h.push(si);
          if (!complete[g] && h.length === k) {
            complete[g] = 1;
            groupsRemaining--;
          }
          break;
        case 'limit_ratio':
          if (addRatioSample(r, ratioOffsets[si])) h.push(si);
          break;
      }
      if (op === 'limitk' && groupsRemaining === 0) break;
    }
    for (const g of order) {
      const h = heaps[g]!;
      const items = h.items.slice();
      if (op === 'topk') insertionSort(items, (a, b) => (Number.isNaN(vals[b]) ? true : vals[b] < vals[a]));
      else if (op === 'bottomk') insertionSort(items, (a, b) => (Number.isNaN(vals[b]) ? true : vals[b] > vals[a]));
      for (const si of items) {
        const s = input.series[si];
        out.add(s.labels, s.dropName, i, s.values[i], undefined, histogramAt(s, i));
      }
    }
  }
  ev.reserve(out.series.length);
  return { type: 'vector', series: out.series };
}

/** Whether a series with this sampling offset is kept by limit_ratio(r, …). */
function addRatioSample(r: number, offset: number): boolean {
  return (r >= 0 && offset < r) || (r < 0 && offset >= 1 + r);
}

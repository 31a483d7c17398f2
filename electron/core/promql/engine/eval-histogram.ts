// Histogram functions: histogram_quantile(s) and histogram_fraction over native histogram samples and over
// classic histograms (series with an `le` label, grouped per step by the labels other than `le`);
// histogram_count/sum/avg/stddev/stdvar read native histograms only and yield nothing for floats.
import type { Call } from '../parser/ast';
import { bucketFraction, bucketQuantile, type Buckets } from '../functions/buckets';
import type { Labels } from '../../series/types';
import { labelsKey } from '../../series/labels';
import { formatG, goQuote } from './annotations';
import type { Evaluator } from './evaluator';
import { stepTime, type StepGrid } from './grid';
import { deleteLabels, dropMetricName, METRIC_NAME, withLabel } from './labels-ops';
import { OutputCollector } from './output-collector';
import { histogramAt, newStepSeries, type StepSeries, type VectorSteps } from './values';
import type { FloatHistogram } from '../../series/histogram';
import { nativeFraction, nativeQuantile, nativeVariance, type StatResult } from '../histogram/stats';
import { prometheus2NativeFraction, prometheus2NativeQuantile } from '../histogram/stats-prometheus2';
import { histogramTexts } from './histogram-annotations';
import { QueryError } from './errors';

interface Group {
  labels: Labels;
  upper: number[];
  count: number[];
}

export function evalHistogramFunction(ev: Evaluator, call: Call, grid: StepGrid): VectorSteps {
  const name = call.func.name;
  if (name !== 'histogram_quantile' && name !== 'histogram_fraction' && name !== 'histogram_quantiles') {
    return simpleHistogramFunction(ev, ev.withStatsDecoding(true, () => ev.vector(call.args[0], grid)), NATIVE_STATS[name]);
  }
  const vecArg = name === 'histogram_quantile' ? 1 : name === 'histogram_fraction' ? 2 : 0;
  const scalars: Float64Array[] = [];
  let quantileLabel = '';
  if (name === 'histogram_quantiles') {
    const lbl = call.args[1];
    if (lbl.kind !== 'StringLiteral') throw new QueryError('histogram_quantiles needs a string label name');
    quantileLabel = lbl.val;
    for (let i = 2; i < call.args.length; i++) scalars.push(ev.scalar(call.args[i], grid).values);
  } else {
    for (let i = 0; i < vecArg; i++) scalars.push(ev.scalar(call.args[i], grid).values);
  }
  const v = ev.withStatsDecoding(false, () => ev.vector(call.args[vecArg], grid));
  const pos = call.args[vecArg].posRange;
  const out = new OutputCollector(grid.steps);
  const delayed = ev.opts.delayedNameRemoval;
  // 2.42 interpolated linearly inside a native bucket (Prometheus 3 exponentially): see histogram/stats-prometheus2.ts.
  const p2 = ev.opts.compat === 'prometheus2';

  for (let i = 0; i < grid.steps; i++) {
    ev.checkAbort();
    if (name !== 'histogram_fraction') {
      const qIdx = name === 'histogram_quantile' ? [0] : scalars.map((_, k) => k);
      for (const k of qIdx) {
        const q = scalars[k][i];
        if (!(q >= 0 && q <= 1))
          ev.annotations.warn(`quantile value should be between 0 and 1, got ${formatG(q)}`, call.args[name === 'histogram_quantile' ? 0 : k + 2].posRange);
      }
    }
    const groups = new Map<string, Group>();
    const natives: StepSeries[] = [];
    for (const s of v.series) {
      if (!s.present[i]) continue;
      if (histogramAt(s, i)) {
        natives.push(s);
        continue;
      }
      const le = parseGoFloat(s.labels.le ?? '');
      if (le === null) {
        const metric = delayed ? (s.labels[METRIC_NAME] ?? '') : '';
        let text = `bucket label "le" is missing or has a malformed value of ${goQuote(s.labels.le ?? '')}`;
        if (metric !== '') text += ` for metric name ${goQuote(metric)}`;
        ev.annotations.warn(text, pos);
        continue;
      }
      const labels = deleteLabels(s.labels, ['le']);
      const key = labelsKey(labels);
      let g = groups.get(key);
      if (!g) {
        g = { labels, upper: [], count: [] };
        groups.set(key, g);
      }
      g.upper.push(le);
      g.count.push(s.values[i]);
    }
    for (const s of natives) {
      const h = histogramAt(s, i)!;
      const key = labelsKey(s.labels);
      const g = groups.get(key);
      if (g && g.upper.length > 0) {
        // The same series both as a native and as a classic histogram: neither is used.
        ev.annotations.warn(histogramTexts.mixedClassicNative(delayed ? (s.labels[METRIC_NAME] ?? '') : ''), pos);
        groups.delete(key);
        continue;
      }
      const outLabels = delayed ? s.labels : dropMetricName(s.labels);
      const metric = s.labels[METRIC_NAME] ?? '';
      const note = (info: StatResult['info']): void => {
        if (info === 'nan-result') ev.annotations.info(histogramTexts.quantileNaNResult(metric), pos);
        else if (info === 'nan-skew') ev.annotations.info(histogramTexts.quantileNaNSkew(metric), pos);
        else if (info === 'nans') ev.annotations.info(histogramTexts.fractionNaNs(metric), pos);
      };
      if (name === 'histogram_fraction') {
        const r = p2 ? { value: prometheus2NativeFraction(scalars[0][i], scalars[1][i], h) } : nativeFraction(scalars[0][i], scalars[1][i], h);
        note(r.info);
        out.add(outLabels, true, i, r.value);
        continue;
      }
      const qs = name === 'histogram_quantile' ? [scalars[0][i]] : scalars.map((c) => c[i]);
      for (const q of qs) {
        const r = p2 ? { value: prometheus2NativeQuantile(q, h) } : nativeQuantile(q, h);
        note(r.info);
        out.add(name === 'histogram_quantiles' ? withLabel(outLabels, quantileLabel, formatOpenMetricsFloat(q)) : outLabels, true, i, r.value);
      }
    }
    for (const g of groups.values()) {
      const outLabels = delayed ? g.labels : dropMetricName(g.labels);
      if (name === 'histogram_fraction') {
        out.add(outLabels, true, i, bucketFraction(scalars[0][i], scalars[1][i], toBuckets(g)));
        continue;
      }
      const qs = name === 'histogram_quantile' ? [scalars[0][i]] : scalars.map((c) => c[i]);
      for (const q of qs) {
        const r = bucketQuantile(q, toBuckets(g));
        if (r.forcedMonotonic) {
          ev.annotations.monotonicityInfo(delayed ? (g.labels[METRIC_NAME] ?? '') : '', pos, stepTime(grid, i), r.minBucket, r.maxBucket, r.maxDiff);
        }
        const labels = name === 'histogram_quantiles' ? withLabel(outLabels, quantileLabel, formatOpenMetricsFloat(q)) : outLabels;
        out.add(labels, true, i, r.value);
      }
    }
  }
  ev.reserve(out.series.length);
  return { type: 'vector', series: out.series };
}

const NATIVE_STATS: Record<string, (h: FloatHistogram) => number> = {
  histogram_count: (h) => h.count,
  histogram_sum: (h) => h.sum,
  histogram_avg: (h) => h.sum / h.count,
  histogram_stddev: (h) => Math.sqrt(nativeVariance(h)),
  histogram_stdvar: (h) => nativeVariance(h),
};

/** One number per native histogram sample; float samples yield nothing (simpleHistogramFunc). */
function simpleHistogramFunction(ev: Evaluator, v: VectorSteps, f: (h: FloatHistogram) => number): VectorSteps {
  const series: StepSeries[] = [];
  for (const s of v.series) {
    if (!s.histograms) continue;
    const o = newStepSeries(s.labels, s.present.length, s.dropName);
    let n = 0;
    for (let i = 0; i < s.present.length; i++) {
      const h = histogramAt(s, i);
      if (!h) continue;
      o.present[i] = 1;
      o.values[i] = f(h);
      n++;
    }
    if (n === 0) continue;
    ev.reserve(n);
    ev.dropName(o);
    series.push(o);
  }
  return { type: 'vector', series: ev.settle(series) };
}

function toBuckets(g: Group): Buckets {
  return { upper: Float64Array.from(g.upper), count: Float64Array.from(g.count), n: g.upper.length };
}

/** Go's strconv.ParseFloat for label values: decimal, exponent, Inf/NaN spellings; null when malformed. */
export function parseGoFloat(s: string): number | null {
  const t = s.trim() === s ? s : '';
  if (t === '') return null;
  const lower = t.toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(lower)) return NaN;
  if (/^[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t.replace(/_/g, ''));
  if (/^[+-]?0[xX][0-9a-fA-F]+(\.[0-9a-fA-F]*)?([pP][+-]?\d+)?$/.test(t)) {
    const neg = t.startsWith('-');
    const body = t.replace(/^[+-]/, '').slice(2);
    const [mant, exp] = body.split(/[pP]/);
    const [ip, fp = ''] = mant.split('.');
    let v = parseInt(ip || '0', 16);
    for (let k = 0; k < fp.length; k++) v += parseInt(fp[k], 16) / 16 ** (k + 1);
    if (exp) v *= 2 ** Number(exp);
    return neg ? -v : v;
  }
  return null;
}

/** labels.FormatOpenMetricsFloat: Go's shortest float, with ".0" added to integral values. */
export function formatOpenMetricsFloat(f: number): string {
  if (f === 1) return '1.0';
  if (f === 0) return '0.0';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (Number.isNaN(f)) return 'NaN';
  const s = formatG(f);
  if (/[.eE]/.test(s)) return s;
  return s + '.0';
}

// Binary operators: scalar/scalar, vector/scalar and vector/vector with on/ignoring, group_left/group_right,
// bool, the set operators and (experimental) fill modifiers — Prometheus's VectorBinop/VectorAnd/Or/Unless
// evaluated step by step over precomputed match signatures.
import type { BinaryExpr, BinaryOp, VectorMatching } from '../parser/ast';
import type { Labels } from '../../series/types';
import { labelsKey } from '../../series/labels';
import { goMod, goPow } from '../functions/math';
import { goAtan2 } from '../functions/go-math';
import type { Evaluator } from './evaluator';
import { QueryError } from './errors';
import type { StepGrid } from './grid';
import { deleteLabels, dropMetricName, keepLabels, labelsString, matchLabels, METRIC_NAME, signature, withLabel } from './labels-ops';
import { OutputCollector } from './output-collector';
import { histogramAt, type EvalValue, type ScalarSteps, type StepSeries, type VectorSteps } from './values';
import type { FloatHistogram } from '../../series/histogram';
import { histogramElemBinop, type ElemResult } from './binary-histogram';
import { combineHistograms } from '../histogram/ops';
import { histogramTexts } from './histogram-annotations';

/** Record a histogram element's annotation; true when the element is dropped. */
function noteBinop(ev: Evaluator, e: BinaryExpr, r: ElemResult): boolean {
  if (r.info) ev.annotations.info(r.info, e.posRange);
  if (r.warn) ev.annotations.warn(r.warn, e.posRange);
  return r.error === true;
}

const COMPARISON = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);
const ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '/', '%', '^', 'atan2']);

export function arith(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '%':
      return goMod(l, r);
    case '^':
      return goPow(l, r);
    case 'atan2':
      return goAtan2(l, r);
    case '==':
      return l === r ? 1 : 0;
    case '!=':
      return l !== r ? 1 : 0;
    case '>':
      return l > r ? 1 : 0;
    case '<':
      return l < r ? 1 : 0;
    case '>=':
      return l >= r ? 1 : 0;
    case '<=':
      return l <= r ? 1 : 0;
  }
  throw new QueryError(`operator "${op}" not allowed for Scalar operations`);
}

export function evalBinary(ev: Evaluator, e: BinaryExpr, grid: StepGrid): EvalValue {
  const trim = e.op === '</' || e.op === '>/';
  const lhs = trim ? ev.withStatsDecoding(false, () => ev.eval(e.lhs, grid)) : ev.eval(e.lhs, grid);
  const rhs = trim ? ev.withStatsDecoding(false, () => ev.eval(e.rhs, grid)) : ev.eval(e.rhs, grid);
  if (lhs.type === 'scalar' && rhs.type === 'scalar') {
    const values = new Float64Array(grid.steps);
    for (let i = 0; i < grid.steps; i++) values[i] = arith(e.op, lhs.values[i], rhs.values[i]);
    return { type: 'scalar', values };
  }
  if (lhs.type === 'vector' && rhs.type === 'scalar') return vectorScalar(ev, e, lhs, rhs, false);
  if (lhs.type === 'scalar' && rhs.type === 'vector') return vectorScalar(ev, e, rhs, lhs, true);
  if (lhs.type === 'vector' && rhs.type === 'vector') {
    const matching = e.matching ?? defaultMatching(e.op);
    if (e.op === 'and' || e.op === 'or' || e.op === 'unless') return setOp(e.op, lhs, rhs, matching, grid);
    return vectorVector(ev, e, lhs, rhs, matching, grid);
  }
  throw new QueryError(`binary operator ${e.op} not supported between ${lhs.type} and ${rhs.type}`);
}

function defaultMatching(op: BinaryOp): VectorMatching {
  const set = op === 'and' || op === 'or' || op === 'unless';
  return { card: set ? 'many-to-many' : 'one-to-one', matchingLabels: [], on: false, include: [], fillValues: { lhs: null, rhs: null } };
}

/** Arithmetic drops the metric name; 2.42's shouldDropMetricName leaves atan2 out (it keeps the name there). */
function dropsMetricName(ev: Evaluator, op: BinaryOp): boolean {
  return ARITHMETIC.has(op) && !(op === 'atan2' && ev.opts.compat === 'prometheus2');
}

function vectorScalar(ev: Evaluator, e: BinaryExpr, vec: VectorSteps, sc: ScalarSteps, swap: boolean): VectorSteps {
  const cmp = COMPARISON.has(e.op);
  const changesSchema = dropsMetricName(ev, e.op);
  const p2 = ev.opts.compat === 'prometheus2';
  const series: StepSeries[] = [];
  for (const s of vec.series) {
    const values = new Float64Array(s.values.length);
    const present = new Uint8Array(s.present.length);
    const hs: (FloatHistogram | null)[] = s.histograms ? new Array<FloatHistogram | null>(s.present.length).fill(null) : [];
    let any = false;
    for (let i = 0; i < values.length; i++) {
      if (!s.present[i]) continue;
      const v = s.values[i];
      const l = swap ? sc.values[i] : v;
      const r = swap ? v : sc.values[i];
      let out: number;
      let keep = true;
      const h = histogramAt(s, i);
      if (h && p2) {
        // 2.42 computed with the histogram sample's V (values[i]) and kept the sample whole: a kept histogram
        // passes unchanged with the new V, even under `bool` (which only set V).
        const keepIt = !cmp || arith(e.op, l, r) === 1;
        if (e.returnBool || keepIt) {
          hs[i] = h;
          present[i] = 1;
          values[i] = e.returnBool ? (keepIt ? 1 : 0) : cmp ? v : arith(e.op, l, r);
          any = true;
        }
        continue;
      }
      if (h) {
        const res = histogramElemBinop(e.op, l, r, swap ? null : h, swap ? h : null);
        if (noteBinop(ev, e, res)) continue;
        if (e.returnBool) {
          present[i] = 1;
          values[i] = res.keep ? 1 : 0;
          any = true;
        } else if (res.keep) {
          hs[i] = cmp && swap ? h : res.h;
          present[i] = 1;
          values[i] = NaN;
          any = true;
        }
        continue;
      }
      if (e.op === '</' || e.op === '>/') {
        ev.annotations.info(histogramTexts.incompatibleTypesInBinOp('float', e.op, 'float'), e.posRange);
        continue;
      }
      if (cmp) {
        keep = arith(e.op, l, r) === 1;
        // The vector's own value is the result, whichever side it is on.
        out = v;
      } else out = arith(e.op, l, r);
      if (e.returnBool) {
        out = keep ? 1 : 0;
        keep = true;
      }
      if (!keep) continue;
      present[i] = 1;
      values[i] = out;
      any = true;
    }
    if (!any) continue;
    const o: StepSeries = { labels: s.labels, dropName: s.dropName, values, present };
    if (hs.some((h) => h !== null)) o.histograms = hs;
    if (changesSchema || e.returnBool) {
      // Arithmetic drops the name at once (schema change); bool defers it like a function would.
      if (changesSchema && !ev.opts.delayedNameRemoval) o.labels = dropMetricName(o.labels);
      ev.dropName(o);
    }
    series.push(o);
  }
  return { type: 'vector', series: ev.settle(series) };
}

function sigFn(matching: VectorMatching): (l: Labels) => string {
  if (matching.on) {
    const names = [...matching.matchingLabels].sort();
    return (l) => signature(l, names, true);
  }
  const names = [METRIC_NAME, ...matching.matchingLabels].sort();
  return (l) => signature(l, names, false);
}

function ordinals(lhs: VectorSteps, rhs: VectorSteps, matching: VectorMatching): [Int32Array, Int32Array, number] {
  const sig = sigFn(matching);
  const ord = new Map<string, number>();
  const of = (series: StepSeries[]): Int32Array => {
    const out = new Int32Array(series.length);
    series.forEach((s, i) => {
      const k = sig(s.labels);
      let o = ord.get(k);
      if (o === undefined) {
        o = ord.size;
        ord.set(k, o);
      }
      out[i] = o;
    });
    return out;
  };
  const l = of(lhs.series);
  const r = of(rhs.series);
  return [l, r, ord.size];
}

function setOp(op: 'and' | 'or' | 'unless', lhs: VectorSteps, rhs: VectorSteps, matching: VectorMatching, grid: StepGrid): VectorSteps {
  const [lo, ro, nSig] = ordinals(lhs, rhs, matching);
  const out = new OutputCollector(grid.steps);
  const mark = new Uint8Array(nSig);
  for (let i = 0; i < grid.steps; i++) {
    mark.fill(0);
    let lAny = false;
    let rAny = false;
    for (let j = 0; j < lhs.series.length; j++) if (lhs.series[j].present[i]) lAny = true;
    for (let j = 0; j < rhs.series.length; j++) if (rhs.series[j].present[i]) rAny = true;
    const emit = (s: StepSeries): void => out.add(s.labels, s.dropName, i, s.values[i], undefined, histogramAt(s, i));
    if (op === 'and') {
      if (!lAny || !rAny) continue;
      rhs.series.forEach((s, j) => s.present[i] && (mark[ro[j]] = 1));
      lhs.series.forEach((s, j) => s.present[i] && mark[lo[j]] && emit(s));
    } else if (op === 'or') {
      lhs.series.forEach((s, j) => {
        if (!s.present[i]) return;
        mark[lo[j]] = 1;
        emit(s);
      });
      rhs.series.forEach((s, j) => s.present[i] && !mark[ro[j]] && emit(s));
    } else {
      if (rAny) rhs.series.forEach((s, j) => s.present[i] && (mark[ro[j]] = 1));
      lhs.series.forEach((s, j) => s.present[i] && !mark[lo[j]] && emit(s));
    }
  }
  return { type: 'vector', series: out.series };
}

function vectorVector(ev: Evaluator, e: BinaryExpr, lhsIn: VectorSteps, rhsIn: VectorSteps, matching: VectorMatching, grid: StepGrid): VectorSteps {
  const op = e.op;
  const oneToMany = matching.card === 'one-to-many';
  // For one-to-many the sides swap so that the right-hand side is always the "one" side.
  const lhs = oneToMany ? rhsIn : lhsIn;
  const rhs = oneToMany ? lhsIn : rhsIn;
  const [lo, ro, nSig] = ordinals(lhs, rhs, matching);
  // Upstream applies the fill values to the post-swap sides as written; keep that.
  const fillL = matching.fillValues.lhs;
  const fillR = matching.fillValues.rhs;
  const out = new OutputCollector(grid.steps);
  const rightIdx = new Int32Array(nSig);
  const matchedOne = new Uint8Array(nSig);
  const matchedMany: (Set<string> | null)[] = new Array(nSig).fill(null);
  const resultCache = new Map<string, Labels>();
  const cmp = COMPARISON.has(op);
  const changesSchema = dropsMetricName(ev, op);
  const dropNow = (!ev.opts.delayedNameRemoval && e.returnBool) || changesSchema;
  const p2 = ev.opts.compat === 'prometheus2';

  const resultMetric = (l: Labels, r: Labels): Labels => {
    const key = labelsKey(l) + '\x00' + labelsKey(r);
    const hit = resultCache.get(key);
    if (hit) return hit;
    let m = l;
    if (dropNow) m = dropMetricName(m);
    if (matching.card === 'one-to-one') m = matching.on ? keepLabels(m, matching.matchingLabels) : deleteLabels(m, matching.matchingLabels);
    for (const name of matching.include) m = withLabel(m, name, r[name] ?? '');
    resultCache.set(key, m);
    return m;
  };

  for (let i = 0; i < grid.steps; i++) {
    ev.checkAbort();
    let lCount = 0;
    let rCount = 0;
    for (const s of lhs.series) lCount += s.present[i];
    for (const s of rhs.series) rCount += s.present[i];
    if ((lCount === 0 && rCount === 0) || ((lCount === 0 || rCount === 0) && fillL === null && fillR === null)) continue;
    rightIdx.fill(-1);
    matchedOne.fill(0);
    matchedMany.fill(null);
    for (let j = 0; j < rhs.series.length; j++) {
      const rs = rhs.series[j];
      if (!rs.present[i]) continue;
      const o = ro[j];
      if (rightIdx[o] >= 0) {
        const dup = rhs.series[rightIdx[o]];
        const side = oneToMany ? 'left' : 'right';
        const matched = labelsString(matchLabels(rs.labels, matching.on, matching.matchingLabels));
        let d1 = labelsString(rs.labels);
        let d2 = labelsString(dup.labels);
        if (d1 > d2) [d1, d2] = [d2, d1];
        throw new QueryError(
          `found duplicate series for the match group ${matched} on the ${side} hand-side of the operation: [${d1}, ${d2}];many-to-many matching not allowed: matching labels must be unique on one side`,
        );
      }
      rightIdx[o] = j;
    }
    const doOp = (
      lLabels: Labels,
      lv: number,
      rLabels: Labels,
      rv: number,
      o: number,
      lDrop: boolean,
      lh: FloatHistogram | null = null,
      rh: FloatHistogram | null = null,
    ): void => {
      let fl = lv;
      let fr = rv;
      let hl = lh;
      let hr = rh;
      if (oneToMany) {
        [fl, fr] = [fr, fl];
        [hl, hr] = [hr, hl];
      }
      let value: number;
      let keep = true;
      let hist: FloatHistogram | null = null;
      // 2.42: histograms read as V = 0, only + between two histograms adds them, and a float paired with a
      // histogram is matched (and checked for duplicates) but not emitted.
      let emit = true;
      if ((hl || hr) && p2) {
        emit = (hl !== null) === (hr !== null);
        if (hl && hr && op === '+') {
          value = 0;
          hist = combineHistograms(hl, hr, 1).h;
        } else if (cmp) {
          // fl, fr: the samples' V (a histogram's V under prometheus2, see values.ts).
          keep = arith(op, fl, fr) === 1;
          value = fl;
        } else value = arith(op, fl, fr);
      } else if (hl || hr) {
        const res = histogramElemBinop(op, fl, fr, hl, hr);
        if (noteBinop(ev, e, res)) return;
        value = res.f;
        keep = res.keep;
        hist = e.returnBool ? null : res.h;
      } else if (op === '</' || op === '>/') {
        ev.annotations.info(histogramTexts.incompatibleTypesInBinOp('float', op, 'float'), e.posRange);
        return;
      } else if (cmp) {
        keep = arith(op, fl, fr) === 1;
        value = fl;
      } else value = arith(op, fl, fr);
      if (e.returnBool) value = keep ? 1 : 0;
      const metric = resultMetric(lLabels, rLabels);
      if (matching.card === 'one-to-one') {
        if (matchedOne[o]) throw new QueryError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
        matchedOne[o] = 1;
      } else {
        const k = labelsKey(metric);
        let set = matchedMany[o];
        if (!set) matchedMany[o] = set = new Set();
        if (set.has(k)) throw new QueryError('multiple matches for labels: grouping labels must ensure unique matches');
        set.add(k);
      }
      if ((!keep && !e.returnBool) || !emit) return;
      void lDrop;
      out.add(metric, e.returnBool, i, value, undefined, hist);
    };
    for (let j = 0; j < lhs.series.length; j++) {
      const ls = lhs.series[j];
      if (!ls.present[i]) continue;
      const o = lo[j];
      const ri = rightIdx[o];
      if (ri >= 0)
        doOp(ls.labels, ls.values[i], rhs.series[ri].labels, rhs.series[ri].values[i], o, ls.dropName, histogramAt(ls, i), histogramAt(rhs.series[ri], i));
      else if (fillR !== null)
        doOp(ls.labels, ls.values[i], matchLabels(ls.labels, matching.on, matching.matchingLabels), fillR, o, ls.dropName, histogramAt(ls, i));
    }
    if (fillL !== null) {
      for (let j = 0; j < rhs.series.length; j++) {
        const rs = rhs.series[j];
        if (!rs.present[i]) continue;
        const o = ro[j];
        if (matching.card === 'one-to-one' ? matchedOne[o] : (matchedMany[o]?.size ?? 0) > 0) continue;
        doOp(matchLabels(rs.labels, matching.on, matching.matchingLabels), fillL, rs.labels, rs.values[i], o, false, null, histogramAt(rs, i));
      }
    }
  }
  let n = 0;
  for (const s of out.series) for (let i = 0; i < s.present.length; i++) n += s.present[i];
  ev.reserve(n);
  return { type: 'vector', series: out.series };
}

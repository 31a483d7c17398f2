// The native histogram side of sum() and avg() for one step (engine.go aggregation): a running histogram sum per
// group, the float/histogram mix and incompatible-schema flags, and counter-reset hint tracking for the collision
// warning. Floats stay in eval-aggregate.ts's typed arrays.
import type { AggregateExpr } from '../parser/ast';
import type { Labels } from '../../series/types';
import { CounterResetHint, type FloatHistogram } from '../../series/histogram';
import { combineHistograms, compactHistogram, IncompatibleSchemaError } from '../histogram/ops';
import { HistogramKahanSum } from '../histogram/kahan-sum';
import type { Evaluator } from './evaluator';
import { histogramTexts } from './histogram-annotations';
import { METRIC_NAME } from './labels-ops';

/** 2.42's sum of histograms: FloatHistogram.Add in input order, no compensation. */
class PlainHistogramSum {
  private s: FloatHistogram | null = null;
  readonly boundsReconciled = false;
  add(h: FloatHistogram): void {
    this.s = this.s ? combineHistograms(this.s, h, 1).h : h;
  }
  sum(): FloatHistogram {
    return this.s!;
  }
  average(): FloatHistogram {
    throw new Error('2.42 had no histogram average');
  }
}

export class HistogramGroups {
  readonly sum: (HistogramKahanSum | PlainHistogramSum | null)[];
  readonly hasFloat: Uint8Array;
  readonly hasHistogram: Uint8Array;
  readonly incompatible: Uint8Array;
  private readonly resetSeen: Uint8Array;
  private readonly notResetSeen: Uint8Array;

  constructor(
    private readonly ev: Evaluator,
    private readonly e: AggregateExpr,
    groups: number,
  ) {
    this.sum = new Array<HistogramKahanSum | null>(groups).fill(null);
    this.hasFloat = new Uint8Array(groups);
    this.hasHistogram = new Uint8Array(groups);
    this.incompatible = new Uint8Array(groups);
    this.resetSeen = new Uint8Array(groups);
    this.notResetSeen = new Uint8Array(groups);
  }

  reset(): void {
    this.sum.fill(null);
    this.hasFloat.fill(0);
    this.hasHistogram.fill(0);
    this.incompatible.fill(0);
    this.resetSeen.fill(0);
    this.notResetSeen.fill(0);
  }

  private track(g: number, h: FloatHistogram): void {
    if (h.counterResetHint === CounterResetHint.CounterReset) this.resetSeen[g] = 1;
    else if (h.counterResetHint === CounterResetHint.NotCounterReset) this.notResetSeen[g] = 1;
  }

  /** The group's first sample. */
  first(g: number, h: FloatHistogram | null): void {
    if (!h) {
      this.hasFloat[g] = 1;
      return;
    }
    const k = this.ev.opts.compat === 'prometheus2' ? new PlainHistogramSum() : new HistogramKahanSum();
    k.add(h);
    this.sum[g] = k;
    this.hasHistogram[g] = 1;
    this.track(g, h);
  }

  /** A later sample; false when it was a histogram (the float path must not see it). */
  add(g: number, h: FloatHistogram | null, labels: Labels): boolean {
    if (!h) {
      this.hasFloat[g] = 1;
      return true;
    }
    this.hasHistogram[g] = 1;
    const cur = this.sum[g];
    // After floats the group is invalid anyway: no point in summing.
    if (!cur) return false;
    this.track(g, h);
    try {
      cur.add(h);
      if (cur.boundsReconciled) this.ev.annotations.info(histogramTexts.mismatchedCustomBuckets('aggregation'), this.e.expr.posRange);
    } catch (err) {
      if (!(err instanceof IncompatibleSchemaError)) throw err;
      this.ev.annotations.warn(histogramTexts.mixedExponentialCustom(labels[METRIC_NAME] ?? ''), this.e.expr.posRange);
      this.incompatible[g] = 1;
    }
    return false;
  }

  /** The group's histogram result, 'drop' for no output, or null when the group held floats only. */
  result(g: number, count: number): FloatHistogram | 'drop' | null {
    if (this.hasFloat[g] && this.hasHistogram[g]) {
      this.ev.annotations.warn(histogramTexts.mixedFloatsHistogramsAgg(), this.e.expr.posRange);
      return 'drop';
    }
    if (this.incompatible[g]) return 'drop';
    if (this.resetSeen[g] && this.notResetSeen[g])
      this.ev.annotations.warn(histogramTexts.counterResetCollision('aggregation'), this.e.expr.posRange);
    const k = this.sum[g];
    if (!k) return null;
    void count;
    // 2.42 did not compact a sum: its empty buckets stay (histogram_fraction looks at whether any exist).
    if (k instanceof PlainHistogramSum) return k.sum();
    return compactHistogram(this.e.op === 'avg' ? k.average() : k.sum());
  }
}

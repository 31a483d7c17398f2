// One element of a binary operation where at least one operand is a native histogram (engine.go
// vectorElemBinop): histogram ± histogram, histogram × scalar, histogram ÷ scalar, == / != between histograms;
// every other combination is "incompatible sample types" (an info) and yields nothing.
import type { BinaryOp } from '../parser/ast';
import { CounterResetHint, type FloatHistogram } from '../../series/histogram';
import { combineHistograms, compactHistogram, divideHistogram, histogramsEqual, IncompatibleSchemaError, scaleHistogram } from '../histogram/ops';
import { histogramTexts } from './histogram-annotations';
import { trimHistogram } from '../histogram/trim';

export interface ElemResult {
  f: number;
  h: FloatHistogram | null;
  keep: boolean;
  /** Annotation to add; with `error` set the element is dropped (upstream returns before appending it). */
  info?: string;
  warn?: string;
  error?: boolean;
}

const NONE: ElemResult = { f: 0, h: null, keep: false, error: true };

export function histogramElemBinop(op: BinaryOp, lf: number, rf: number, lh: FloatHistogram | null, rh: FloatHistogram | null): ElemResult {
  const kind = (h: FloatHistogram | null): string => (h ? 'histogram' : 'float');
  const incompatible = (): ElemResult => ({ ...NONE, info: histogramTexts.incompatibleTypesInBinOp(kind(lh), op, kind(rh)) });
  if (!lh && rh) {
    if (op === '*') return { f: 0, h: compactHistogram(scaleHistogram(rh, lf)), keep: true };
    return incompatible();
  }
  if (lh && !rh) {
    if (op === '*') return { f: 0, h: compactHistogram(scaleHistogram(lh, rf)), keep: true };
    if (op === '/') return { f: 0, h: compactHistogram(divideHistogram(lh, rf)), keep: true };
    if (op === '</' || op === '>/') return { f: 0, h: trimHistogram(lh, rf, op === '</'), keep: true };
    return incompatible();
  }
  if (lh && rh) {
    if (op === '+' || op === '-') {
      try {
        const r = combineHistograms(lh, rh, op === '+' ? 1 : -1);
        if (op === '-') r.h.counterResetHint = CounterResetHint.Gauge;
        const operation = op === '+' ? 'addition' : 'subtraction';
        const res: ElemResult = { f: 0, h: compactHistogram(r.h), keep: true };
        if (r.boundsReconciled) res.info = histogramTexts.mismatchedCustomBuckets(operation);
        if (r.counterResetCollision) {
          res.warn = histogramTexts.counterResetCollision(operation);
          res.error = true;
        }
        return res;
      } catch (e) {
        if (e instanceof IncompatibleSchemaError) return { ...NONE, warn: histogramTexts.incompatibleBucketLayout(op) };
        throw e;
      }
    }
    if (op === '==') return { f: 0, h: lh, keep: histogramsEqual(lh, rh) };
    if (op === '!=') return { f: 0, h: lh, keep: !histogramsEqual(lh, rh) };
    return incompatible();
  }
  return { f: 0, h: null, keep: false };
}

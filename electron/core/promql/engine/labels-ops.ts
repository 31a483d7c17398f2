// Label-set operations the evaluator needs (Prometheus's labels.Builder, MatchLabels, String). Label sets are
// plain frozen-by-convention objects; every function here returns a new object and never mutates its input.
import type { Labels } from '../../series/types';
import { goQuote } from './annotations';

export const METRIC_NAME = '__name__';

/** Labels that describe the metric itself (name, type, unit): dropped together when a value's meaning changes. */
const METADATA_LABELS = new Set([METRIC_NAME, '__type__', '__unit__']);

export function dropMetricName(l: Labels): Labels {
  if (!(METRIC_NAME in l) && !('__type__' in l) && !('__unit__' in l)) return l;
  const out: Record<string, string> = {};
  for (const k in l) if (!METADATA_LABELS.has(k)) out[k] = l[k];
  return out;
}

/** Set (or, with an empty value, delete) one label. */
export function withLabel(l: Labels, name: string, value: string): Labels {
  const out: Record<string, string> = { ...l };
  if (value === '') delete out[name];
  else out[name] = value;
  return out;
}

export function keepLabels(l: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const n of names) if (l[n] !== undefined && l[n] !== '') out[n] = l[n];
  return out;
}

export function deleteLabels(l: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = { ...l };
  for (const n of names) delete out[n];
  return out;
}

/** Prometheus's MatchLabels: with `on`, keep only `names` (never __name__); otherwise drop `names` and __name__. */
export function matchLabels(l: Labels, on: boolean, names: readonly string[]): Labels {
  if (on) {
    const out: Record<string, string> = {};
    for (const n of names) if (n !== METRIC_NAME && l[n] !== undefined && l[n] !== '') out[n] = l[n];
    return out;
  }
  const out: Record<string, string> = {};
  for (const k in l) if (k !== METRIC_NAME && !names.includes(k)) out[k] = l[k];
  return out;
}

/** Signature of the labels `names` (on) or all labels but `names` (ignoring), for vector matching and grouping. */
export function signature(l: Labels, names: readonly string[], on: boolean): string {
  let key = '';
  if (on) {
    for (const n of names) {
      const v = l[n];
      if (v !== undefined && v !== '') key += n + '\xff' + v + '\xfe';
    }
    return key;
  }
  const keys = Object.keys(l).sort();
  for (const k of keys) if (!names.includes(k)) key += k + '\xff' + l[k] + '\xfe';
  return key;
}

/** Prometheus's labels.String(): `{a="b", c="d"}` in sorted order, __name__ included. */
export function labelsString(l: Labels): string {
  const keys = Object.keys(l).sort();
  return '{' + keys.map((k) => `${isPlainLabelName(k) ? k : goQuote(k)}=${goQuote(l[k])}`).join(', ') + '}';
}

function isPlainLabelName(n: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(n);
}

/** Label names Prometheus 2.x accepts (model.LabelNameRE, before UTF-8 names): `[a-zA-Z_][a-zA-Z0-9_]*`. */
export function isLegacyLabelName(n: string): boolean {
  return isPlainLabelName(n);
}

/** The label-name check of the chosen semantics: 2.x's legacy pattern, or 3.x's any valid UTF-8. */
export function labelNameValidator(compat: 'prometheus2' | 'prometheus3'): (n: string) => boolean {
  return compat === 'prometheus2' ? isLegacyLabelName : isValidLabelName;
}

/** Label names Prometheus accepts (UTF-8 validation mode: any non-empty valid UTF-8). */
export function isValidLabelName(n: string): boolean {
  if (n.length === 0) return false;
  return !/[\uD800-\uDFFF]/.test(n.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
}

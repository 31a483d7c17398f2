// Label-set helpers: a canonical string key (for maps and merge matching) and ordering as Prometheus sorts them.
import type { Labels } from './types';

/** Canonical key of a label set: names sorted, name/value pairs joined with separators that cannot occur in UTF-8. */
export function labelsKey(labels: Labels, without?: ReadonlySet<string>): string {
  const names = Object.keys(labels).sort();
  let key = '';
  for (const n of names) {
    if (without?.has(n)) continue;
    key += n + '\xff' + labels[n] + '\xfe';
  }
  return key;
}

/** Prometheus-style compact rendering: name{a="b", c="d"}. */
export function formatLabels(labels: Labels): string {
  const name = labels.__name__ ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return rest.length ? `${name}{${rest.join(', ')}}` : name || '{}';
}

/** Compare label sets the way Prometheus's labels.Compare does: by sorted (name, value) pairs, then length. */
export function compareLabels(a: Labels, b: Labels): number {
  const an = Object.keys(a).sort();
  const bn = Object.keys(b).sort();
  const n = Math.min(an.length, bn.length);
  for (let i = 0; i < n; i++) {
    if (an[i] !== bn[i]) return an[i] < bn[i] ? -1 : 1;
    const av = a[an[i]];
    const bv = b[bn[i]];
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return an.length - bn.length;
}

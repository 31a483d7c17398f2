// The native histogram notation of promqltest series (`{{schema:0 sum:5 count:4 buckets:[1 2 1] offset:1}}`,
// `{{…}}x3`, `{{a}}+{{b}}x3`, `{{a}}-{{b}}x3`), decoded into FloatHistograms with one span per side, as
// Prometheus's parser builds them (promql/parser/parse.go buildHistogramFromMap).
import { CounterResetHint, type FloatHistogram } from '../../series/histogram';
import { combineHistograms } from '../histogram/ops';
import { parseNumber, SeriesDescError } from './series-number';

export interface ParsedHistogram {
  h: FloatHistogram;
  /** counter_reset_hint was written explicitly (then results must match it). */
  hintSet: boolean;
}

const HINTS: Record<string, CounterResetHint> = {
  unknown: CounterResetHint.Unknown,
  reset: CounterResetHint.CounterReset,
  not_reset: CounterResetHint.NotCounterReset,
  gauge: CounterResetHint.Gauge,
};

const KEYS = new Set(['sum', 'count', 'schema', 'offset', 'n_offset', 'buckets', 'n_buckets', 'z_bucket', 'z_bucket_w', 'custom_values', 'counter_reset_hint']);

function num(s: string, key: string): number {
  const v = parseNumber(s);
  if (v === null) throw new SeriesDescError(`error parsing ${key} number: ${s}`);
  return v;
}

/** One `{{…}}` body (without the braces). */
export function parseHistogramBody(body: string): ParsedHistogram {
  const seen = new Map<string, string>();
  const re = /\s*([a-z_]+)\s*:\s*(\[[^\]]*\]|[^\s\]]+)/y;
  let i = 0;
  for (;;) {
    while (i < body.length && /\s/.test(body[i])) i++;
    if (i >= body.length) break;
    re.lastIndex = i;
    const m = re.exec(body);
    if (!m) throw new SeriesDescError(`invalid histogram description ${JSON.stringify(body)}`);
    if (!KEYS.has(m[1])) throw new SeriesDescError(`unknown histogram descriptor ${m[1]}`);
    if (seen.has(m[1])) throw new SeriesDescError(`duplicate key "${m[1]}" in histogram`);
    seen.set(m[1], m[2]);
    i = re.lastIndex;
  }
  const list = (key: string): Float64Array => {
    const v = seen.get(key);
    if (v === undefined) return new Float64Array(0);
    if (!v.startsWith('[')) throw new SeriesDescError(`error parsing ${key} float array: ${v}`);
    const items = v.slice(1, -1).trim().split(/\s+/).filter((x) => x !== '');
    return Float64Array.from(items, (x) => num(x, key));
  };
  const scalar = (key: string): number => (seen.has(key) ? num(seen.get(key)!, key) : 0);
  const hintText = seen.get('counter_reset_hint');
  if (hintText !== undefined && HINTS[hintText] === undefined) throw new SeriesDescError(`error parsing counter_reset_hint: ${hintText}`);
  const pos = list('buckets');
  const neg = list('n_buckets');
  const h: FloatHistogram = {
    counterResetHint: hintText === undefined ? CounterResetHint.Unknown : HINTS[hintText],
    schema: scalar('schema'),
    zeroThreshold: scalar('z_bucket_w'),
    zeroCount: scalar('z_bucket'),
    count: scalar('count'),
    sum: scalar('sum'),
    positiveSpans: pos.length > 0 ? Int32Array.of(scalar('offset'), pos.length) : new Int32Array(0),
    positiveBuckets: pos,
    negativeSpans: neg.length > 0 ? Int32Array.of(scalar('n_offset'), neg.length) : new Int32Array(0),
    negativeBuckets: neg,
  };
  if (seen.has('custom_values')) h.customValues = list('custom_values');
  return { h, hintSet: hintText !== undefined };
}

/** A histogram sequence item: `{{a}}`, `{{a}}xN`, `{{a}}+{{b}}xN` or `{{a}}-{{b}}xN`. */
export function parseHistogramItem(tok: string): ParsedHistogram[] {
  const m = /^\{\{(.*?)\}\}(?:([+-])\{\{(.*?)\}\})?(?:x(\d+))?$/s.exec(tok);
  if (!m) throw new SeriesDescError(`invalid histogram series value ${JSON.stringify(tok)}`);
  const base = parseHistogramBody(m[1]);
  if (m[2] === undefined) {
    const n = m[4] === undefined ? 1 : Number(m[4]) + 1;
    return Array.from({ length: n }, () => base);
  }
  if (m[4] === undefined) throw new SeriesDescError(`invalid histogram series value ${JSON.stringify(tok)}`);
  const inc = parseHistogramBody(m[3]);
  const out: ParsedHistogram[] = [{ h: base.h, hintSet: inc.hintSet }];
  let cur = base.h;
  for (let k = 1; k <= Number(m[4]); k++) {
    if (cur.schema > inc.h.schema)
      throw new SeriesDescError(`error combining histograms: cannot merge from schema ${inc.h.schema} to ${cur.schema}`);
    cur = combineHistograms(cur, inc.h, m[2] === '+' ? 1 : -1).h;
    out.push({ h: cur, hintSet: inc.hintSet });
  }
  return out;
}

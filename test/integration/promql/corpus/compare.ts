// Exact comparison of two Prometheus HTTP API answers (rrx's and Prometheus's own): same status and error type,
// same series (label sets), the same timestamps and the same value strings — every digit, NaN and ±Inf included.
// Order is compared where Prometheus's is deterministic: a range query's matrix (sorted by labels) and the value
// order of an instant sort/sort_desc/topk/bottomk. Exclusions for 2.42's own nondeterminism are stated here.

type Point = [number, string];
interface ApiHistogram {
  count: string;
  sum: string;
  buckets?: [number, string, string, string][];
}
interface ApiSeries {
  metric: Record<string, string>;
  value?: Point;
  values?: Point[];
  histogram?: [number, ApiHistogram];
  histograms?: [number, ApiHistogram][];
}
export interface ApiAnswer {
  status: string;
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: ApiSeries[] | Point };
  warnings?: string[];
}

const key = (m: Record<string, string>) => JSON.stringify(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Error texts 2.42 builds from map iteration or series order (which duplicate it met first): only the error type
 * is compared for these.
 */
const NONDETERMINISTIC_ERRORS = [/many-to-many matching not allowed/, /found duplicate series/, /vector cannot contain metrics with the same labelset/, /multiple matches for labels/];

function seriesOf(a: ApiAnswer): { key: string; points: Point[] }[] {
  const r = a.data!.result;
  if (!Array.isArray(r) || typeof r[0] === 'number' || typeof r[0] === 'string') return [{ key: 'scalar', points: [r as Point] }];
  return (r as ApiSeries[]).map((s) => ({ key: key(s.metric), points: pointsOf(s) }));
}

/** A histogram sample as one comparable string: count, sum and every bucket ([rule, lower, upper, count]). */
function histogramText(h: ApiHistogram): string {
  return `{count:${h.count} sum:${h.sum} buckets:${JSON.stringify(h.buckets ?? [])}}`;
}

/** Float and histogram points of a series in time order (a 2.42 series may hold both). */
function pointsOf(s: ApiSeries): Point[] {
  const hs: Point[] = [...(s.histograms ?? []), ...(s.histogram ? [s.histogram] : [])].map(([t, h]) => [t, histogramText(h)]);
  const fs: Point[] = s.values ?? (s.value ? [s.value] : []);
  return hs.length === 0 ? fs : [...fs, ...hs].sort((a, b) => a[0] - b[0]);
}

/**
 * Not asked at all (the native-histogram corpus, histogram-dataset.ts / histogram-expressions.ts):
 * - float histograms whose buckets decrease (gauge histograms going down): 2.42 cannot serve them over
 *   remote_read — its chunk re-encoder fails the whole read with HTTP 500 "detected unexpected counter reset in
 *   histogram" — so rrx has nothing to evaluate; the corpus's float histograms only grow.
 * - histogram_avg, histogram_stddev, histogram_stdvar: 2.42 answers "unknown function" (they came in later 2.x
 *   releases); rrx evaluates them under prometheus2 as well.
 *
 * Expressions compared by status only, each with its reason. These are not rrx arithmetic left in JS order:
 * - predict_linear over a matrix selector or subquery with `@` in a range query: 2.42 slides that window with the step (its
 *   setOffsetForAtModifier offsets from the query start while predict_linear is not step-invariant), a 2.42 defect
 *   fixed upstream; rrx keeps the window at `@`, as Prometheus 3 does.
 */
export function excludedReason(expr: string, range: boolean): string | null {
  if (range && /\bpredict_linear\(.*@/.test(expr)) return "2.42's sliding @ window under predict_linear";
  return null;
}

const BARE_SELECTOR = /^\s*rrx_\w+(\{[^}]*\})?(\s+(offset\s+\S+|@\s+\S+))*\s*$/;

/**
 * 2.42 assembles every intermediate matrix from a Go map (rangeEval's "Assemble the output matrix"), so an
 * aggregation whose result depends on input order (sum, avg, stddev, stdvar) over anything but a plain selector
 * adds in a random order on every run: its last bits are not deterministic. Those expressions are compared with a
 * relative tolerance of 1e-9 instead of digit for digit.
 */
export function orderDependentAggregation(expr: string): boolean {
  const re = /\b(sum|avg|stddev|stdvar)\s*(?:(?:by|without)\s*\([^)]*\)\s*)?\(/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) {
    let depth = 1;
    let k = m.index + m[0].length;
    const from = k;
    while (k < expr.length && depth > 0) {
      if (expr[k] === '(') depth++;
      else if (expr[k] === ')') depth--;
      k++;
    }
    const arg = expr.slice(from, k - 1).replace(/^\s*(by|without)\s*\([^)]*\)\s*/, '');
    if (!BARE_SELECTOR.test(arg)) return true;
  }
  return false;
}

const NUMBER_IN_TEXT = /-?(?:\d+\.?\d*(?:e[-+]?\d+)?|Inf|NaN)/g;

function closeEnough(a: string, b: string): boolean {
  if (a.startsWith('{') || b.startsWith('{')) {
    // Histogram texts: the same structure, every number within the tolerance.
    if (a.replace(NUMBER_IN_TEXT, '#') !== b.replace(NUMBER_IN_TEXT, '#')) return false;
    const na = a.match(NUMBER_IN_TEXT) ?? [];
    const nb = b.match(NUMBER_IN_TEXT) ?? [];
    return na.length === nb.length && na.every((x, i) => closeEnough(x, nb[i]));
  }
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (x === y) return true;
  return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
}

/** Does the expression's outermost call order an instant vector (so Prometheus's output order is meaningful)? */
export function ordersOutput(expr: string): boolean {
  return /^\s*(sort|sort_desc|topk|bottomk)\b/.test(expr);
}

/** topk/bottomk pick among equal values by heap position in 2.42: a different pick of equal values is no defect. */
function sameValuesPerTimestamp(a: { points: Point[] }[], b: { points: Point[] }[]): boolean {
  const byTs = (xs: { points: Point[] }[]) => {
    const m = new Map<number, string[]>();
    for (const s of xs) for (const [t, v] of s.points) m.set(t, [...(m.get(t) ?? []), v]);
    return JSON.stringify([...m.entries()].sort((x, y) => x[0] - y[0]).map(([t, vs]) => [t, vs.sort()]));
  };
  return byTs(a) === byTs(b);
}

/** null when the answers agree; otherwise one line saying where they first differ. */
export function diffAnswers(expr: string, ours: ApiAnswer, theirs: ApiAnswer, range: boolean): string | null {
  if (ours.status !== theirs.status) return `status ${ours.status} (${ours.error ?? ''}) vs ${theirs.status} (${theirs.error ?? ''})`;
  if (excludedReason(expr, range)) return null;
  if (ours.status !== 'success') {
    if (ours.errorType !== theirs.errorType) return `errorType ${ours.errorType} vs ${theirs.errorType}: ${ours.error} | ${theirs.error}`;
    if (NONDETERMINISTIC_ERRORS.some((re) => re.test(theirs.error ?? ''))) return null;
    // Parse errors: our parser's wording is judged by the conformance scripts; here the type must agree.
    if (theirs.errorType === 'bad_data') return null;
    return ours.error === theirs.error ? null : `error "${ours.error}" vs "${theirs.error}"`;
  }
  if (ours.data!.resultType !== theirs.data!.resultType) return `resultType ${ours.data!.resultType} vs ${theirs.data!.resultType}`;
  const a = seriesOf(ours);
  const b = seriesOf(theirs);
  const sortedA = [...a].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const sortedB = [...b].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const keysA = sortedA.map((s) => s.key).join(' ');
  const keysB = sortedB.map((s) => s.key).join(' ');
  if (keysA !== keysB) {
    if (/\b(topk|bottomk)\b/.test(expr) && sameValuesPerTimestamp(a, b)) return null;
    return `series differ:\n    ours ${keysA}\n    prom ${keysB}`;
  }
  const tolerant = orderDependentAggregation(expr);
  // Equal values picked from different series at some steps (the same series overall): as above.
  const picksAmongTies = /\b(topk|bottomk)\b/.test(expr) && sameValuesPerTimestamp(a, b);
  for (let i = 0; i < sortedA.length; i++) {
    const pa = sortedA[i].points;
    const pb = sortedB[i].points;
    if (pa.length !== pb.length && picksAmongTies) continue;
    if (pa.length !== pb.length) return `${sortedA[i].key}: ${pa.length} points vs ${pb.length}`;
    for (let k = 0; k < pa.length; k++) {
      const same = pa[k][1] === pb[k][1] || (tolerant && closeEnough(pa[k][1], pb[k][1]));
      if (pa[k][0] !== pb[k][0] || !same) return `${sortedA[i].key} point ${k}: [${pa[k].join(', ')}] vs [${pb[k].join(', ')}]`;
    }
  }
  if (range && a.map((s) => s.key).join(' ') !== b.map((s) => s.key).join(' ')) return 'matrix order differs from the label order Prometheus sorts by';
  if (!range && ordersOutput(expr)) {
    // Equal values may come in either order (Go's sort.Sort is not stable): compare the value sequence.
    const va = a.map((s) => s.points[0]?.[1]);
    const vb = b.map((s) => s.points[0]?.[1]);
    if (va.some((v, k) => v !== vb[k] && !(tolerant && closeEnough(v, vb[k])))) return `order differs: ${va.join(' ')} vs ${vb.join(' ')}`;
  }
  const wa = JSON.stringify(ours.warnings ?? []);
  const wb = JSON.stringify(theirs.warnings ?? []);
  if (wa !== wb) return `warnings ${wa} vs ${wb}`;
  return null;
}

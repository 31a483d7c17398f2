// Exact comparison of two Prometheus HTTP API answers (rrx's and Prometheus's own): same status and error type,
// same series (label sets), the same timestamps and the same value strings — every digit, NaN and ±Inf included.
// Order is compared where Prometheus's is deterministic: a range query's matrix (sorted by labels) and the value
// order of an instant sort/sort_desc/topk/bottomk. Exclusions for 2.42's own nondeterminism are stated here.

type Point = [number, string];
interface ApiSeries {
  metric: Record<string, string>;
  value?: Point;
  values?: Point[];
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
  return (r as ApiSeries[]).map((s) => ({ key: key(s.metric), points: s.values ?? [s.value!] }));
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
  for (let i = 0; i < sortedA.length; i++) {
    const pa = sortedA[i].points;
    const pb = sortedB[i].points;
    if (pa.length !== pb.length) return `${sortedA[i].key}: ${pa.length} points vs ${pb.length}`;
    for (let k = 0; k < pa.length; k++) {
      if (pa[k][0] !== pb[k][0] || pa[k][1] !== pb[k][1]) return `${sortedA[i].key} point ${k}: [${pa[k].join(', ')}] vs [${pb[k].join(', ')}]`;
    }
  }
  if (range && a.map((s) => s.key).join(' ') !== b.map((s) => s.key).join(' ')) return 'matrix order differs from the label order Prometheus sorts by';
  if (!range && ordersOutput(expr)) {
    // Equal values may come in either order (Go's sort.Sort is not stable): compare the value sequence.
    const va = a.map((s) => s.points[0]?.[1]).join(' ');
    const vb = b.map((s) => s.points[0]?.[1]).join(' ');
    if (va !== vb) return `order differs: ${va} vs ${vb}`;
  }
  const wa = JSON.stringify(ours.warnings ?? []);
  const wb = JSON.stringify(theirs.warnings ?? []);
  if (wa !== wb) return `warnings ${wa} vs ${wb}`;
  return null;
}

// Checks rrx's pushdown and delegate answers against the seed's 9090 (Prometheus over remote_read to both
// collectors), value by value as Prometheus writes them. Pushdown is checked only where the pushdown rules
// (docs/pushdown.md) call the merged view exact — there it must equal the 9090's interleaved merge; a merged view
// evaluated locally is rrx's own merge and may differ from the 9090's interleaving, so it is reported as unchecked.
import { formatApiFloat } from '@core/promql/engine/format-float';
import type { EvaluatedResult } from '@shared/api/query-types';
import type { CorpusQuery } from './corpus';
import type { Verifier } from './run-corpus';
import type { RangeArgs } from './runners';

type ApiSeries = { metric: Record<string, string>; values: [number, string][] };

const key = (labels: Record<string, string>): string => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function asApi(r: EvaluatedResult): Map<string, [number, string][]> {
  return new Map(r.series.map((s) => [key(s.labels), Array.from(s.timestamps, (t, i): [number, string] => [t / 1000, formatApiFloat(s.values[i])])]));
}

/** The first difference between rrx's answer and the 9090's, or undefined when they are the same. */
export function firstDifference(ours: EvaluatedResult, theirs: readonly ApiSeries[]): string | undefined {
  const a = asApi(ours);
  const b = new Map(theirs.map((s) => [key(s.metric), s.values]));
  if (a.size !== b.size) return `${a.size} series, the 9090 has ${b.size}`;
  for (const [k, vs] of b) {
    const mine = a.get(k);
    if (!mine) return `the 9090 has ${k}, rrx does not`;
    if (mine.length !== vs.length) return `${k}: ${mine.length} points, the 9090 has ${vs.length}`;
    for (let i = 0; i < vs.length; i++) {
      if (mine[i][0] !== vs[i][0] || mine[i][1] !== vs[i][1]) return `${k} at ${vs[i][0]}: rrx ${mine[i][1]} @${mine[i][0]}, the 9090 ${vs[i][1]}`;
    }
  }
  return undefined;
}

/** A verifier against the 9090's /api/v1/query_range over the same range (asked once per query, not timed). */
export function verifyAgainst9090(seedBaseUrl: string, range: RangeArgs): Verifier {
  const reference = new Map<string, Promise<ApiSeries[]>>();
  const of = (q: CorpusQuery): Promise<ApiSeries[]> => {
    let p = reference.get(q.id);
    if (!p) {
      const body = new URLSearchParams({ query: q.expr, start: String(range.startMs / 1000), end: String(range.endMs / 1000), step: String(range.stepMs / 1000) });
      p = fetch(`${seedBaseUrl}/api/v1/query_range`, { method: 'POST', body, signal: AbortSignal.timeout(300_000) })
        .then((r) => r.json() as Promise<{ status: string; error?: string; data?: { result: ApiSeries[] } }>)
        .then((j) => {
          if (j.status !== 'success' || !j.data) throw new Error(`the 9090: ${j.error ?? 'query failed'}`);
          return j.data.result;
        });
      reference.set(q.id, p);
    }
    return p;
  };
  return async (q, method, answer) => {
    if (method === 'rrxPushdown' && answer.merged !== 'pushdown') return 'not checked: the rules do not call this query exact, so rrx merged it locally';
    const diff = firstDifference(answer.result, await of(q));
    return diff ? `DIFFERS: ${diff}` : undefined;
  };
}

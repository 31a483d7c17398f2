// What the comparison shades without a click, and what its charts' data leave blank: every gap finding becomes a
// band in its node's colour (on that node's tile, and on the merged chart), overlapping gaps of one node joined; and
// the interior runs of nulls in a chart's columns, which a test (or a curious user in devtools) can read off the
// chart as data-breaks. Pure.
import type { Finding } from '@shared/api/query-types';
import type { YColumn } from '../graph/align';
import type { Band } from './chart-options';
import { nodeColorByName } from './colors';

/** Bands per gap finding, one node's overlapping or touching gaps joined. `node` null: every node's. */
export function gapBands(findings: readonly Finding[] | undefined, nodes: readonly { index: number; name: string }[], node: string | null, alpha = 0.16): Band[] {
  const gaps = (findings ?? []).filter((f) => f.kind === 'gap' && (node === null || f.node === node)).sort((a, b) => a.node.localeCompare(b.node) || a.startMs - b.startMs);
  const out: (Band & { node: string })[] = [];
  for (const g of gaps) {
    const last = out[out.length - 1];
    if (last && last.node === g.node && g.startMs <= last.endMs) last.endMs = Math.max(last.endMs, g.endMs);
    else out.push({ node: g.node, startMs: g.startMs, endMs: g.endMs, color: nodeColorByName(nodes, g.node), alpha });
  }
  return out.map(({ startMs, endMs, color }) => ({ startMs, endMs, color, alpha }));
}

/**
 * Stretches where a column has no value between two values (x in the chart's unit, first and last null x), over all
 * columns, joined where they overlap; at most `max`. Leading and trailing nulls are not breaks: the series had not
 * started or had ended.
 */
export function nullRuns(xs: ArrayLike<number>, columns: readonly YColumn[], max = 100): [number, number][] {
  const runs: [number, number][] = [];
  for (const col of columns) {
    if (col instanceof Float64Array) continue;
    let seen = false;
    let from = -1;
    for (let i = 0; i < col.length; i++) {
      if (col[i] === null) {
        if (seen && from < 0) from = i;
      } else {
        if (from >= 0) runs.push([xs[from], xs[i - 1]]);
        from = -1;
        seen = true;
      }
    }
  }
  runs.sort((a, b) => a[0] - b[0]);
  const joined: [number, number][] = [];
  for (const r of runs) {
    const last = joined[joined.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else joined.push([r[0], r[1]]);
  }
  return joined.slice(0, max);
}

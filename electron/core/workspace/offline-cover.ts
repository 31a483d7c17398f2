// Answers a query's planned selector reads from stored reads only. Exact on purpose: a request is covered by a stored
// read of the same matcher set whose window contains the request's window (samples are cut to the window); anything
// else is reported missing rather than guessed from broader or narrower reads.
import type { NodeOutcome } from '@core/cluster/fanout/types';
import type { RawSnapshot } from '@core/query/raw-snapshot';
import { lowerBound } from '@core/series/memory-store';
import { matchersKey } from '@core/series/matchers-key';
import type { LabelMatcher, RawSeries, SelectorRequest } from '@core/series/types';
import { SnapshotMissingError } from './errors';
import type { StoredRead } from './stored-read';
import { sliceSeries } from '@core/series/slice';

interface Source {
  read: StoredRead;
  index: number;
  request: SelectorRequest;
}

function findSource(req: SelectorRequest, reads: readonly StoredRead[]): Source | undefined {
  const key = matchersKey(req.matchers);
  let best: Source | undefined;
  for (const read of reads) {
    read.snapshot.requests.forEach((stored, index) => {
      if (stored.startMs > req.startMs || stored.endMs < req.endMs || matchersKey(stored.matchers) !== key) return;
      // Prefer the narrowest covering read (the exact one when it exists).
      if (!best || stored.endMs - stored.startMs < best.request.endMs - best.request.startMs) best = { read, index, request: stored };
    });
  }
  return best;
}

function cut(s: RawSeries, startMs: number, endMs: number): RawSeries | undefined {
  const lo = lowerBound(s.timestamps, startMs);
  const hi = lowerBound(s.timestamps, endMs + 1);
  if (hi <= lo) return undefined;
  if (lo === 0 && hi === s.timestamps.length) return s;
  return sliceSeries(s, lo, hi);
}

export function selectorText(ms: readonly LabelMatcher[]): string {
  const name = ms.find((m) => m.name === '__name__' && m.type === '=');
  const rest = ms.filter((m) => m !== name).map((m) => `${m.name}${m.type}${JSON.stringify(m.value)}`);
  return `${name?.value ?? ''}{${rest.join(', ')}}`;
}

/** A RawSnapshot for exactly these requests, taken from stored reads; throws SnapshotMissingError listing the gaps. */
export function coverFromStored(requests: readonly SelectorRequest[], reads: readonly StoredRead[]): RawSnapshot {
  const sources = requests.map((r) => findSource(r, reads));
  const missing = requests.flatMap((r, i) => (sources[i] ? [] : [{ selector: selectorText(r.matchers), startMs: r.startMs, endMs: r.endMs }]));
  if (missing.length) throw new SnapshotMissingError(missing);
  const found = sources as Source[];

  // One outcome per node seen in any source, in node order; a node is ok only if every source it answers for is ok.
  const byNode = new Map<number, NodeOutcome>();
  const used = new Set<StoredRead>();
  found.forEach((src, i) => {
    const req = requests[i];
    const exact = src.request.startMs === req.startMs && src.request.endMs === req.endMs;
    for (const o of src.read.snapshot.outcomes) {
      let out = byNode.get(o.node.index);
      if (!out) {
        out = { ...o, results: requests.map(() => []), warnings: [...o.warnings], bytes: 0, series: 0, samples: 0, readMs: 0 };
        byNode.set(o.node.index, out);
      }
      if (!used.has(src.read)) {
        out.bytes += o.bytes;
        out.series += o.series;
        out.samples += o.samples;
        out.readMs += o.readMs;
      }
      if (!o.ok && out.ok) Object.assign(out, { ok: false, error: o.error, errorKind: o.errorKind });
      const list = o.results[src.index] ?? [];
      out.results[i] = exact ? list : list.flatMap((s) => cut(s, req.startMs, req.endMs) ?? []);
    }
    used.add(src.read);
  });
  const outcomes = [...byNode.values()].sort((a, b) => a.node.index - b.node.index);
  for (const o of outcomes) if (!o.ok) o.results = requests.map(() => []);
  const readAtMs = Math.max(...found.map((s) => s.read.snapshot.readAtMs), 0);
  return { requests: [...requests], outcomes, readAtMs };
}

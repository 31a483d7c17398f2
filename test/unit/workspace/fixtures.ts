// Workspace fixtures made by code: a two-node cluster's reads for an expression (planned exactly as a live query
// would be), with stale markers, odd NaN payloads, a gap on one node and optionally a failed node.
import type { NodeOutcome } from '@core/cluster/fanout/types';
import { parse } from '@core/promql/parser';
import { planSelectors } from '@core/promql/planner';
import type { TimeFrame } from '@core/query/time-frame';
import { STALE_NAN } from '@core/series/stale-marker';
import type { RawSeries, SelectorRequest } from '@core/series/types';
import type { StoredRead } from '@core/workspace';
import type { WorkspacePanel, WorkspaceProfile } from '@shared/api/workspace-types';

export const T0 = 1_700_000_000_000;
export const FRAME: TimeFrame = { startMs: T0, endMs: T0 + 10 * 60_000, stepMs: 15_000 };

export const PROFILE: WorkspaceProfile = {
  name: 'ha-pair',
  nodes: [
    { name: 'replica-a', url: 'http://127.0.0.1:9091/api/v1/read' },
    { name: 'replica-b', url: 'http://127.0.0.1:9092/api/v1/read' },
  ],
};

/** A NaN with a payload that is neither the stale marker nor JS's canonical NaN. */
export function oddNaN(): number {
  const a = new Float64Array(1);
  new Uint32Array(a.buffer).set([0x12345, 0x7ff80000 | 0xabc]);
  return a[0];
}

function seriesFor(req: SelectorRequest, node: number): RawSeries[] {
  const name = req.matchers.find((m) => m.name === '__name__')?.value ?? 'metric';
  const out: RawSeries[] = [];
  for (const instance of ['host-1:9100', 'host-2:9100']) {
    const n = Math.floor((req.endMs - req.startMs) / 10_000) + 1;
    const ts = new Float64Array(n);
    const vs = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const t = req.startMs + i * 10_000 + node * 1_000;
      if (t > req.endMs) break;
      // Node 1 misses two minutes of host-2 (a planted gap).
      if (node === 1 && instance === 'host-2:9100' && t > T0 + 120_000 && t < T0 + 240_000) continue;
      ts[k] = t;
      vs[k] = 100 + i * 2.5 + node * 0.25;
      k++;
    }
    const values = vs.slice(0, k);
    if (k > 5) values[k - 3] = STALE_NAN; // stored straight into the typed array: keeps the bits
    if (k > 8) values[k - 6] = oddNaN();
    out.push({ labels: { __name__: name, instance, job: 'node' }, timestamps: ts.slice(0, k), values });
  }
  return out;
}

export function makeRead(expr: string, frame: TimeFrame = FRAME, opts: { panelId?: string; failNode?: number } = {}): StoredRead {
  const requests = planSelectors(parse(expr), { startMs: frame.startMs, endMs: frame.endMs, stepMs: frame.stepMs });
  const outcomes: NodeOutcome[] = PROFILE.nodes.map((n, index) => {
    const failed = opts.failNode === index;
    const results = requests.map((r) => (failed ? [] : seriesFor(r, index)));
    return {
      node: { index, name: n.name, endpoint: { url: n.url } },
      host: new URL(n.url).host,
      ok: !failed,
      results,
      ...(failed ? { error: 'connection refused', errorKind: 'network' } : {}),
      warnings: [],
      bytes: 1234,
      series: results.reduce((a, l) => a + l.length, 0),
      samples: results.reduce((a, l) => a + l.reduce((b, s) => b + s.timestamps.length, 0), 0),
      readMs: 12,
      fromCache: false,
    };
  });
  return { ...(opts.panelId ? { panelId: opts.panelId } : {}), expr, frame, snapshot: { requests, outcomes, readAtMs: frame.endMs + 500 } };
}

export function makePanel(id: string, expr: string, frame: TimeFrame = FRAME, extra: Partial<WorkspacePanel> = {}): WorkspacePanel {
  return {
    id,
    expr,
    kind: 'range',
    range: { type: 'absolute', startMs: frame.startMs, endMs: frame.endMs },
    stepMs: frame.stepMs,
    strategy: 'union',
    view: { mode: 'graph', stacked: false, log: false, yFromZero: true, unit: 'bytes' },
    comparison: { perNode: true, findings: true },
    ...extra,
  };
}

/** Bytes of a Float64Array, for bit-exact comparison. */
export function bits(a: Float64Array): number[] {
  return Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

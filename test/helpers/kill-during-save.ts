// Child process for the atomic-save test: builds a large workspace (with snapshot) and saves it to argv[2] over and
// over, alternating two documents whose first panel title says which ("A" or "B", starting with argv[3]), until it is
// killed (SIGKILL). Prints "ready" before the first save and "saved X" after each.
// over, alternating two documents whose first panel title says which ("A" or "B"), until it is killed (SIGKILL).
import { buildDocument, saveWorkspaceFile, type StoredRead } from '@core/workspace';
import type { WorkspacePanel } from '@shared/api/workspace-types';

const path = process.argv[2];
const T0 = 1_700_000_000_000;

function bigRead(): StoredRead {
  const n = 4_000;
  const series = Array.from({ length: 10 }, (_, k) => {
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      timestamps[i] = T0 + i * 15_000 + ((i * 7919 + k) % 23);
      values[i] = Math.sin(i / 50 + k) * 1000 + ((i * 2654435761) % 1000) / 7;
    }
    return { labels: { __name__: 'node_load1', instance: `host-${k}:9100`, job: 'node' }, timestamps, values };
  });
  const outcome = (index: number) => ({
    node: { index, name: `replica-${index}`, endpoint: { url: `http://127.0.0.1:${9091 + index}/api/v1/read` } },
    host: `127.0.0.1:${9091 + index}`,
    ok: true,
    results: [series],
    warnings: [],
    bytes: 0,
    series: series.length,
    samples: n * series.length,
    readMs: 1,
    fromCache: false,
  });
  return {
    expr: 'node_load1',
    frame: { startMs: T0, endMs: T0 + n * 15_000, stepMs: 60_000 },
    snapshot: { requests: [{ matchers: [{ type: '=', name: '__name__', value: 'node_load1' }], startMs: T0 - 300_000, endMs: T0 + n * 15_000 }], outcomes: [outcome(0), outcome(1)], readAtMs: T0 },
  };
}

const panel = (title: string): WorkspacePanel => ({
  id: 'p1',
  title,
  expr: 'node_load1',
  kind: 'range',
  range: { type: 'absolute', startMs: T0, endMs: T0 + 3_600_000 },
  stepMs: 60_000,
  strategy: 'union',
  view: { mode: 'graph' },
  comparison: { perNode: true, findings: true },
});

const profile = { name: 'ha', nodes: [0, 1].map((i) => ({ name: `replica-${i}`, url: `http://127.0.0.1:${9091 + i}/api/v1/read` })) };
const reads = [bigRead()];
const docs = [buildDocument({ profile, panels: [panel('A')] }), buildDocument({ profile, panels: [panel('B')] })];

async function main(): Promise<void> {
  process.stdout.write('ready\n');
  for (let i = process.argv[3] === 'B' ? 1 : 0; ; i++) {
    await saveWorkspaceFile(path, docs[i % 2], reads);
    process.stdout.write(`saved ${i % 2 ? 'B' : 'A'}\n`);
  }
}
void main();

// The data snapshot codec: what goes in comes out bit for bit (stale markers, NaN payloads, failed nodes, labels).
import { describe, expect, it } from 'vitest';
import { isStaleAt } from '@core/series/stale-marker';
import { WorkspaceError } from '@core/workspace';
import { decodeSnapshot, encodeSnapshot } from '@core/workspace/snapshot-codec';
import { bits, makeRead, PROFILE } from './fixtures';

const url = (i: number) => PROFILE.nodes[i].url;

describe('snapshot codec', () => {
  it('round-trips samples bit-exactly, including stale markers and NaN payloads', () => {
    const reads = [makeRead('rate(node_cpu_seconds_total[5m]) + on() group_left node_load1', undefined, { panelId: 'p1' }), makeRead('up', undefined, { failNode: 1 })];
    const block = encodeSnapshot(reads);
    const back = decodeSnapshot(JSON.parse(JSON.stringify(block)), url);
    expect(back).toHaveLength(2);
    let stale = 0;
    reads.forEach((read, r) => {
      expect(back[r].expr).toBe(read.expr);
      expect(back[r].frame).toEqual(read.frame);
      expect(back[r].panelId).toBe(read.panelId);
      expect(back[r].snapshot.requests).toEqual(JSON.parse(JSON.stringify(read.snapshot.requests)));
      expect(back[r].snapshot.readAtMs).toBe(read.snapshot.readAtMs);
      read.snapshot.outcomes.forEach((o, n) => {
        const b = back[r].snapshot.outcomes[n];
        expect([b.node.index, b.node.name, b.ok, b.error, b.errorKind, b.host]).toEqual([o.node.index, o.node.name, o.ok, o.error, o.errorKind, o.host]);
        o.results.forEach((list, q) => {
          expect(b.results[q].map((s) => s.labels)).toEqual(list.map((s) => s.labels));
          list.forEach((s, k) => {
            expect(bits(b.results[q][k].timestamps)).toEqual(bits(s.timestamps));
            expect(bits(b.results[q][k].values)).toEqual(bits(s.values));
            for (let i = 0; i < s.values.length; i++) if (isStaleAt(b.results[q][k].values, i)) stale++;
          });
        });
      });
    });
    expect(stale).toBeGreaterThan(0);
  });

  it('stores each label set and string once and compresses', () => {
    const read = makeRead('up');
    const block = encodeSnapshot([read, read, read]);
    const one = encodeSnapshot([read]);
    expect(block.data.length).toBeLessThan(one.data.length * 2.2);
    const raw = read.snapshot.outcomes.reduce((a, o) => a + o.samples * 16, 0);
    expect(block.rawBytes).toBeLessThan(raw * 3 * 0.75);
  });

  it('keeps negative timestamps, empty series and empty results', () => {
    const read = makeRead('up');
    read.snapshot.outcomes[0].results[0] = [
      { labels: {}, timestamps: new Float64Array(0), values: new Float64Array(0) },
      { labels: { a: 'ü ✓ "q"' }, timestamps: Float64Array.of(-5_000, -1, 0, 2 ** 52), values: Float64Array.of(-0, Infinity, -Infinity, 5e-324) },
    ];
    read.snapshot.outcomes[1].results[0] = [];
    const back = decodeSnapshot(encodeSnapshot([read]), () => '');
    const [e, s] = back[0].snapshot.outcomes[0].results[0];
    expect(e.timestamps.length).toBe(0);
    expect(s.labels).toEqual({ a: 'ü ✓ "q"' });
    expect(Array.from(s.timestamps)).toEqual([-5_000, -1, 0, 2 ** 52]);
    expect(bits(s.values)).toEqual(bits(Float64Array.of(-0, Infinity, -Infinity, 5e-324)));
    expect(back[0].snapshot.outcomes[1].results[0]).toEqual([]);
  });

  it('refuses damaged data with a typed error', () => {
    const block = encodeSnapshot([makeRead('up')]);
    const flip = { ...block, data: block.data.slice(0, 40) + (block.data[40] === 'A' ? 'B' : 'A') + block.data.slice(41) };
    expect(() => decodeSnapshot(flip, () => '')).toThrow(WorkspaceError);
    expect(() => decodeSnapshot({ ...block, data: block.data.slice(0, block.data.length / 2) }, () => '')).toThrow(WorkspaceError);
    expect(() => decodeSnapshot({ ...block, rawBytes: 3 }, () => '')).toThrow(/inflates past its declared 3 bytes/);
    expect(() => decodeSnapshot({ ...block, rawBytes: block.rawBytes + 1 }, () => '')).toThrow(/wrong size/);
    expect(() => decodeSnapshot({ ...block, rawBytes: 2 ** 40 }, () => '')).toThrow(/over the limit of 1073741824 bytes/);
    expect(() => decodeSnapshot({ ...block, rawBytes: 10_000_000 }, () => '')).toThrow(/more than \d+ compressed bytes can hold/);
    expect(() => decodeSnapshot(block, () => '', 10)).toThrow(/over the limit of 10 bytes/);
    expect(() => decodeSnapshot({ ...block, reads: 'x' }, () => '')).toThrow(/malformed/);
  });
});

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

describe('snapshot codec: native histograms (block version 2)', () => {
  it('round-trips histogram samples exactly, beside floats and stale markers', async () => {
    const { histogramSeries, mulberry32 } = await import('@core/demo/histogram-data');
    const read = makeRead('latency_seconds');
    const kinds = [{}, { floatCounts: true }, { gauge: true }, { custom: true }] as const;
    const series = kinds.map((k, i) =>
      histogramSeries(mulberry32(i + 1), { __name__: 'latency_seconds', kind: String(i) }, { samples: 150, startMs: 1_700_000_000_000, stepMs: 15_000, staleRate: 0.03, floatRate: 0.03, resetRate: 0.03, layoutRate: 0.03, ...k }),
    );
    read.snapshot.outcomes[0].results[0] = series;
    const back = decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot([read]))), url).at(0)!.snapshot.outcomes[0].results[0];
    expect(back).toHaveLength(series.length);
    series.forEach((s, k) => {
      const b = back[k];
      expect(bits(b.timestamps)).toEqual(bits(s.timestamps));
      expect(bits(b.values)).toEqual(bits(s.values));
      expect(b.histograms).toHaveLength(s.timestamps.length);
      s.histograms!.forEach((h, i) => {
        const g = b.histograms![i];
        if (!h) return expect(g).toBeNull();
        expect({ ...g, positiveSpans: Array.from(g!.positiveSpans), negativeSpans: Array.from(g!.negativeSpans) }).toEqual({
          ...h,
          positiveSpans: Array.from(h.positiveSpans),
          negativeSpans: Array.from(h.negativeSpans),
        });
      });
    });
    // Float-only series stay without a histogram column.
    expect(decodeSnapshot(encodeSnapshot([makeRead('up')]), url)[0].snapshot.outcomes[0].results[0].every((s) => s.histograms === undefined)).toBe(true);
  });

  it('still opens a version-1 block (written before native histograms) with the same samples', async () => {
    const { deflateSync, inflateSync } = await import('node:zlib');
    const read = makeRead('up');
    const v2 = encodeSnapshot([read]);
    // A v1 block is the v2 layout without the per-series histogram count: rebuild one from the v2 bytes.
    const raw = inflateSync(Buffer.from(v2.data, 'base64'));
    const v1 = rewriteAsV1(raw, read);
    const block = { ...v2, encoding: 'rrx-samples/1', rawBytes: v1.length, data: deflateSync(v1).toString('base64') };
    const back = decodeSnapshot(block, url);
    read.snapshot.outcomes.forEach((o, n) =>
      o.results.forEach((list, q) =>
        list.forEach((s, k) => {
          expect(bits(back[0].snapshot.outcomes[n].results[q][k].values)).toEqual(bits(s.values));
          expect(back[0].snapshot.outcomes[n].results[q][k].histograms).toBeUndefined();
        }),
      ),
    );
    // A block from the future is refused with a clear sentence.
    const future = Buffer.from(raw);
    future[4] = 3;
    expect(() => decodeSnapshot({ ...v2, rawBytes: future.length, data: deflateSync(future).toString('base64') }, url)).toThrow(/encoding version 3; this rrx reads versions 1 to 2/);
  });
});

/** The v1 form of a v2 block: version byte 1 and no histogram count after each series (all 0 here: float-only). */
function rewriteAsV1(raw: Uint8Array, read: ReturnType<typeof makeRead>): Buffer {
  // Float-only series end with one 0x00 byte (H = 0) right after their values; walk the layout to drop exactly those.
  const out: number[] = [];
  let p = 0;
  const copy = (n: number) => {
    for (let i = 0; i < n; i++) out.push(raw[p++]);
  };
  const uvarint = () => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = raw[p];
      out.push(b);
      p++;
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  copy(4);
  out.push(1);
  p++;
  for (let n = uvarint(); n > 0; n--) copy(uvarint());
  for (let n = uvarint(); n > 0; n--) for (let q = uvarint() * 2; q > 0; q--) uvarint();
  for (const o of read.snapshot.outcomes) {
    for (let r = 0; r < read.snapshot.requests.length; r++) {
      for (let k = uvarint(); k > 0; k--) {
        uvarint();
        const n = uvarint();
        for (let i = 0; i < n; i++) uvarint();
        copy(n * 8);
        expect(raw[p]).toBe(0);
        p++; // the histogram count, not copied
      }
    }
    void o;
  }
  expect(p).toBe(raw.length);
  return Buffer.from(out);
}

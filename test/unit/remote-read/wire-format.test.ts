// Wire-level facts: prompb field numbers, CRC32-C, frame parsing at every split point, int64 varints, and the
// SAMPLES decoder's handling of negative timestamps, missing fields and native histogram samples.
import { describe, expect, it } from 'vitest';
import { crc32c } from '@core/remote-read/crc32c';
import { DecodeError } from '@core/remote-read/errors';
import { FrameReader, encodeFrame } from '@core/remote-read/frame-reader';
import { DEFAULT_READ_LIMITS, ReadBudget } from '@core/remote-read/limits';
import { ChunkEncodingNumber, F, MatcherTypeNumber, ReadResponseType, ResponseTypeNumber } from '@core/remote-read/proto/schema';
import { encodeReadRequestProto } from '@core/remote-read/request-encoder';
import { decodeReadResponse } from '@core/remote-read/samples-decoder';
import { WireReader } from '@core/remote-read/wire-reader';
import { ProtoWriter } from '@core/remote-read-server/proto-writer';
import { decodeReadRequest } from '@core/remote-read-server/request-decoder';
import { encodeReadRequest } from '@core/remote-read/request-encoder';

describe('prompb schema', () => {
  it('has the field numbers and enum values of Prometheus prompb', () => {
    expect(F).toMatchObject({
      readResponseResults: 1,
      queryResultTimeseries: 1,
      timeSeriesLabels: 1,
      timeSeriesSamples: 2,
      timeSeriesHistograms: 4,
      sampleValue: 1,
      sampleTimestamp: 2,
      chunkedResponseSeries: 1,
      chunkedResponseQueryIndex: 2,
      chunkMinTime: 1,
      chunkMaxTime: 2,
      chunkType: 3,
      chunkData: 4,
    });
    expect(ResponseTypeNumber).toEqual({ SAMPLES: 0, STREAMED_XOR_CHUNKS: 1 });
    expect(ChunkEncodingNumber).toEqual({ UNKNOWN: 0, XOR: 1, HISTOGRAM: 2, FLOAT_HISTOGRAM: 3 });
    expect(MatcherTypeNumber).toEqual({ '=': 0, '!=': 1, '=~': 2, '!~': 3 });
  });

  it('encodes a ReadRequest the server side decodes back, hints included', () => {
    const q = {
      matchers: [
        { type: '=~' as const, name: '__name__', value: 'node_.*' },
        { type: '!=' as const, name: 'job', value: '' },
      ],
      startMs: -5,
      endMs: 1_700_000_000_000,
      hints: { startMs: 1, endMs: 2, stepMs: 15_000, func: 'rate', rangeMs: 300_000, grouping: ['job'], by: true },
    };
    const back = decodeReadRequest(encodeReadRequest([q, { ...q, startMs: 0 }], ['SAMPLES']));
    expect(back.accepted).toEqual(['SAMPLES']);
    expect(back.queries[0]).toEqual({ matchers: q.matchers, startMs: -5, endMs: 1_700_000_000_000, hints: q.hints });
    expect(encodeReadRequestProto([q]).length).toBeGreaterThan(20);
  });
});

describe('CRC32-C and frames', () => {
  it('matches the Castagnoli check value', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    const big = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
    expect(crc32c(big.subarray(500), crc32c(big.subarray(0, 500)))).toBe(crc32c(big));
  });

  it('parses frames fed at every split point', () => {
    const msgs = [new Uint8Array([1, 2, 3]), new Uint8Array(300).fill(9), new Uint8Array(0)];
    const stream = new Uint8Array(msgs.map(encodeFrame).flatMap((f) => Array.from(f)));
    for (let cut = 0; cut <= stream.length; cut++) {
      const got: number[] = [];
      const r = new FrameReader();
      r.push(stream.subarray(0, cut), (m) => got.push(m.length));
      r.push(stream.subarray(cut), (m) => got.push(m.length));
      r.end();
      expect(got).toEqual([3, 300, 0]);
    }
  });

  it('refuses an oversized frame on its header alone, and a partial frame at end', () => {
    const r = new FrameReader(100);
    expect(() => r.push(new Uint8Array([0xe5, 0x00]), () => {})).toThrow(expect.objectContaining({ kind: 'frame-too-large' }));
    const t = new FrameReader();
    t.push(encodeFrame(new Uint8Array(10)).subarray(0, 8), () => {});
    expect(() => t.end()).toThrow(DecodeError);
  });
});

describe('int64 varints', () => {
  it.each([0, 1, -1, -2, 2 ** 31, -(2 ** 31), 1_700_000_000_000, -1_700_000_000_000, 2 ** 53 - 1, -(2 ** 53) + 1])('%d', (v) => {
    const bytes = new ProtoWriter().int64(v).finish();
    expect(new WireReader(bytes).int64()).toBe(v);
  });
});

describe('SAMPLES decoder', () => {
  it('decodes negative timestamps, a missing value (0) and native histogram samples into one timeline', () => {
    const label = (n: string, v: string) => new ProtoWriter().string(F.labelName, n).string(F.labelValue, v).finish();
    const sampleNoValue = new ProtoWriter().tag(F.sampleTimestamp, 0).int64(-15_000).finish();
    const ts = new ProtoWriter()
      .bytes(F.timeSeriesLabels, label('__name__', 'x'))
      .bytes(F.timeSeriesSamples, sampleNoValue)
      .bytes(F.timeSeriesHistograms, new Uint8Array([0x08, 0x01]))
      .finish();
    const qr = new ProtoWriter().bytes(F.queryResultTimeseries, ts).finish();
    const resp = new ProtoWriter().bytes(F.readResponseResults, qr).finish();
    const out = decodeReadResponse(resp, new ReadBudget(DEFAULT_READ_LIMITS));
    expect(out.results[0][0].labels).toEqual({ __name__: 'x' });
    // The histogram message is count_int = 1 and nothing else (timestamp 0).
    expect(Array.from(out.results[0][0].timestamps)).toEqual([-15_000, 0]);
    expect(out.results[0][0].values[0]).toBe(0);
    expect(out.results[0][0].histograms?.[0]).toBeNull();
    expect(out.results[0][0].histograms?.[1]).toMatchObject({ count: 1, sum: 0, schema: 0, zeroCount: 0 });
    expect(out.warnings).toEqual([]);
    // protobufjs agrees on the structure.
    const viaReflection = ReadResponseType.toObject(ReadResponseType.decode(resp)) as { results: { timeseries: unknown[] }[] };
    expect(viaReflection.results[0].timeseries).toHaveLength(1);
  });
});

// The read path's protobuf constants and hand-written ReadRequest encoder agree with the .proto as protobufjs
// parses it: every field number and enum value, and the request bytes, byte for byte.
import { describe, expect, it } from 'vitest';
import { ChunkEncodingNumber, F, MatcherTypeNumber, ResponseTypeNumber } from '@core/remote-read/proto/field-numbers';
import { ReadRequestType, schemaEnumValue, schemaFieldNumber } from '@core/remote-read/proto/schema';
import { buildReadRequest, encodeReadRequestProto } from '@core/remote-read/request-encoder';
import type { SelectorRequest } from '@core/series/types';

const FIELDS: Record<keyof typeof F, [string, string]> = {
  readResponseResults: ['ReadResponse', 'results'],
  queryResultTimeseries: ['QueryResult', 'timeseries'],
  timeSeriesLabels: ['TimeSeries', 'labels'],
  timeSeriesSamples: ['TimeSeries', 'samples'],
  timeSeriesHistograms: ['TimeSeries', 'histograms'],
  sampleValue: ['Sample', 'value'],
  sampleTimestamp: ['Sample', 'timestamp'],
  labelName: ['Label', 'name'],
  labelValue: ['Label', 'value'],
  chunkedResponseSeries: ['ChunkedReadResponse', 'chunked_series'],
  chunkedResponseQueryIndex: ['ChunkedReadResponse', 'query_index'],
  chunkedSeriesLabels: ['ChunkedSeries', 'labels'],
  chunkedSeriesChunks: ['ChunkedSeries', 'chunks'],
  chunkMinTime: ['Chunk', 'min_time_ms'],
  chunkMaxTime: ['Chunk', 'max_time_ms'],
  chunkType: ['Chunk', 'type'],
  chunkData: ['Chunk', 'data'],
  histCountInt: ['Histogram', 'count_int'],
  histCountFloat: ['Histogram', 'count_float'],
  histSum: ['Histogram', 'sum'],
  histSchema: ['Histogram', 'schema'],
  histZeroThreshold: ['Histogram', 'zero_threshold'],
  histZeroCountInt: ['Histogram', 'zero_count_int'],
  histZeroCountFloat: ['Histogram', 'zero_count_float'],
  histNegativeSpans: ['Histogram', 'negative_spans'],
  histNegativeDeltas: ['Histogram', 'negative_deltas'],
  histNegativeCounts: ['Histogram', 'negative_counts'],
  histPositiveSpans: ['Histogram', 'positive_spans'],
  histPositiveDeltas: ['Histogram', 'positive_deltas'],
  histPositiveCounts: ['Histogram', 'positive_counts'],
  histResetHint: ['Histogram', 'reset_hint'],
  histTimestamp: ['Histogram', 'timestamp'],
  histCustomValues: ['Histogram', 'custom_values'],
  spanOffset: ['BucketSpan', 'offset'],
  spanLength: ['BucketSpan', 'length'],
  readRequestQueries: ['ReadRequest', 'queries'],
  readRequestAcceptedResponseTypes: ['ReadRequest', 'accepted_response_types'],
  queryStartMs: ['Query', 'start_timestamp_ms'],
  queryEndMs: ['Query', 'end_timestamp_ms'],
  queryMatchers: ['Query', 'matchers'],
  queryHints: ['Query', 'hints'],
  matcherType: ['LabelMatcher', 'type'],
  matcherName: ['LabelMatcher', 'name'],
  matcherValue: ['LabelMatcher', 'value'],
  hintsStepMs: ['ReadHints', 'step_ms'],
  hintsFunc: ['ReadHints', 'func'],
  hintsStartMs: ['ReadHints', 'start_ms'],
  hintsEndMs: ['ReadHints', 'end_ms'],
  hintsGrouping: ['ReadHints', 'grouping'],
  hintsBy: ['ReadHints', 'by'],
  hintsRangeMs: ['ReadHints', 'range_ms'],
};

describe('remote_read field numbers', () => {
  it('every constant is the parsed schema’s number', () => {
    for (const [key, [type, field]] of Object.entries(FIELDS)) expect([key, F[key as keyof typeof F]]).toEqual([key, schemaFieldNumber(type, field)]);
    expect(Object.keys(F).sort()).toEqual(Object.keys(FIELDS).sort());
  });

  it('every enum value is the parsed schema’s', () => {
    for (const [k, v] of Object.entries(ResponseTypeNumber)) expect(v).toBe(schemaEnumValue('ReadRequest.ResponseType', k));
    for (const [k, v] of Object.entries(ChunkEncodingNumber)) expect(v).toBe(schemaEnumValue('Chunk.Encoding', k));
    const names = { '=': 'EQ', '!=': 'NEQ', '=~': 'RE', '!~': 'NRE' } as const;
    for (const [k, v] of Object.entries(MatcherTypeNumber)) expect(v).toBe(schemaEnumValue('LabelMatcher.Type', names[k as keyof typeof names]));
  });
});

describe('hand-written ReadRequest encoder', () => {
  const plain: SelectorRequest = { matchers: [{ type: '=', name: '__name__', value: 'up' }, { type: '!~', name: 'job', value: '' }], startMs: 1_700_000_000_000, endMs: 1_700_003_600_000 };
  const hinted: SelectorRequest = {
    matchers: [{ type: '=~', name: 'instance', value: 'höst-[0-9]+:9100' }],
    startMs: 0,
    endMs: 2 ** 50,
    hints: { startMs: -300_000, endMs: 5, stepMs: 60_000, func: 'rate', rangeMs: 300_000, grouping: ['instance', 'job'], by: true },
  };
  const bare: SelectorRequest = { matchers: [], startMs: -1, endMs: 0, hints: { startMs: 0, endMs: 0 } };
  const cases: [string, SelectorRequest[], ('SAMPLES' | 'STREAMED_XOR_CHUNKS')[] | undefined][] = [
    ['one query, default types', [plain], undefined],
    ['hints, unicode, 2^50, a negative hint start', [hinted, plain], ['SAMPLES']],
    ['empty matchers, zero hints, negative start', [bare], ['STREAMED_XOR_CHUNKS', 'SAMPLES']],
    ['no queries, no types', [], []],
  ];
  it.each(cases)('%s: byte for byte what protobufjs writes', (_, queries, accepted) => {
    const expected = ReadRequestType.encode(ReadRequestType.fromObject(buildReadRequest(queries, accepted))).finish();
    expect(Buffer.from(encodeReadRequestProto(queries, accepted)).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
  });
});

// Field numbers and enum values of the remote_read .proto (remote-read-proto.ts), as constants: the hand-written
// decoders and the request encoder need only these, so a read never loads protobufjs or parses the schema (a CLI's
// start-up). test/unit/remote-read/field-numbers.test.ts checks every one against the parsed schema.

/** Field numbers of the messages the streaming decoders walk by hand (to write samples straight into typed arrays). */
export const F = {
  readResponseResults: 1,
  queryResultTimeseries: 1,
  timeSeriesLabels: 1,
  timeSeriesSamples: 2,
  timeSeriesHistograms: 4,
  sampleValue: 1,
  sampleTimestamp: 2,
  labelName: 1,
  labelValue: 2,
  chunkedResponseSeries: 1,
  chunkedResponseQueryIndex: 2,
  chunkedSeriesLabels: 1,
  chunkedSeriesChunks: 2,
  chunkMinTime: 1,
  chunkMaxTime: 2,
  chunkType: 3,
  chunkData: 4,
  histCountInt: 1,
  histCountFloat: 2,
  histSum: 3,
  histSchema: 4,
  histZeroThreshold: 5,
  histZeroCountInt: 6,
  histZeroCountFloat: 7,
  histNegativeSpans: 8,
  histNegativeDeltas: 9,
  histNegativeCounts: 10,
  histPositiveSpans: 11,
  histPositiveDeltas: 12,
  histPositiveCounts: 13,
  histResetHint: 14,
  histTimestamp: 15,
  histCustomValues: 16,
  spanOffset: 1,
  spanLength: 2,
  // ReadRequest, Query, LabelMatcher and ReadHints: what request-encoder.ts writes.
  readRequestQueries: 1,
  readRequestAcceptedResponseTypes: 2,
  queryStartMs: 1,
  queryEndMs: 2,
  queryMatchers: 3,
  queryHints: 4,
  matcherType: 1,
  matcherName: 2,
  matcherValue: 3,
  hintsStepMs: 1,
  hintsFunc: 2,
  hintsStartMs: 3,
  hintsEndMs: 4,
  hintsGrouping: 5,
  hintsBy: 6,
  hintsRangeMs: 7,
} as const;

export const ResponseTypeNumber = {
  SAMPLES: 0,
  STREAMED_XOR_CHUNKS: 1,
} as const;

export const ChunkEncodingNumber = {
  UNKNOWN: 0,
  XOR: 1,
  HISTOGRAM: 2,
  FLOAT_HISTOGRAM: 3,
} as const;

export const MatcherTypeNumber = {
  '=': 0,
  '!=': 1,
  '=~': 2,
  '!~': 3,
} as const;

export function chunkEncodingName(n: number): string {
  for (const [k, v] of Object.entries(ChunkEncodingNumber)) if (v === n) return k;
  return `encoding ${n}`;
}

export const CONTENT_TYPE_PROTOBUF = 'application/x-protobuf';
export const CONTENT_TYPE_STREAMED = 'application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse';
export const REMOTE_READ_VERSION = '0.1.0';

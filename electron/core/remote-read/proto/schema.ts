// The parsed remote_read schema (protobufjs reflection) and the field numbers the hand-written hot-path decoders use.
// Field numbers are read from the parsed schema, so the .proto text stays the single source of truth.
import protobuf from 'protobufjs';
import { REMOTE_READ_PROTO } from './remote-read-proto';

// keepCase: field names stay as in the schema (start_timestamp_ms), not camelCased.
const root = protobuf.parse(REMOTE_READ_PROTO, { keepCase: true }).root;

function type(name: string): protobuf.Type {
  return root.lookupType(`prometheus.${name}`);
}

export const ReadRequestType = type('ReadRequest');
export const ReadResponseType = type('ReadResponse');
export const ChunkedReadResponseType = type('ChunkedReadResponse');
export const QueryResultType = type('QueryResult');
export const TimeSeriesType = type('TimeSeries');

function field(typeName: string, fieldName: string): number {
  const f = type(typeName).fields[fieldName];
  if (!f) throw new Error(`remote_read schema lacks ${typeName}.${fieldName}`);
  return f.id;
}

function enumValue(path: string, name: string): number {
  const v = root.lookupEnum(`prometheus.${path}`).values[name];
  if (v === undefined) throw new Error(`remote_read schema lacks ${path}.${name}`);
  return v;
}

/** Field numbers of the messages the streaming decoders walk by hand (to write samples straight into typed arrays). */
export const F = {
  readResponseResults: field('ReadResponse', 'results'),
  queryResultTimeseries: field('QueryResult', 'timeseries'),
  timeSeriesLabels: field('TimeSeries', 'labels'),
  timeSeriesSamples: field('TimeSeries', 'samples'),
  timeSeriesHistograms: field('TimeSeries', 'histograms'),
  sampleValue: field('Sample', 'value'),
  sampleTimestamp: field('Sample', 'timestamp'),
  labelName: field('Label', 'name'),
  labelValue: field('Label', 'value'),
  chunkedResponseSeries: field('ChunkedReadResponse', 'chunked_series'),
  chunkedResponseQueryIndex: field('ChunkedReadResponse', 'query_index'),
  chunkedSeriesLabels: field('ChunkedSeries', 'labels'),
  chunkedSeriesChunks: field('ChunkedSeries', 'chunks'),
  chunkMinTime: field('Chunk', 'min_time_ms'),
  chunkMaxTime: field('Chunk', 'max_time_ms'),
  chunkType: field('Chunk', 'type'),
  chunkData: field('Chunk', 'data'),
  histCountInt: field('Histogram', 'count_int'),
  histCountFloat: field('Histogram', 'count_float'),
  histSum: field('Histogram', 'sum'),
  histSchema: field('Histogram', 'schema'),
  histZeroThreshold: field('Histogram', 'zero_threshold'),
  histZeroCountInt: field('Histogram', 'zero_count_int'),
  histZeroCountFloat: field('Histogram', 'zero_count_float'),
  histNegativeSpans: field('Histogram', 'negative_spans'),
  histNegativeDeltas: field('Histogram', 'negative_deltas'),
  histNegativeCounts: field('Histogram', 'negative_counts'),
  histPositiveSpans: field('Histogram', 'positive_spans'),
  histPositiveDeltas: field('Histogram', 'positive_deltas'),
  histPositiveCounts: field('Histogram', 'positive_counts'),
  histResetHint: field('Histogram', 'reset_hint'),
  histTimestamp: field('Histogram', 'timestamp'),
  histCustomValues: field('Histogram', 'custom_values'),
  spanOffset: field('BucketSpan', 'offset'),
  spanLength: field('BucketSpan', 'length'),
} as const;

export const ResponseTypeNumber = {
  SAMPLES: enumValue('ReadRequest.ResponseType', 'SAMPLES'),
  STREAMED_XOR_CHUNKS: enumValue('ReadRequest.ResponseType', 'STREAMED_XOR_CHUNKS'),
} as const;

export const ChunkEncodingNumber = {
  UNKNOWN: enumValue('Chunk.Encoding', 'UNKNOWN'),
  XOR: enumValue('Chunk.Encoding', 'XOR'),
  HISTOGRAM: enumValue('Chunk.Encoding', 'HISTOGRAM'),
  FLOAT_HISTOGRAM: enumValue('Chunk.Encoding', 'FLOAT_HISTOGRAM'),
} as const;

export const MatcherTypeNumber = {
  '=': enumValue('LabelMatcher.Type', 'EQ'),
  '!=': enumValue('LabelMatcher.Type', 'NEQ'),
  '=~': enumValue('LabelMatcher.Type', 'RE'),
  '!~': enumValue('LabelMatcher.Type', 'NRE'),
} as const;

export function chunkEncodingName(n: number): string {
  for (const [k, v] of Object.entries(ChunkEncodingNumber)) if (v === n) return k;
  return `encoding ${n}`;
}

export const CONTENT_TYPE_PROTOBUF = 'application/x-protobuf';
export const CONTENT_TYPE_STREAMED = 'application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse';
export const REMOTE_READ_VERSION = '0.1.0';

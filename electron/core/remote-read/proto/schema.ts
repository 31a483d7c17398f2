// The parsed remote_read schema (protobufjs reflection), for the in-repo server and tests. The client's read path
// uses the constants of field-numbers.ts instead (re-exported here), checked against this schema in a unit test.
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

export { CONTENT_TYPE_PROTOBUF, CONTENT_TYPE_STREAMED, ChunkEncodingNumber, F, MatcherTypeNumber, REMOTE_READ_VERSION, ResponseTypeNumber, chunkEncodingName } from './field-numbers';

/** The number of `typeName.fieldName` in the parsed schema (the field-numbers test). */
export function schemaFieldNumber(typeName: string, fieldName: string): number {
  const f = type(typeName).fields[fieldName];
  if (!f) throw new Error(`remote_read schema lacks ${typeName}.${fieldName}`);
  return f.id;
}

/** The value of `name` in the enum at `path` (e.g. 'Chunk.Encoding'), from the parsed schema. */
export function schemaEnumValue(path: string, name: string): number {
  const v = root.lookupEnum(`prometheus.${path}`).values[name];
  if (v === undefined) throw new Error(`remote_read schema lacks ${path}.${name}`);
  return v;
}

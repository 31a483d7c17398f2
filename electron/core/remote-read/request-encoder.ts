// Builds the body of a remote_read POST: a prometheus.ReadRequest (protobufjs, schema field names) holding every
// query of the read, snappy block-compressed. Pure: no I/O, no secrets.
import snappy from 'snappyjs';
import type { SelectorRequest } from '@core/series/types';
import type { ResponseType } from './endpoint-config';
import { MatcherTypeNumber, ReadRequestType, ResponseTypeNumber } from './proto/schema';

export const DEFAULT_ACCEPTED_RESPONSE_TYPES: readonly ResponseType[] = ['STREAMED_XOR_CHUNKS', 'SAMPLES'];

/** The ReadRequest as a plain object with the schema's field names (what protobufjs encodes). */
export function buildReadRequest(
  queries: readonly SelectorRequest[],
  accepted: readonly ResponseType[] = DEFAULT_ACCEPTED_RESPONSE_TYPES,
): Record<string, unknown> {
  return {
    queries: queries.map((q) => ({
      start_timestamp_ms: q.startMs,
      end_timestamp_ms: q.endMs,
      matchers: q.matchers.map((m) => ({ type: MatcherTypeNumber[m.type], name: m.name, value: m.value })),
      ...(q.hints
        ? {
            hints: {
              start_ms: q.hints.startMs,
              end_ms: q.hints.endMs,
              step_ms: q.hints.stepMs ?? 0,
              func: q.hints.func ?? '',
              range_ms: q.hints.rangeMs ?? 0,
              grouping: [...(q.hints.grouping ?? [])],
              by: q.hints.by ?? false,
            },
          }
        : {}),
    })),
    accepted_response_types: accepted.map((t) => ResponseTypeNumber[t]),
  };
}

/** Protobuf-encode (uncompressed). */
export function encodeReadRequestProto(queries: readonly SelectorRequest[], accepted?: readonly ResponseType[]): Uint8Array {
  const msg = ReadRequestType.fromObject(buildReadRequest(queries, accepted));
  return ReadRequestType.encode(msg).finish();
}

/** The POST body: snappy block format of the encoded ReadRequest. */
export function encodeReadRequest(queries: readonly SelectorRequest[], accepted?: readonly ResponseType[]): Uint8Array {
  return snappy.compress(encodeReadRequestProto(queries, accepted));
}

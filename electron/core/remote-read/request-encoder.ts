// Builds the body of a remote_read POST: a prometheus.ReadRequest holding every query of the read, snappy
// block-compressed. Encoded by hand from the .proto's field numbers (no protobufjs on a read's path), byte for byte
// what protobufjs writes for buildReadRequest's object (test/unit/remote-read/field-numbers.test.ts). Pure.
import snappy from 'snappyjs';
import type { SelectorRequest } from '@core/series/types';
import type { ResponseType } from './endpoint-config';
import { F, MatcherTypeNumber, ResponseTypeNumber } from './proto/field-numbers';
import { ProtoWriter } from './proto/proto-writer';

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

/** Protobuf-encode (uncompressed): buildReadRequest's fields in field-number order (proto3: defaults left out). */
export function encodeReadRequestProto(
  queries: readonly SelectorRequest[],
  accepted: readonly ResponseType[] = DEFAULT_ACCEPTED_RESPONSE_TYPES,
): Uint8Array {
  const w = new ProtoWriter();
  for (const q of queries) {
    w.message(F.readRequestQueries, () => {
      w.int64(F.queryStartMs, q.startMs);
      w.int64(F.queryEndMs, q.endMs);
      for (const m of q.matchers) {
        w.message(F.queryMatchers, () => {
          w.int64(F.matcherType, MatcherTypeNumber[m.type]);
          w.string(F.matcherName, m.name);
          w.string(F.matcherValue, m.value);
        });
      }
      const h = q.hints;
      if (h) {
        w.message(F.queryHints, () => {
          w.int64(F.hintsStepMs, h.stepMs ?? 0);
          w.string(F.hintsFunc, h.func ?? '');
          w.int64(F.hintsStartMs, h.startMs);
          w.int64(F.hintsEndMs, h.endMs);
          for (const g of h.grouping ?? []) w.string(F.hintsGrouping, g);
          w.int64(F.hintsBy, h.by ? 1 : 0);
          w.int64(F.hintsRangeMs, h.rangeMs ?? 0);
        });
      }
    });
  }
  // proto3 packs repeated enums.
  if (accepted.length) w.packedVarints(F.readRequestAcceptedResponseTypes, accepted.map((t) => ResponseTypeNumber[t]));
  return w.finish();
}

/** The POST body: snappy block format of the encoded ReadRequest. */
export function encodeReadRequest(queries: readonly SelectorRequest[], accepted?: readonly ResponseType[]): Uint8Array {
  return snappy.compress(encodeReadRequestProto(queries, accepted));
}

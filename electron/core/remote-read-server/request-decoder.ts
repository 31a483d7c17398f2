// Decodes an incoming remote_read POST body (snappy + prometheus.ReadRequest via protobufjs) into selector
// requests (with their read hints) and the accepted response types. Server side only; throws on malformed requests.
import type { ResponseType } from '@core/remote-read/endpoint-config';
import { MatcherTypeNumber, ReadRequestType, ResponseTypeNumber } from '@core/remote-read/proto/schema';
import { snappyUncompress } from '@core/remote-read/snappy-block';
import type { LabelMatcher, MatchType, SelectHints, SelectorRequest } from '@core/series/types';

export interface DecodedReadRequest {
  queries: SelectorRequest[];
  accepted: ResponseType[];
}

const MATCH_TYPE_BY_NUMBER = new Map<number, MatchType>(
  Object.entries(MatcherTypeNumber).map(([k, v]) => [v, k as MatchType]),
);

function num(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  return Number((v as { toString(): string }).toString());
}

export function decodeReadRequest(body: Uint8Array, maxBytes = 32 * 1024 * 1024): DecodedReadRequest {
  const raw = snappyUncompress(body, maxBytes);
  const msg = ReadRequestType.toObject(ReadRequestType.decode(raw), { defaults: true }) as {
    queries: Array<{
      start_timestamp_ms: unknown;
      end_timestamp_ms: unknown;
      matchers: Array<{ type: number; name: string; value: string }>;
      hints?: {
        start_ms: unknown;
        end_ms: unknown;
        step_ms: unknown;
        func: string;
        range_ms: unknown;
        grouping: string[];
        by: boolean;
      } | null;
    }>;
    accepted_response_types: number[];
  };
  const queries = msg.queries.map((q): SelectorRequest => {
    const out = {
      startMs: num(q.start_timestamp_ms),
      endMs: num(q.end_timestamp_ms),
      matchers: q.matchers.map(
        (m): LabelMatcher => ({ type: MATCH_TYPE_BY_NUMBER.get(m.type) ?? '=', name: m.name, value: m.value }),
      ),
    };
    const h = q.hints;
    if (!h) return out;
    // Every field as it is on the wire (proto3 defaults filled in), so two senders' hints compare field by field.
    const hints: SelectHints = {
      startMs: num(h.start_ms),
      endMs: num(h.end_ms),
      stepMs: num(h.step_ms),
      func: h.func ?? '',
      rangeMs: num(h.range_ms),
      grouping: [...(h.grouping ?? [])],
      by: !!h.by,
    };
    return { ...out, hints };
  });
  const accepted = msg.accepted_response_types.map((t): ResponseType =>
    t === ResponseTypeNumber.STREAMED_XOR_CHUNKS ? 'STREAMED_XOR_CHUNKS' : 'SAMPLES',
  );
  return { queries, accepted };
}

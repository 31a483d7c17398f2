// The core's implementation of the API contract: one handler per call. Electron main and the loopback bridge both
// serve exactly this object; only how bytes travel differs.
import type { PayloadOf, RequestOf, ResponseOf } from '@shared/api/define';
import type { CallName, Calls, EventName, Events } from '@shared/api/contract';

export interface CallContext {
  /** Aborted when the caller goes away (window closed, HTTP client disconnected). */
  signal?: AbortSignal;
}

export type ApiHandlers = {
  [K in CallName]: (request: RequestOf<Calls[K]>, ctx: CallContext) => Promise<ResponseOf<Calls[K]>>;
};

export type EventSink = <E extends EventName>(name: E, payload: PayloadOf<Events[E]>) => void;

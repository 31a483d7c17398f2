// The typed shape of `window.api`, derived from the contract. Calls answer with an ApiResult envelope (errors keep
// their kind across IPC); `renderer/src/lib/api.ts` unwraps it for components.
import type { ApiResult, PayloadOf, RequestOf, ResponseOf } from './define';
import type { CallName, Calls, EventName, Events } from './contract';

export type RawApi = {
  [K in CallName]: (request: RequestOf<Calls[K]>) => Promise<ApiResult<ResponseOf<Calls[K]>>>;
} & {
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<Events[E]>) => void): () => void;
};

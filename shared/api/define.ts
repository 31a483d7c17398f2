// Building blocks of the API contract: a call has a request schema (validated at runtime on the main side) and a
// response type (trusted, typed only); an event has a payload type. Channel names derive from the keys — written once.
import type { Infer, Schema } from '../schema';
import type { MemoryBudgetInfo } from './query-types';

export interface CallSpec<Req, Res> {
  readonly request: Schema<Req>;
  /** Phantom: the response type. */
  readonly _response?: Res;
}

export interface EventSpec<P> {
  readonly _payload?: P;
}

/** `call(requestSchema).returns<Response>()` */
export function call<S extends Schema<unknown>>(request: S): { returns<Res>(): CallSpec<Infer<S>, Res> } {
  return { returns: <Res>() => ({ request }) as CallSpec<Infer<S>, Res> };
}

export function event<P>(): EventSpec<P> {
  return {};
}

export type RequestOf<C> = C extends CallSpec<infer Req, unknown> ? Req : never;
export type ResponseOf<C> = C extends CallSpec<unknown, infer Res> ? Res : never;
export type PayloadOf<E> = E extends EventSpec<infer P> ? P : never;

/** The error shape every call can answer with: a kind for code, a sentence for people, the field for forms. */
export interface ApiError {
  kind: string;
  message: string;
  /** Dotted path of the offending request field, for validation errors. */
  field?: string;
  /** kind "memory-budget": which budget, and what pulled the most (the app's remedies use it). */
  memoryBudget?: MemoryBudgetInfo;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const IPC_CALL_PREFIX = 'rrx:call:';
export const IPC_EVENT_CHANNEL = 'rrx:event';

// The renderer's only door to the app: `window.api` (preload in Electron, bridge client in a browser), with
// results unwrapped — failures throw ApiCallError carrying the error's kind and field.
import type { CallName, Calls, EventName, Events } from '@shared/api/contract';
import type { ApiError, PayloadOf, RequestOf, ResponseOf } from '@shared/api/define';
import type { RawApi } from '@shared/api/surface';
import { bridgeToken, createBridgeApi } from './bridge-client';

declare global {
  interface Window {
    api?: RawApi;
  }
}

export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  readonly kind: string;
  readonly field?: string;
  /** Set when a query crossed a memory budget (kind "memory-budget"). */
  readonly memoryBudget?: ApiError['memoryBudget'];
  constructor(err: ApiError) {
    super(err.message);
    this.kind = err.kind;
    this.field = err.field;
    this.memoryBudget = err.memoryBudget;
  }
}

function rawApi(): RawApi {
  if (window.api) return window.api;
  const token = bridgeToken();
  if (!token) throw new ApiCallError({ kind: 'no-backend', message: 'No app backend: open the URL that "npm run serve" printed, including its token.' });
  window.api = createBridgeApi(token);
  return window.api;
}

export async function callApi<K extends CallName>(name: K, request: RequestOf<Calls[K]>): Promise<ResponseOf<Calls[K]>> {
  const fn = rawApi()[name] as (req: RequestOf<Calls[K]>) => Promise<import('@shared/api/define').ApiResult<ResponseOf<Calls[K]>>>;
  const result = await fn(request);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}

export function onApiEvent<E extends EventName>(name: E, listener: (payload: PayloadOf<Events[E]>) => void): () => void {
  return rawApi().on(name, listener);
}

// `window.api` for browser mode: the same RawApi surface as the preload, spoken over the loopback bridge's HTTP
// (calls) and SSE (events) with the per-run token from the page URL.
import { CALL_NAMES, EVENT_NAMES, type EventName } from '@shared/api/contract';
import type { ApiResult } from '@shared/api/define';
import type { RawApi } from '@shared/api/surface';
import { decodeWire, encodeWire } from '@shared/api/wire';
import { callViaWorker } from './wire-decode';

const TOKEN_KEY = 'rrx.bridge.token';

/** Reads the token from ?token= once, keeps it for reloads in this tab, and removes it from the address bar. */
export function bridgeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function createBridgeApi(token: string): RawApi {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    api[name] = async (request: unknown): Promise<ApiResult<unknown>> => {
      const outcome = await callViaWorker<ApiResult<unknown>>({
        url: `/api/call/${encodeURIComponent(name)}`,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: encodeWire(request ?? null),
      });
      if (outcome.ok) return outcome.value;
      return outcome.failure === 'unreachable'
        ? { ok: false, error: { kind: 'bridge-unreachable', message: `The app server is not reachable: ${outcome.message}` } }
        : { ok: false, error: { kind: 'bridge-protocol', message: `The app server answered ${outcome.message}.` } };
    };
  }
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let source: EventSource | undefined;
  api.on = (name: EventName, listener: (payload: unknown) => void) => {
    if (!EVENT_NAMES.includes(name)) throw new Error(`unknown event "${String(name)}"`);
    if (!source) {
      source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (ev) => {
        const msg = decodeWire<{ name: string; payload: unknown }>(ev.data as string);
        listeners.get(msg.name)?.forEach((l) => l(msg.payload));
      };
    }
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  };
  return api as RawApi;
}

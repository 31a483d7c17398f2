// One request's deadline and the caller's cancellation folded into a single AbortSignal for the exchange, remembering
// which of the two fired (a timeout and a cancel are different errors). `dispose()` clears the timer and the
// listener on the caller's signal, so long-lived signals (serve-api's, the app's) gain nothing per request.
export interface RequestDeadline {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** True once the deadline (not the caller) aborted the request. */
  timedOut(): boolean;
  dispose(): void;
}

export function requestDeadline(timeoutMs: number, callerSignal?: AbortSignal): RequestDeadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  if (callerSignal?.aborted) controller.abort();
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    timeoutMs,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

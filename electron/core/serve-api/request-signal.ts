// The abort signal of one API request: the server shutting down, the client hanging up, or the `timeout`
// parameter running out. In a worker thread the real signal terminates the evaluation; evaluated inline (no
// worker configured: tests), timers never fire during it, so the engine gets a view of the same signal that also
// reads the clock (its checks in every long loop then see the deadline).

export interface RequestSignal {
  /** For the fan-out: a real AbortSignal (timers fire while reads are awaited). */
  signal: AbortSignal;
  /** For the evaluator: aborted as soon as the deadline has passed, even inside synchronous work. */
  evalSignal: AbortSignal;
  dispose(): void;
}

function timeoutReason(): Error {
  return new DOMException('The query timed out.', 'TimeoutError');
}

export function requestSignal(parents: readonly AbortSignal[], timeoutMs: number | undefined, now: () => number = Date.now): RequestSignal {
  const controller = new AbortController();
  const abort = (reason: unknown): void => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const listeners: (() => void)[] = [];
  for (const p of parents) {
    if (p.aborted) abort(p.reason);
    const on = (): void => abort(p.reason);
    p.addEventListener('abort', on, { once: true });
    listeners.push(() => p.removeEventListener('abort', on));
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = timeoutMs !== undefined ? now() + timeoutMs : Infinity;
  if (timeoutMs !== undefined) timer = setTimeout(() => abort(timeoutReason()), Math.max(0, timeoutMs));
  const signal = controller.signal;

  const evalSignal = Object.create(signal, {
    aborted: {
      get: (): boolean => {
        if (!signal.aborted && now() >= deadline) abort(timeoutReason());
        return signal.aborted;
      },
    },
    reason: { get: (): unknown => signal.reason },
    // Listeners live on the real signal (the view fails AbortSignal's own brand checks).
    addEventListener: { value: signal.addEventListener.bind(signal) },
    removeEventListener: { value: signal.removeEventListener.bind(signal) },
    throwIfAborted: {
      value: (): void => {
        if (evalSignal.aborted) throw signal.reason;
      },
    },
  }) as AbortSignal;

  return {
    signal,
    evalSignal,
    dispose() {
      clearTimeout(timer);
      for (const off of listeners) off();
    },
  };
}

// Heavy chart preparation (alignment, envelopes) is written once, as a generator that yields between pieces of
// work; these run it to the end in one go, or a time budget at a time with the event loop in between.

/** Hands control back to the event loop (input, paint) between chunks of heavy work. */
export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface StepOptions {
  /** Main-thread time a chunk may take before yielding. */
  budgetMs?: number;
  /** Abandons the work at the next yield (rejects with an AbortError "superseded"). */
  signal?: AbortSignal;
  now?: () => number;
}

export async function runStepsAsync<T>(steps: Generator<void, T>, opts: StepOptions & { budgetMs: number }): Promise<T> {
  const now = opts.now ?? (() => performance.now());
  let chunkStart = now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (now() - chunkStart > opts.budgetMs) {
      await yieldToMain();
      if (opts.signal?.aborted) throw new DOMException('superseded', 'AbortError');
      chunkStart = now();
    }
  }
}

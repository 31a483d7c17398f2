// Bounded concurrency per node: at most N remote_read requests in flight to one endpoint, however many panels or
// API clients ask at once, so a busy collector is not hammered by the app.
export class NodeLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly perNode = 4) {}

  async run<T>(key: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(key, signal);
    try {
      return await fn();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string, signal?: AbortSignal): Promise<void> {
    const n = this.active.get(key) ?? 0;
    if (n < this.perNode) {
      this.active.set(key, n + 1);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const q = this.waiting.get(key) ?? [];
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.active.set(key, (this.active.get(key) ?? 0) + 1);
        resolve();
      };
      const onAbort = (): void => {
        const i = q.indexOf(grant);
        if (i >= 0) q.splice(i, 1);
        reject(signal?.reason ?? new Error('cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      q.push(grant);
      this.waiting.set(key, q);
    });
  }

  private release(key: string): void {
    this.active.set(key, (this.active.get(key) ?? 1) - 1);
    const next = this.waiting.get(key)?.shift();
    if (next) next();
  }
}

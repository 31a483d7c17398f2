// The memory budget of a query, and of the process as a whole: an object readers charge as they decode raw samples
// and release as they let them go (the non-streaming path when its query ends, a streaming path as it folds series).
// Crossing a budget aborts the query's signal at once, so every in-flight read stops, and throws a typed error
// naming the budget and the selector that pulled the most. Never allocates per sample: callers charge per chunk.
import { BYTES_PER_SAMPLE, formatBytes, formatCount } from './sizes';

export type BudgetScope = 'query' | 'process';

/** What one selector pulled from one source (a node) under a budget. */
export interface SelectorPull {
  selector: string;
  sources: { source: string; samples: number }[];
  samples: number;
  bytes: number;
}

/** The sentence the CLI, serve-api and the app show; fields for the app's actions. */
export class MemoryBudgetError extends Error {
  override readonly name = 'MemoryBudgetError';
  readonly kind = 'memory-budget';
  constructor(
    readonly scope: BudgetScope,
    /** The budget that was crossed (bytes). */
    readonly limitBytes: number,
    /** Bytes this query held when it stopped. */
    readonly heldBytes: number,
    readonly top: SelectorPull | undefined,
    /** How to raise the budget, in the words of where the query came from ("raise --max-memory"). */
    readonly raiseHint: string,
    /** For the process scope: queries running then, and the bytes they held together. */
    readonly process?: { queries: number; heldBytes: number },
    /** The most a query may get where it ran: the process budget in a pooled process, else its own limit. */
    readonly ceilingBytes = limitBytes,
  ) {
    super(describe(scope, limitBytes, top, raiseHint, process));
  }
  toUserMessage(): string {
    return this.message;
  }
}

export function isMemoryBudgetError(e: unknown): e is MemoryBudgetError {
  return e instanceof MemoryBudgetError;
}

function describe(scope: BudgetScope, limit: number, top: SelectorPull | undefined, raise: string, p?: { queries: number; heldBytes: number }): string {
  const pulled = top ? `; \`${top.selector}\` alone pulled ${formatCount(top.samples)} samples from ${sourcesText(top)} before it stopped` : '';
  if (scope === 'process') {
    const running = p ? ` (${p.queries} ${p.queries === 1 ? 'query' : 'queries'} running held ${formatBytes(p.heldBytes)})` : '';
    return `the queries running at once need more than the process memory budget of ${formatBytes(limit)}${running}${pulled} — retry when fewer queries run, narrow the range, ${raise}, or push the query down`;
  }
  return `the query needs more than the memory budget of ${formatBytes(limit)}${pulled} — narrow the range, ${raise}, or push the query down`;
}

function sourcesText(top: SelectorPull): string {
  const names = [...top.sources].sort((a, b) => b.samples - a.samples).map((s) => s.source);
  return names.length <= 1 ? (names[0] ?? 'its nodes') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What one reader charges: one selector from one source. Cheap enough to call per decoded chunk. */
export class MemoryAccount {
  samples = 0;
  bytes = 0;
  constructor(
    private readonly budget: QueryMemoryBudget,
    readonly selector: string,
    readonly source: string,
  ) {}

  /** Hold `samples` more samples (BYTES_PER_SAMPLE each) plus `extraBytes` (histograms' buckets); throws past the budget. */
  charge(samples: number, extraBytes = 0): void {
    const bytes = samples * BYTES_PER_SAMPLE + extraBytes;
    this.samples += samples;
    this.bytes += bytes;
    this.budget.charge(bytes);
  }

  /** Let go of bytes this account held (a streaming fold released a series' raw samples). */
  release(bytes: number): void {
    const n = Math.min(bytes, this.bytes);
    this.bytes -= n;
    this.budget.release(n);
  }
}

export interface QueryBudgetOptions {
  limitBytes: number;
  /** The process's pool this query also charges (the app, serve-api); none for a one-query CLI process. */
  pool?: ProcessMemoryBudget;
  /** How the user raises the budget where this query came from (default "raise --max-memory"). */
  raiseHint?: string;
}

export class QueryMemoryBudget {
  readonly limitBytes: number;
  private held = 0;
  private peak = 0;
  private readonly accounts: MemoryAccount[] = [];
  private readonly controller = new AbortController();
  private failure: MemoryBudgetError | undefined;
  private closed = false;

  constructor(private readonly opts: QueryBudgetOptions) {
    this.limitBytes = opts.limitBytes;
    opts.pool?.attach(this);
  }

  /** Aborted the moment the budget is crossed: give it to every read of the query. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }
  get heldBytes(): number {
    return this.held;
  }
  get peakBytes(): number {
    return this.peak;
  }
  /** Set once the budget was crossed; the query must fail with it (not with the reads' "cancelled"). */
  get error(): MemoryBudgetError | undefined {
    return this.failure;
  }

  /** An account for one selector read from one source; charges made through it name them in the error. */
  account(selector: string, source: string): MemoryAccount {
    const a = new MemoryAccount(this, selector, source);
    this.accounts.push(a);
    return a;
  }

  charge(bytes: number): void {
    if (this.failure) throw this.failure;
    this.held += bytes;
    if (this.held > this.peak) this.peak = this.held;
    const pool = this.opts.pool;
    if (pool && !this.closed) pool.charge(bytes);
    if (this.held > this.limitBytes) this.fail('query');
    if (pool && pool.heldBytes > pool.limitBytes) this.fail('process');
  }

  release(bytes: number): void {
    const n = Math.min(bytes, this.held);
    this.held -= n;
    if (!this.closed) this.opts.pool?.release(n);
  }

  /** The selector that pulled the most samples so far (over all its sources). */
  topSelector(): SelectorPull | undefined {
    const bySelector = new Map<string, SelectorPull>();
    for (const a of this.accounts) {
      if (a.samples === 0) continue;
      let p = bySelector.get(a.selector);
      if (!p) bySelector.set(a.selector, (p = { selector: a.selector, sources: [], samples: 0, bytes: 0 }));
      p.samples += a.samples;
      p.bytes += a.bytes;
      const s = p.sources.find((x) => x.source === a.source);
      if (s) s.samples += a.samples;
      else p.sources.push({ source: a.source, samples: a.samples });
    }
    let top: SelectorPull | undefined;
    for (const p of bySelector.values()) if (!top || p.samples > top.samples) top = p;
    return top;
  }

  /** The query ended: everything it held goes back to the process pool. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.opts.pool?.detach(this, this.held);
  }

  private fail(scope: BudgetScope): never {
    const pool = this.opts.pool;
    const limit = scope === 'process' && pool ? pool.limitBytes : this.limitBytes;
    const proc = scope === 'process' && pool ? { queries: pool.queries, heldBytes: pool.heldBytes } : undefined;
    const raise = scope === 'process' && pool ? pool.raiseHint : (this.opts.raiseHint ?? 'raise --max-memory');
    this.failure = new MemoryBudgetError(scope, limit, this.held, this.topSelector(), raise, proc, pool ? pool.limitBytes : this.limitBytes);
    // Stop every read of this query now, and give its bytes back so the other queries can go on.
    this.close();
    this.controller.abort(this.failure);
    throw this.failure;
  }
}

/** The budget of a whole process (the app, serve-api): the sum of what its running queries hold. */
export class ProcessMemoryBudget {
  private held = 0;
  private readonly running = new Set<QueryMemoryBudget>();

  constructor(
    readonly limitBytes: number,
    /** How the user raises the process budget (serve-api: "raise --max-memory-total"). */
    readonly raiseHint = 'raise --max-memory',
  ) {}

  get heldBytes(): number {
    return this.held;
  }
  get queries(): number {
    return this.running.size;
  }

  /** A budget for one query, charging this pool too; close() it when the query ends. */
  open(queryLimitBytes: number, raiseHint?: string): QueryMemoryBudget {
    return new QueryMemoryBudget({ limitBytes: Math.min(queryLimitBytes, this.limitBytes), pool: this, raiseHint });
  }

  /** @internal the query budget's side of the pool. */
  attach(q: QueryMemoryBudget): void {
    this.running.add(q);
  }
  /** @internal */
  detach(q: QueryMemoryBudget, heldBytes: number): void {
    if (this.running.delete(q)) this.held = Math.max(0, this.held - heldBytes);
  }
  /** @internal */
  charge(bytes: number): void {
    this.held += bytes;
  }
  /** @internal */
  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }
}

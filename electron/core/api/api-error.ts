// Errors at the API boundary: every failure becomes an ApiError {kind, message, field?} once, here. Typed core
// errors supply their own kind and sentence; anything unexpected becomes "internal" without a stack.
import type { ApiError } from '@shared/api/define';
import { MemoryBudgetError } from '@core/memory/budget';

export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly kind: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiCallError) return { kind: e.kind, message: e.message, ...(e.field ? { field: e.field } : {}) };
  if (e instanceof MemoryBudgetError) {
    const top = e.top;
    return {
      kind: e.kind,
      message: e.message,
      memoryBudget: {
        scope: e.scope,
        limitBytes: e.limitBytes,
        ceilingBytes: e.ceilingBytes,
        ...(top ? { selector: top.selector, samples: top.samples, nodes: top.sources.map((s) => s.source) } : {}),
      },
    };
  }
  if (e && typeof e === 'object') {
    const o = e as { kind?: unknown; toUserMessage?: () => string; message?: unknown; name?: unknown };
    const message = typeof o.toUserMessage === 'function' ? o.toUserMessage() : typeof o.message === 'string' ? o.message : String(e);
    const kind = typeof o.kind === 'string' ? o.kind : typeof o.name === 'string' && o.name !== 'Error' ? o.name : 'internal';
    return { kind, message };
  }
  return { kind: 'internal', message: String(e) };
}

// One entry for every transport: look up the call, validate the request against the contract, run the handler,
// wrap the outcome in an ApiResult. Never throws — a bad request from a renderer must not crash main.
import { CALLS, type CallName } from '@shared/api/contract';
import type { ApiResult } from '@shared/api/define';
import { describeIssues } from '@shared/schema';
import { toApiError } from './api-error';
import type { ApiHandlers, CallContext } from './handlers';

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(CALLS, name);
}

export async function dispatchCall(handlers: ApiHandlers, name: string, request: unknown, ctx: CallContext = {}): Promise<ApiResult<unknown>> {
  if (!isCallName(name)) return { ok: false, error: { kind: 'unknown-call', message: `There is no API call named "${name}".` } };
  const issues = CALLS[name].request.check(request, '');
  if (issues.length) {
    return { ok: false, error: { kind: 'invalid-request', message: `Invalid request for ${name}: ${describeIssues(issues)}.`, field: issues[0].path } };
  }
  try {
    const handler = handlers[name] as (req: unknown, ctx: CallContext) => Promise<unknown>;
    return { ok: true, value: await handler(request, ctx) };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}

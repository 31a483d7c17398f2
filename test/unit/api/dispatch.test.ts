import { describe, expect, it } from 'vitest';
import { dispatchCall } from '@core/api/dispatch';
import { ApiCallError } from '@core/api/api-error';
import type { ApiHandlers } from '@core/api/handlers';

const base = { 'app.info': async () => ({ name: 'x', version: '1', mode: 'bridge', versions: { node: '20' }, platform: 'linux' }) } as unknown as ApiHandlers;

describe('dispatchCall', () => {
  it('answers a valid call', async () => {
    expect(await dispatchCall(base, 'app.info', undefined)).toMatchObject({ ok: true, value: { name: 'x' } });
  });
  it('turns unknown calls, bad requests and thrown errors into typed errors without throwing', async () => {
    expect(await dispatchCall(base, 'nope', undefined)).toMatchObject({ ok: false, error: { kind: 'unknown-call' } });
    expect(await dispatchCall(base, '__proto__', undefined)).toMatchObject({ ok: false, error: { kind: 'unknown-call' } });
    expect(await dispatchCall(base, 'app.info', 5)).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    const throwing = { 'app.info': async () => { throw new ApiCallError('profile-missing', 'No profile named "x".', 'name'); } } as unknown as ApiHandlers;
    expect(await dispatchCall(throwing, 'app.info', undefined)).toEqual({ ok: false, error: { kind: 'profile-missing', message: 'No profile named "x".', field: 'name' } });
    const crashing = { 'app.info': async () => { throw new TypeError('boom'); } } as unknown as ApiHandlers;
    expect(await dispatchCall(crashing, 'app.info', undefined)).toEqual({ ok: false, error: { kind: 'TypeError', message: 'boom' } });
  });
});

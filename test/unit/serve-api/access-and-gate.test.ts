// The pure parts of serve-api's safety: listen addresses and loopback detection, the bearer-token check, the
// concurrency gate, the request deadline that evaluation sees without timers, and error → status mapping.
import { describe, expect, it } from 'vitest';
import { ClusterReadError } from '@core/cluster/fanout/types';
import { QueryCanceledError, TooManySamplesError, checkAbort } from '@core/promql/engine/errors';
import { bearerChecker, hostHeaderName, isLoopbackHost, parseListen } from '@core/serve-api/access';
import { ApiError, statusOf, toApiError } from '@core/serve-api/api-error';
import { QueryGate } from '@core/serve-api/query-gate';
import { requestSignal } from '@core/serve-api/request-signal';
import { findRoute } from '@core/serve-api/routes';

describe('listen addresses', () => {
  it('parses host:port forms', () => {
    expect(parseListen('127.0.0.1:9095')).toEqual({ host: '127.0.0.1', port: 9095 });
    expect(parseListen('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(parseListen('localhost:80')).toEqual({ host: 'localhost', port: 80 });
    expect(parseListen(':9095')).toEqual({ host: '0.0.0.0', port: 9095 });
    for (const bad of ['9095', '127.0.0.1', '1.2.3.4:70000', '[nope]:1', 'a:b']) expect(() => parseListen(bad), bad).toThrow();
  });

  it('knows loopback from everything else', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.com', 'localhost.evil.com', '']) expect(isLoopbackHost(h), h).toBe(false);
    expect(hostHeaderName('[::1]:9095')).toBe('::1');
    expect(hostHeaderName('localhost:9095')).toBe('localhost');
    expect(hostHeaderName('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('bearer token', () => {
  it('accepts exactly the token, in the Bearer scheme', () => {
    const ok = bearerChecker('s3cret');
    expect(ok('Bearer s3cret')).toBe(true);
    expect(ok('bearer s3cret')).toBe(true);
    for (const h of [undefined, '', 'Bearer', 'Bearer s3cre', 'Bearer s3cret2', 'Basic s3cret', 's3cret']) expect(ok(h), String(h)).toBe(false);
  });
});

describe('query gate', () => {
  it('runs up to maxConcurrent, queues the next, refuses beyond the queue', async () => {
    const gate = new QueryGate({ maxConcurrent: 2, maxQueued: 1, queueTimeoutMs: 1000 });
    const r1 = await gate.acquire();
    await gate.acquire();
    let granted = false;
    const third = gate.acquire().then((rel) => {
      granted = true;
      return rel;
    });
    await expect(gate.acquire()).rejects.toMatchObject({ errorType: 'unavailable' });
    expect(granted).toBe(false);
    r1();
    r1(); // releasing twice is harmless
    (await third)();
    expect(granted).toBe(true);
    expect(gate.active).toBe(1);
  });

  it('a queued request gives up after the queue timeout or when its signal fires', async () => {
    const gate = new QueryGate({ maxConcurrent: 1, maxQueued: 5, queueTimeoutMs: 30 });
    await gate.acquire();
    await expect(gate.acquire()).rejects.toMatchObject({ errorType: 'unavailable' });
    const ac = new AbortController();
    const waiting = gate.acquire(ac.signal);
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ errorType: 'canceled' });
    expect(gate.waiting).toBe(0);
  });
});

describe('request signal', () => {
  it('the evaluation view sees the deadline without any timer firing', () => {
    let now = 1000;
    const rs = requestSignal([], 50, () => now);
    expect(rs.evalSignal.aborted).toBe(false);
    now = 1050;
    expect(rs.evalSignal.aborted).toBe(true);
    expect(() => checkAbort(rs.evalSignal)).toThrow('query timed out in expression evaluation');
    expect(rs.signal.aborted).toBe(true);
    rs.dispose();
  });

  it('follows its parents (server stop, client gone) as canceled', () => {
    const parent = new AbortController();
    const rs = requestSignal([parent.signal], undefined);
    parent.abort(new Error('stopping'));
    expect(rs.signal.aborted).toBe(true);
    expect(() => checkAbort(rs.evalSignal)).toThrow(QueryCanceledError);
    expect(toApiError(new ClusterReadError('The query was cancelled.', []), rs.signal).errorType).toBe('canceled');
    rs.dispose();
  });
});

describe('errors', () => {
  it('status codes as Prometheus maps error types', () => {
    expect(['bad_data', 'execution', 'timeout', 'canceled', 'internal', 'unavailable', 'not_found'].map((t) => statusOf(t as never))).toEqual([400, 422, 503, 503, 500, 503, 404]);
  });

  it('typed errors keep their type; unknown ones are internal', () => {
    expect(toApiError(new TooManySamplesError())).toMatchObject({ errorType: 'execution', message: 'query processing would load too many samples into memory in query execution' });
    expect(toApiError(new ClusterReadError('No node answered. a (h:1): refused', []))).toMatchObject({ errorType: 'unavailable' });
    expect(toApiError(new TypeError('x is undefined\n at ...'))).toMatchObject({ errorType: 'internal', message: 'x is undefined' });
    const e = new ApiError('bad_data', 'b');
    expect(toApiError(e)).toBe(e);
    const timedOut = AbortSignal.abort(new DOMException('t', 'TimeoutError'));
    expect(toApiError(new ClusterReadError('The query was cancelled.', []), timedOut)).toMatchObject({ errorType: 'timeout' });
  });
});

describe('routes', () => {
  it('finds handlers, path parameters and wrong methods', () => {
    expect(findRoute('/api/v1/query', 'POST').route).toBeDefined();
    expect(findRoute('/api/v1/label/__name__/values', 'GET').params).toEqual({ name: '__name__' });
    expect(findRoute('/api/v1/label/a%20b/values', 'GET').params).toEqual({ name: 'a b' });
    expect(findRoute('/api/v1/metadata', 'HEAD').route).toBeDefined();
    expect(findRoute('/api/v1/metadata', 'DELETE').allowed).toEqual(['GET']);
    expect(findRoute('/api/v1/nope', 'GET').route).toBeUndefined();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { LineView, LineWorkerReply, LineWorkerRequest } from '../../../renderer/src/lib/graph/line-protocol';

// The line worker run in Node: `self` is the global scope, its replies are collected, and the OffscreenCanvas is a
// stand-in whose 2D context counts strokes.

const replies: LineWorkerReply[] = [];
let strokes = 0;
let clears = 0;

function fakeCanvas(): OffscreenCanvas {
  const ctx = new Proxy(
    {
      stroke: () => void strokes++,
      clearRect: () => void clears++,
      setLineDash: () => undefined,
    } as Record<string, unknown>,
    { get: (t, k) => t[k as string] ?? (() => undefined), set: () => true },
  );
  return { width: 0, height: 0, getContext: () => ctx } as unknown as OffscreenCanvas;
}

function send(m: LineWorkerRequest): void {
  (globalThis as unknown as { onmessage: (e: { data: LineWorkerRequest }) => void }).onmessage({ data: m });
}

const view = (pass: number, dataGen: number, show = [true, true, true]): LineView => ({
  pass,
  dataGen,
  xMin: 0,
  xMax: 10,
  yMin: 0,
  yMax: 10,
  yLog: false,
  width: 100,
  height: 50,
  pxRatio: 1,
  show,
  alpha: show.map(() => 1),
});

const columns = () => [Float64Array.of(1, 2, 3), Float64Array.of(3, 2, 1), Float64Array.of(5, NaN, 5)];
const styles = [0, 1, 2].map(() => ({ color: '#123456', width: 1, dash: [] }));
const settle = () => new Promise((r) => setTimeout(r, 20));

beforeAll(async () => {
  const g = globalThis as unknown as { self: unknown; postMessage: (m: LineWorkerReply) => void };
  g.self = globalThis;
  g.postMessage = (m) => void replies.push(m);
  await import('../../../renderer/src/lib/graph/line-worker');
});

describe('line worker', () => {
  it('answers the ping the window waits for before it hands charts over', () => {
    send({ type: 'ping' });
    expect(replies.pop()).toEqual({ type: 'pong' });
  });

  it('paints every shown line once data and view agree, then says which pass is painted', async () => {
    send({ type: 'attach', id: 1, canvas: fakeCanvas() });
    send({ type: 'data', id: 1, dataGen: 1, xs: Float64Array.of(0, 5, 10), ys: columns(), styles });
    strokes = 0;
    send({ type: 'view', id: 1, view: view(7, 1, [true, false, true]) });
    await settle();
    expect(strokes).toBe(2);
    expect(replies.at(-1)).toEqual({ type: 'painted', id: 1, pass: 7 });
  });

  it('a view for data not yet here clears and waits; the data then paints it', async () => {
    replies.length = 0;
    strokes = 0;
    clears = 0;
    send({ type: 'view', id: 1, view: view(8, 2) });
    await settle();
    expect(clears).toBe(1);
    expect(strokes).toBe(0);
    expect(replies).toEqual([]);
    send({ type: 'data', id: 1, dataGen: 2, xs: Float64Array.of(0, 5, 10), ys: columns(), styles });
    await settle();
    expect(strokes).toBe(3);
    expect(replies).toEqual([{ type: 'painted', id: 1, pass: 8 }]);
  });

  it('forgets a detached chart', async () => {
    replies.length = 0;
    send({ type: 'detach', id: 1 });
    send({ type: 'view', id: 1, view: view(9, 2) });
    await settle();
    expect(replies).toEqual([]);
  });
});

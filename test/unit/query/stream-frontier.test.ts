import { describe, expect, it } from 'vitest';
import { StreamFrontier } from '@core/query/streaming/stream-frontier';

const l = (i: number) => ({ __name__: 'm', i: String(i).padStart(3, '0') });

describe('StreamFrontier (streaming backpressure)', () => {
  it('pauses a node that runs ahead of the others and lets it go once they catch up', async () => {
    const f = new StreamFrontier(2, 100);
    for (let i = 0; i < 6; i++) f.push(0, l(i), 30);
    expect(f.ahead(0)).toBe(180);
    const wait = f.waitForRoom(0);
    expect(wait).toBeInstanceOf(Promise);
    expect(f.waitForRoom(1)).toBeUndefined(); // the node everybody waits on never waits
    let released = false;
    void wait!.then(() => (released = true));
    f.push(1, l(2), 30); // node 1 passed series 0..2: they merge, but 90 bytes ahead is not under half the bound
    await Promise.resolve();
    expect(f.ahead(0)).toBe(90);
    expect(released).toBe(false);
    f.push(1, l(4), 30);
    await Promise.resolve();
    expect(f.ahead(0)).toBe(30);
    expect(released).toBe(true);
    expect(f.ahead(1)).toBe(0);
  });

  it('an ended node holds nobody back, and releaseAll frees every paused read', async () => {
    const f = new StreamFrontier(2, 10);
    f.push(0, l(1), 50);
    const wait = f.waitForRoom(0)!;
    f.close(1);
    await wait;
    expect(f.ahead(0)).toBe(0);
    const g = new StreamFrontier(2, 10);
    g.push(0, l(1), 50);
    const paused = g.waitForRoom(0)!;
    g.releaseAll();
    await paused;
  });
});

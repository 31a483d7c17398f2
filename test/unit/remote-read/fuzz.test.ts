import { describe, expect, it } from 'vitest';
import snappy from 'snappyjs';
import { runFuzz } from '../../../scripts/fuzz';
import { snappyUncompress } from '@core/remote-read/snappy-block';
import { DecodeError } from '@core/remote-read/errors';

describe('decoder fuzzing (short run)', () => {
  it('5 000 random and mutated inputs give only typed errors, none slow', () => {
    const r = runFuzz({ iterations: 5000, seed: 12345, maxMsPerInput: 1000, maxTotalMs: 15_000 });
    expect(r.findings).toEqual([]);
    expect(r.inputs).toBe(5000);
    expect(r.typedErrors).toBeGreaterThan(0);
    expect(r.perTarget['histogram-chunk']).toBeGreaterThan(500);
    expect(r.perTarget['float-histogram-chunk']).toBeGreaterThan(500);
  });
});

describe('snappy block decompressor', () => {
  it('round-trips snappyjs output, including long runs (overlapping copies)', () => {
    const text = new TextEncoder().encode('abcabcabcabc'.repeat(5000) + 'tail' + 'x'.repeat(70_000));
    expect(Array.from(snappyUncompress(snappy.compress(text), 1e6))).toEqual(Array.from(text));
  });
  it('refuses what exceeds the limit or its own declared length', () => {
    const c = snappy.compress(new Uint8Array(1000).fill(7));
    expect(() => snappyUncompress(c, 999)).toThrow(DecodeError);
    // Literal claiming 2^32 bytes: fails at once instead of looping.
    expect(() => snappyUncompress(new Uint8Array([0x05, 0xfc, 0xff, 0xff, 0xff, 0xff, 1]), 100)).toThrow(DecodeError);
  });
});

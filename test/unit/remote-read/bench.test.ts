import { expect, it } from 'vitest';
import { runDecodeBench } from '@core/remote-read/bench';

it('decode bench runs and reports sane numbers (no timing assertions)', () => {
  const r = runDecodeBench({ series: 10, samplesPerSeries: 2000, rounds: 1 });
  expect(r.samples).toBe(20_000);
  expect(r.xorSamplesPerSec).toBeGreaterThan(0);
  expect(r.streamSamplesPerSec).toBeGreaterThan(0);
  expect(r.heldBytesPerSample).toBeGreaterThanOrEqual(16);
  expect(r.heldBytesPerSample).toBeLessThan(16 * 1.3);
});

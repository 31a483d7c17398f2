import { describe, expect, it } from 'vitest';
import { recoveryStep, recoveryVisible, type RecoveryEvent, type RecoveryState } from '../../../../renderer/src/lib/workspace/recovery';

const run = (events: RecoveryEvent[], s: RecoveryState = { phase: 'idle' }) => events.reduce(recoveryStep, s);

describe('recovery state machine', () => {
  it('nothing to recover → done, no banner', () => {
    const s = run([{ type: 'check' }, { type: 'checked', available: false }]);
    expect(s).toEqual({ phase: 'done', outcome: 'nothing' });
    expect(recoveryVisible(s)).toBe(false);
  });
  it('offer → restore → done', () => {
    const offer = run([{ type: 'check' }, { type: 'checked', available: true, savedAtMs: 42 }]);
    expect(offer).toEqual({ phase: 'offer', savedAtMs: 42 });
    expect(recoveryVisible(offer)).toBe(true);
    expect(run([{ type: 'restore' }, { type: 'restored' }], offer)).toEqual({ phase: 'done', outcome: 'restored' });
    expect(run([{ type: 'discard' }, { type: 'discarded' }], offer)).toEqual({ phase: 'done', outcome: 'discarded' });
  });
  it('a failed restore keeps the offer retryable', () => {
    const s = run([{ type: 'check' }, { type: 'checked', available: true, savedAtMs: 7 }, { type: 'restore' }, { type: 'failed', message: 'gone' }]);
    expect(s).toEqual({ phase: 'error', message: 'gone', savedAtMs: 7 });
    expect(recoveryStep(s, { type: 'restore' })).toEqual({ phase: 'restoring', savedAtMs: 7 });
  });
  it('ignores events out of order (double clicks, late answers)', () => {
    const offer: RecoveryState = { phase: 'offer', savedAtMs: 1 };
    expect(recoveryStep(offer, { type: 'restored' })).toBe(offer);
    expect(recoveryStep({ phase: 'restoring', savedAtMs: 1 }, { type: 'discard' })).toEqual({ phase: 'restoring', savedAtMs: 1 });
    expect(recoveryStep({ phase: 'done', outcome: 'restored' }, { type: 'check' })).toEqual({ phase: 'done', outcome: 'restored' });
  });
});

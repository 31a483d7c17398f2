// The crash-recovery banner's state machine: check at start-up → offer (restore / discard) → restoring → done, with
// errors kept visible. Pure transitions; the session store performs the calls and feeds the events in.

export type RecoveryState =
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'offer'; savedAtMs: number }
  | { phase: 'restoring'; savedAtMs: number }
  | { phase: 'discarding'; savedAtMs: number }
  | { phase: 'error'; message: string; savedAtMs?: number }
  | { phase: 'done'; outcome: 'restored' | 'discarded' | 'nothing' };

export type RecoveryEvent =
  | { type: 'check' }
  | { type: 'checked'; available: boolean; savedAtMs?: number }
  | { type: 'restore' }
  | { type: 'discard' }
  | { type: 'restored' }
  | { type: 'discarded' }
  | { type: 'failed'; message: string }
  | { type: 'dismiss' };

export function recoveryStep(s: RecoveryState, e: RecoveryEvent): RecoveryState {
  switch (e.type) {
    case 'check':
      return s.phase === 'idle' ? { phase: 'checking' } : s;
    case 'checked':
      if (s.phase !== 'checking') return s;
      return e.available ? { phase: 'offer', savedAtMs: e.savedAtMs ?? 0 } : { phase: 'done', outcome: 'nothing' };
    case 'restore':
      if (s.phase === 'offer' || (s.phase === 'error' && s.savedAtMs !== undefined)) return { phase: 'restoring', savedAtMs: s.savedAtMs ?? 0 };
      return s;
    case 'discard':
      if (s.phase === 'offer' || (s.phase === 'error' && s.savedAtMs !== undefined)) return { phase: 'discarding', savedAtMs: s.savedAtMs ?? 0 };
      return s;
    case 'restored':
      return s.phase === 'restoring' ? { phase: 'done', outcome: 'restored' } : s;
    case 'discarded':
      return s.phase === 'discarding' ? { phase: 'done', outcome: 'discarded' } : s;
    case 'failed':
      if (s.phase === 'checking') return { phase: 'error', message: e.message };
      if (s.phase === 'restoring' || s.phase === 'discarding') return { phase: 'error', message: e.message, savedAtMs: s.savedAtMs };
      return s;
    case 'dismiss':
      return { phase: 'done', outcome: s.phase === 'done' ? s.outcome : 'nothing' };
  }
}

/** Whether the banner shows at all. */
export function recoveryVisible(s: RecoveryState): boolean {
  return s.phase === 'offer' || s.phase === 'restoring' || s.phase === 'discarding' || s.phase === 'error';
}

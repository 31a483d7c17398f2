// The goals the table is read against. Printed beside the numbers; nothing here passes or fails a run.
export const GOALS = {
  vs9090: { max: 0.5, text: 'rrx ≤ 0.5 × Prometheus-as-9090' },
  vsLocal: { max: 1.5, text: 'rrx ≤ 1.5 × Prometheus from its own TSDB' },
  decode: { min: 50e6, text: 'XOR decode ≥ 50 M samples/s (one core)' },
  heldBytes: { max: 24, text: '≤ 24 bytes held per decoded sample' },
  drawMs: { max: 150, text: 'draw 500 × 2 000 points < 150 ms' },
  encodeToEval: { max: 1, text: 'a 16 MB JSON answer encodes in less than its evaluation (encode ÷ eval < 1)' },
  longTaskMs: { max: 50, text: 'no main-thread task > 50 ms while a result streams in' },
} as const;

/** "✓" when a number meets its goal, "✗" when not, "" when there is nothing to compare. For reading, not gating. */
export function mark(value: number | undefined, goal: { max?: number; min?: number }): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  if (goal.max !== undefined) return value <= goal.max ? '✓' : '✗';
  if (goal.min !== undefined) return value >= goal.min ? '✓' : '✗';
  return '';
}

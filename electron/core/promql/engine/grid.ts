// The step grid a node is evaluated over: an instant query is a grid of one step. Subqueries and step-invariant
// subtrees evaluate over grids of their own.
export interface StepGrid {
  readonly startMs: number;
  readonly endMs: number;
  /** Step width; 1 for a one-step grid, as Prometheus uses for instant evaluation. */
  readonly intervalMs: number;
  readonly steps: number;
}

export function makeGrid(startMs: number, endMs: number, intervalMs: number): StepGrid {
  const steps = endMs < startMs ? 0 : Math.floor((endMs - startMs) / intervalMs) + 1;
  return { startMs, endMs, intervalMs, steps };
}

export function stepTime(g: StepGrid, i: number): number {
  return g.startMs + i * g.intervalMs;
}

/** Long per-step loops call the evaluator's checkAbort when `(i & CHECK_MASK) === 0`: every 16 384 steps. */
export const CHECK_MASK = 0x3fff;

/** Loops whose steps cost unequal work (range windows) check after about this many points visited. */
export const CHECK_WORK = 1 << 20;

// Adding behaviour to uPlot options built elsewhere: hooks appended after the options' own, and the hand-over of
// line drawing to a painter (progressive-paint.ts, offscreen-lines.ts). Pure: no uPlot runtime import.
import type uPlot from 'uplot';

/** The options with `add`'s hooks run after their own, hook by hook. */
export function withHooks(opts: uPlot.Options, add: uPlot.Hooks.Arrays): uPlot.Options {
  const hooks: Record<string, unknown[]> = { ...(opts.hooks as Record<string, unknown[]> | undefined) };
  for (const [name, fns] of Object.entries(add)) hooks[name] = [...(hooks[name] ?? []), ...(fns as unknown[])];
  return { ...opts, hooks: hooks as uPlot.Hooks.Arrays };
}

/** The options with every line series (not x) drawn by `paths`, and the painter's hooks added. */
export function withLinePainter(opts: uPlot.Options, paths: uPlot.Series.PathBuilder, hooks: uPlot.Hooks.Arrays): uPlot.Options {
  return withHooks({ ...opts, series: opts.series.map((s, i) => (i === 0 ? s : { ...s, paths })) }, hooks);
}

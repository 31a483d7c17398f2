// Feature switches of the parser, one per Prometheus --enable-feature flag that changes what parses.
export interface ParserOptions {
  /** promql-experimental-functions: experimental functions, limitk/limit_ratio. */
  enableExperimentalFunctions?: boolean;
  /** promql-extended-range-selectors: `anchored` / `smoothed` modifiers. */
  enableExtendedRangeSelectors?: boolean;
  /** promql-duration-expr: arithmetic in ranges/offsets/steps, `step()`, `range()`, `min_of`/`max_of`. */
  enableDurationExpressions?: boolean;
  /** promql-binop-fill-modifiers: `fill(...)`, `fill_left(...)`, `fill_right(...)` on binary operators. */
  enableBinopFillModifiers?: boolean;
  /** Prometheus 2.x function names (`holt_winters`), for `compat: 'prometheus2'`. */
  prometheus2Functions?: boolean;
}

/** Every flag on: what the conformance scripts run with. */
export const allFeatures: Required<Omit<ParserOptions, 'prometheus2Functions'>> = Object.freeze({
  enableExperimentalFunctions: true,
  enableExtendedRangeSelectors: true,
  enableDurationExpressions: true,
  enableBinopFillModifiers: true,
});

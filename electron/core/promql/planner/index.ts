// Public API of the planner: from a parsed expression and the query's time frame to the reads it needs.
export { planSelectors, type PlanOptions } from './plan';

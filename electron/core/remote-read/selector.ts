// Turns a series selector as users type it (`up{job="node"}`, `{__name__=~"node_.*"}`) into label matchers, using
// the project's PromQL parser; anything that is not a plain vector selector is refused.
import { parse } from '@core/promql/parser';
import type { LabelMatcher } from '@core/series/types';

export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

export function parseSelector(text: string): LabelMatcher[] {
  let expr;
  try {
    expr = parse(text);
  } catch (e) {
    throw new SelectorError(`invalid selector ${JSON.stringify(text)}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (expr.kind !== 'VectorSelector') {
    throw new SelectorError(`${JSON.stringify(text)} is not a series selector (expected e.g. up{job="node"})`);
  }
  if (expr.offsetMs !== 0 || expr.timestamp !== null || expr.startOrEnd !== null) {
    throw new SelectorError(`selector ${JSON.stringify(text)} may not use offset or @`);
  }
  return expr.matchers.map((m) => ({ type: m.type, name: m.name, value: m.value }));
}

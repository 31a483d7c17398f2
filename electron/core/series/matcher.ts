// Label matchers with Prometheus semantics: regexes are fully anchored and `.` matches newlines; a matcher on a
// missing label sees the empty string.
import { goRegexToJs } from './go-regex';
import type { LabelMatcher, Labels } from './types';

export type CompiledMatcher = (labels: Labels) => boolean;

export class InvalidMatcherError extends Error {
  override readonly name = 'InvalidMatcherError';
}

/** Compile one matcher into a predicate. Throws InvalidMatcherError for a regex JS cannot compile. */
export function compileMatcher(m: LabelMatcher): CompiledMatcher {
  switch (m.type) {
    case '=':
      return (l) => (l[m.name] ?? '') === m.value;
    case '!=':
      return (l) => (l[m.name] ?? '') !== m.value;
    case '=~':
    case '!~': {
      const re = compileAnchoredRegex(m.value);
      const want = m.type === '=~';
      return (l) => re.test(l[m.name] ?? '') === want;
    }
  }
}

/** Go RE2 → JS: translate RE2-only syntax, anchor the whole pattern and let `.` match `\n`, as Prometheus does. */
export function compileAnchoredRegex(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${goRegexToJs(pattern)})$`, 's');
  } catch (e) {
    throw new InvalidMatcherError(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
}

/** A predicate that is true when every matcher matches. */
export function compileMatchers(ms: readonly LabelMatcher[]): CompiledMatcher {
  const fns = ms.map(compileMatcher);
  return (l) => {
    for (const f of fns) if (!f(l)) return false;
    return true;
  };
}

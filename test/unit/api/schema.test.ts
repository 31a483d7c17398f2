import { describe, expect, it } from 'vitest';
import { describeIssues, s } from '@shared/schema';

describe('schema', () => {
  const profile = s.object({
    name: s.string({ minLength: 1 }),
    nodes: s.array(s.object({ url: s.string(), timeoutMs: s.optional(s.number({ min: 1 })) })),
    strategy: s.enum(['union', 'penalty'] as const),
  });
  it('accepts a valid value', () => {
    expect(profile.check({ name: 'a', nodes: [{ url: 'u' }], strategy: 'union' }, '')).toEqual([]);
  });
  it('names the path of every problem', () => {
    const issues = profile.check({ name: '', nodes: [{ url: 1, timeoutMs: 0 }], strategy: 'x', extra: 1 }, '');
    expect(issues.map((i) => i.path).sort()).toEqual(['extra', 'name', 'nodes[0].timeoutMs', 'nodes[0].url', 'strategy']);
    expect(describeIssues(issues)).toContain('nodes[0].url: expected a string');
  });
  it('unions take the closest form', () => {
    const u = s.union(s.literal('now'), s.number());
    expect(u.check('now', '')).toEqual([]);
    expect(u.check(3, '')).toEqual([]);
    expect(u.check(true, '')).not.toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { canPushDown, lastQuarter, memoryRemedies, raisedBudget } from '../../../renderer/src/lib/query/memory-remedies';
import { formatMemorySize, parseMemorySize } from '../../../renderer/src/lib/profiles/memory-size';
import { buildQueryRequest, newPanel } from '../../../renderer/src/lib/query/panel-model';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const node = (queryApi: boolean) => ({ id: 'n', name: 'n', endpoint: {} as never, ...(queryApi ? { queryApi: {} as never } : {}) });

describe('memory-budget remedies', () => {
  it('narrows to the last quarter of the range, keeping its end', () => {
    expect(lastQuarter({ kind: 'relative', durationMs: 3_600_000 }, 0)).toEqual({ kind: 'relative', durationMs: 900_000 });
    expect(lastQuarter({ kind: 'absolute', startMs: 1000, endMs: 401_000 }, 0)).toEqual({ kind: 'absolute', startMs: 301_000, endMs: 401_000 });
  });

  it('raises a query budget to twice the one crossed, never past the app’s, and not for the app’s own', () => {
    expect(raisedBudget({ scope: 'query', limitBytes: GiB, ceilingBytes: 4 * GiB })).toBe(2 * GiB);
    expect(raisedBudget({ scope: 'query', limitBytes: 3 * GiB, ceilingBytes: 4 * GiB })).toBe(4 * GiB);
    expect(raisedBudget({ scope: 'query', limitBytes: 4 * GiB, ceilingBytes: 4 * GiB })).toBeNull();
    expect(raisedBudget({ scope: 'process', limitBytes: 4 * GiB, ceilingBytes: 4 * GiB })).toBeNull();
  });

  it('offers pushdown only when every node has a query API', () => {
    expect(canPushDown({ nodes: [node(true), node(true)] })).toBe(true);
    expect(canPushDown({ nodes: [node(true), node(false)] })).toBe(false);
    expect(canPushDown({ nodes: [] })).toBe(false);
    expect(canPushDown(null)).toBe(false);
    expect(memoryRemedies({ scope: 'query', limitBytes: MiB, ceilingBytes: GiB }, { kind: 'relative', durationMs: 4000 }, { nodes: [node(false)] }, 0)).toEqual({
      narrow: { kind: 'relative', durationMs: 1000 },
      raiseTo: 2 * MiB,
      pushdown: false,
    });
  });

  it('sends a raised budget with the panel’s next runs', () => {
    const p = { ...newPanel('up'), maxMemoryBytes: 2 * GiB };
    expect(buildQueryRequest(p, 'prof', 10_000_000, 800).maxMemoryBytes).toBe(2 * GiB);
    expect(buildQueryRequest(newPanel('up'), 'prof', 10_000_000, 800).maxMemoryBytes).toBeUndefined();
  });
});

describe('memory sizes in the profile editor', () => {
  it('reads sizes with a unit and writes whole units back', () => {
    expect(parseMemorySize('512MiB')).toBe(512 * MiB);
    expect(parseMemorySize(' 2 GiB ')).toBe(2 * GiB);
    expect(parseMemorySize('1.5gib')).toBe(1.5 * GiB);
    expect(parseMemorySize('2GB')).toBe(2e9);
    expect(parseMemorySize('1024')).toBeNull();
    expect(parseMemorySize('lots')).toBeNull();
    expect(formatMemorySize(2 * GiB)).toBe('2 GiB');
    expect(formatMemorySize(512 * MiB)).toBe('512 MiB');
    expect(parseMemorySize(formatMemorySize(1.5 * GiB))).toBe(1.5 * GiB);
  });
});

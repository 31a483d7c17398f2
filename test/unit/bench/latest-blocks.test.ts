import { describe, expect, it } from 'vitest';
import { replaceBlock } from '../../../bench/report/result';

const latest = ['## Benchmarks — 2026-11-26 06:02 UTC', '', 'machine line', '', '### Queries: 2,000 series', '', '| q |', '', '### Micro-benchmarks (one core)', '', '| old micro |', '', '### Renderer (old)', '', '| old renderer |', ''].join('\n');

describe('bench/LATEST.md after a partial run', () => {
  it('replaces only the re-measured block and keeps the ones around it', () => {
    const out = replaceBlock(latest, '### Micro-benchmarks', '### Micro-benchmarks (one core)\n\n| new micro |\n');
    expect(out).toContain('| new micro |');
    expect(out).not.toContain('| old micro |');
    expect(out).toContain('| q |');
    expect(out).toContain('### Renderer (old)\n\n| old renderer |');
  });
  it('replaces the last block up to the end of the file', () => {
    const out = replaceBlock(latest, '### Renderer', '### Renderer (new)\n\n| new renderer |');
    expect(out.endsWith('| new renderer |\n')).toBe(true);
    expect(out).not.toContain('old renderer');
    expect(out).toContain('| old micro |');
  });
  it('appends a block the page does not have yet', () => {
    const out = replaceBlock('## Benchmarks\n\n### Queries\n\n| q |\n', '### Renderer', '### Renderer\n\n| r |');
    expect(out).toBe('## Benchmarks\n\n### Queries\n\n| q |\n\n### Renderer\n\n| r |\n');
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { CompletionIndex } from '../../../shared/api/query-types';
import { CompletionIndexCache, IndexPrometheusClient } from '../../../renderer/src/lib/query/completion-client';

const index: CompletionIndex = {
  metrics: ['node_cpu_seconds_total', 'node_load1', 'up'],
  labelValues: { __name__: ['node_cpu_seconds_total', 'node_load1', 'up'], job: ['node', 'prometheus'], mode: ['idle', 'user'], instance: ['a:9100'] },
  metricLabels: { up: ['__name__', 'instance', 'job'], node_cpu_seconds_total: ['cpu', 'instance', 'job', 'mode'] },
  partial: false,
  builtAtMs: 1,
};

describe('completion index → PrometheusClient', () => {
  const client = new IndexPrometheusClient(async () => index);
  it('offers metric names, by prefix too', async () => {
    expect(await client.metricNames()).toEqual(index.metrics);
    expect(await client.metricNames('node_')).toEqual(['node_cpu_seconds_total', 'node_load1']);
    expect(await client.labelValues('__name__')).toEqual(index.metrics);
  });
  it('offers label names of a metric, or all of them', async () => {
    expect(await client.labelNames('up')).toEqual(['instance', 'job']);
    expect(await client.labelNames()).toEqual(['instance', 'job', 'mode']);
    expect(await client.labelNames('unknown_metric')).toEqual(['instance', 'job', 'mode']);
  });
  it('offers label values, none for a label the metric lacks', async () => {
    expect(await client.labelValues('job', 'up')).toEqual(['node', 'prometheus']);
    expect(await client.labelValues('mode', 'up')).toEqual([]);
    expect(await client.labelValues('mode')).toEqual(['idle', 'user']);
  });
  it('has no metadata and answers series minimally', async () => {
    expect(await client.metricMetadata()).toEqual({});
    expect(await client.series('up')).toEqual([new Map([['__name__', 'up']])]);
    expect(await client.series('up', [], 'job')).toHaveLength(2);
    expect(await client.series('nope')).toEqual([]);
  });
  it('answers empty without an index', async () => {
    const none = new IndexPrometheusClient(async () => null);
    expect(await none.metricNames()).toEqual([]);
    expect(await none.labelNames()).toEqual([]);
  });
});

describe('completion index cache', () => {
  it('loads once per profile, refreshes on demand, and remembers errors without caching them', async () => {
    const fetchIndex = vi.fn(async (_id: string, refresh: boolean) => ({ ...index, builtAtMs: refresh ? 2 : 1 }));
    const cache = new CompletionIndexCache(fetchIndex);
    expect(await cache.load()).toBeNull();
    cache.setProfile('p1');
    await Promise.all([cache.load(), cache.load()]);
    expect(fetchIndex).toHaveBeenCalledTimes(1);
    expect((await cache.refresh())?.builtAtMs).toBe(2);
    expect(fetchIndex).toHaveBeenLastCalledWith('p1', true);

    const failing = new CompletionIndexCache(async () => {
      throw new Error('Completion is not available');
    });
    failing.setProfile('p1');
    expect(await failing.load()).toBeNull();
    expect(failing.error).toBe('Completion is not available');
    await failing.load();
    expect(failing.error).toBe('Completion is not available');
  });
});

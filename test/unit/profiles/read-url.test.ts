// A node URL as people type it: a server's base (with or without http://, under a path prefix) means its
// remote_read endpoint; a full read URL is kept; what cannot be used is worded once, naming the node.
import { describe, expect, it } from 'vitest';
import { normalizeReadUrl, readUrlProblem } from '@shared/api/read-url';
import { applyProfileInput } from '@core/profiles';

describe('node read URL', () => {
  it('appends /api/v1/read to a base URL and http:// where no scheme is written', () => {
    expect(normalizeReadUrl('http://prom-a:9090')).toBe('http://prom-a:9090/api/v1/read');
    expect(normalizeReadUrl(' prom-a:9090/ ')).toBe('http://prom-a:9090/api/v1/read');
    expect(normalizeReadUrl('127.0.0.1:9091')).toBe('http://127.0.0.1:9091/api/v1/read');
    expect(normalizeReadUrl('https://mimir.example/prometheus')).toBe('https://mimir.example/prometheus/api/v1/read');
    expect(normalizeReadUrl('http://prom-a:9090/api/v1')).toBe('http://prom-a:9090/api/v1/read');
  });

  it('keeps a URL that names a read endpoint, and text it cannot read', () => {
    expect(normalizeReadUrl('http://prom-a:9090/api/v1/read')).toBe('http://prom-a:9090/api/v1/read');
    expect(normalizeReadUrl('https://thanos/receive/remote-read?x=1')).toBe('https://thanos/receive/remote-read?x=1');
    expect(normalizeReadUrl('ftp://prom-a/')).toBe('ftp://prom-a/');
    expect(normalizeReadUrl('')).toBe('');
  });

  it('words what is wrong for people, naming the node by its number', () => {
    expect(readUrlProblem('ftp://prom-a/', 2)).toBe('The URL of node 2 must start with http:// or https://.');
    expect(readUrlProblem('', 1)).toBe('Enter the URL of node 1.');
    expect(readUrlProblem('http://u:p@prom-a/api/v1/read', 1)).toMatch(/user:password/);
    expect(readUrlProblem('http://prom-a:9090/api/v1/read', 1)).toBeNull();
  });

  it('the core applies the same rule to whatever a client sends', () => {
    const { profile } = applyProfileInput(
      { name: 'p', nodes: [{ name: 'a', endpoint: { url: 'prom-a:9090' } }], mergeStrategy: 'penalty', timeoutMs: 30_000, partialPolicy: 'partial', compat: 'prometheus3' },
      undefined,
      () => 'id',
    );
    expect(profile.nodes[0].endpoint.url).toBe('http://prom-a:9090/api/v1/read');
  });
});

// codemirror-promql's PrometheusClient over our CompletionIndex. remote_read has no metadata or label API, so the
// app builds one bounded index per profile (completion.index) and the editor completes from it, without HTTP.
import type { CompletionIndex } from '@shared/api/query-types';
import type { PrometheusClient } from '@prometheus-io/codemirror-promql';

type Matcher = { type: number; name: string; value: string };
type MetricMetadata = { type: string; help: string };

/** Loads the index (cached by the caller); null while none is available (no profile, call failed). */
export type IndexLoader = () => Promise<CompletionIndex | null>;

export class IndexPrometheusClient implements PrometheusClient {
  constructor(private readonly load: IndexLoader) {}

  async labelNames(metricName?: string): Promise<string[]> {
    const idx = await this.load();
    if (!idx) return [];
    if (metricName && idx.metricLabels[metricName]) return idx.metricLabels[metricName].filter((l) => l !== '__name__');
    return Object.keys(idx.labelValues).filter((l) => l !== '__name__').sort();
  }

  async labelValues(labelName: string, metricName?: string, _matchers?: Matcher[]): Promise<string[]> {
    const idx = await this.load();
    if (!idx) return [];
    if (labelName === '__name__') return idx.metrics.slice();
    // The index keeps values per label, not per metric: a label the metric does not carry has no values to offer.
    if (metricName && idx.metricLabels[metricName] && !idx.metricLabels[metricName].includes(labelName)) return [];
    return (idx.labelValues[labelName] ?? []).slice();
  }

  async metricMetadata(): Promise<Record<string, MetricMetadata[]>> {
    // remote_read carries no TYPE/HELP: answer none rather than guess.
    return {};
  }

  async series(metricName: string, _matchers?: Matcher[], labelName?: string): Promise<Map<string, string>[]> {
    const idx = await this.load();
    if (!idx || !idx.metrics.includes(metricName)) return [];
    const m = new Map<string, string>([['__name__', metricName]]);
    if (!labelName) return [m];
    return (await this.labelValues(labelName, metricName)).map((v) => new Map([...m, [labelName, v]]));
  }

  async metricNames(prefix?: string): Promise<string[]> {
    const idx = await this.load();
    if (!idx) return [];
    return prefix ? idx.metrics.filter((m) => m.startsWith(prefix)) : idx.metrics.slice();
  }

  async flags(): Promise<Record<string, string>> {
    return {};
  }
}

/**
 * Caches one index per profile and de-duplicates concurrent loads. `refresh()` asks the app to rebuild it. Errors
 * are remembered (shown by the editor) and answer null, so completion degrades to functions/keywords only.
 */
export class CompletionIndexCache {
  private current: Promise<CompletionIndex | null> | null = null;
  private profileId: string | null = null;
  index: CompletionIndex | null = null;
  error: string | null = null;

  constructor(
    private readonly fetchIndex: (profileId: string, refresh: boolean) => Promise<CompletionIndex>,
    private readonly onChange: () => void = () => {},
  ) {}

  setProfile(profileId: string | null): void {
    if (profileId === this.profileId) return;
    this.profileId = profileId;
    this.current = null;
    this.index = null;
    this.error = null;
    this.onChange();
  }

  isFor(profileId: string): boolean {
    return this.profileId === profileId;
  }

  load: IndexLoader = () => {
    if (!this.profileId) return Promise.resolve(null);
    if (!this.current) this.current = this.fetch(this.profileId, false);
    return this.current;
  };

  refresh(): Promise<CompletionIndex | null> {
    if (!this.profileId) return Promise.resolve(null);
    this.current = this.fetch(this.profileId, true);
    return this.current;
  }

  private async fetch(profileId: string, refresh: boolean): Promise<CompletionIndex | null> {
    try {
      const idx = await this.fetchIndex(profileId, refresh);
      if (profileId !== this.profileId) return null;
      this.index = idx;
      this.error = null;
      return idx;
    } catch (e) {
      if (profileId === this.profileId) {
        this.error = (e as Error).message;
        // Let a later keystroke try again instead of caching the failure forever.
        this.current = null;
      }
      return null;
    } finally {
      this.onChange();
    }
  }
}

// One completion index per active profile, shared by every editor, with reactive status for the "partial index" note
// and the refresh button.
import type { CompletionIndex } from '@shared/api/query-types';
import { callApi } from '../api';
import { errorMessage } from '../api-errors';
import { CompletionIndexCache, IndexPrometheusClient } from './completion-client';

class CompletionStore {
  index = $state<CompletionIndex | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);

  readonly cache = new CompletionIndexCache(
    (profileId, refresh) => {
      this.loading = true;
      return callApi('completion.index', { profileId, refresh }).catch((e: unknown) => {
        throw new Error(errorMessage(e));
      });
    },
    () => {
      this.index = this.cache.index;
      this.error = this.cache.error;
      this.loading = false;
    },
  );
  readonly client = new IndexPrometheusClient(this.cache.load);

  setProfile(id: string | null): void {
    this.cache.setProfile(id);
    // Warm the index so the first keystroke completes from it.
    void this.cache.load();
  }

  refresh(): void {
    void this.cache.refresh();
  }

  /** The profile was saved (the app dropped its index): rebuild it if it is the one in use. */
  profileSaved(id: string): void {
    if (this.cache.isFor(id)) this.refresh();
  }

  /**
   * A query of `profileId` finished: when every node the index could not reach answered it, the "partial: no
   * answer from …" note is out of date, so the index is rebuilt.
   */
  noteAnswers(profileId: string, nodes: readonly { name: string; ok: boolean }[]): void {
    const missing = this.index?.unanswered;
    // Several panels finish together: one rebuild is enough.
    if (!missing?.length || !this.cache.isFor(profileId) || this.loading) return;
    const ok = new Set(nodes.filter((n) => n.ok).map((n) => n.name));
    if (missing.every((m) => ok.has(m))) this.refresh();
  }
}

export const completion = new CompletionStore();

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
}

export const completion = new CompletionStore();

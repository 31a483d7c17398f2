// Where secret values live, behind an interface: safeStorage-backed in electron/main (later), environment in the
// CLI, memory in tests and the bridge. Profiles only ever hold references into it.

export interface SecretStore {
  get(ref: string): Promise<string | undefined>;
  set(ref: string, value: string): Promise<void>;
  delete(ref: string): Promise<void>;
  /** Whether values survive a restart (shown to the user: "secrets are kept in memory only"). */
  isPersistent(): boolean;
  /** Short backend name for the UI ("memory", "keychain", "environment"). */
  readonly backend: string;
}

/** Secrets in a Map: gone when the process ends. */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory';
  private readonly values = new Map<string, string>();

  async get(ref: string): Promise<string | undefined> {
    return this.values.get(ref);
  }
  async set(ref: string, value: string): Promise<void> {
    this.values.set(ref, value);
  }
  async delete(ref: string): Promise<void> {
    this.values.delete(ref);
  }
  isPersistent(): boolean {
    return false;
  }
  /** For tests: every stored reference. */
  refs(): string[] {
    return [...this.values.keys()].sort();
  }
}

// Where the profiles document is kept, behind an interface: electron-store in electron/main (later), a JSON file for
// the CLI, memory for tests and the bridge. Storage holds the document only — never secret values.
import type { ProfilesDocument } from './types';

export interface ProfileStorage {
  /** The stored document as parsed JSON, or undefined when nothing was stored yet. */
  load(): Promise<unknown>;
  save(doc: ProfilesDocument): Promise<void>;
}

export class MemoryProfileStorage implements ProfileStorage {
  constructor(private stored: unknown = undefined) {}

  async load(): Promise<unknown> {
    return this.stored === undefined ? undefined : structuredClone(this.stored);
  }
  async save(doc: ProfilesDocument): Promise<void> {
    this.stored = structuredClone(doc);
  }
  /** For tests: what would be on disk. */
  peek(): unknown {
    return this.stored;
  }
}

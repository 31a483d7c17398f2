// The profiles document in electron-store (a JSON file in userData, written atomically). Versioning and migrations
// are the core's (profiles/migrations.ts): this only loads and saves the document — never a secret value.
import Store from 'electron-store';
import type { ProfileStorage, ProfilesDocument } from '../core/profiles';

export class ElectronProfileStorage implements ProfileStorage {
  private readonly store = new Store<{ document?: unknown }>({ name: 'profiles', clearInvalidConfig: false });

  async load(): Promise<unknown> {
    return this.store.get('document');
  }

  async save(doc: ProfilesDocument): Promise<void> {
    this.store.set('document', doc);
  }
}

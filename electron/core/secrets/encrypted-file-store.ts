// A SecretStore that keeps each secret encrypted by an OS-provided cipher (Electron safeStorage: Keychain, DPAPI,
// libsecret/kwallet) in one file of the app's data folder. The cipher comes in through a small interface so this
// runs under Node in tests; the file holds only ciphertext, written atomically.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from '@core/profiles/secret-store';

export interface OsCipher {
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
  /** e.g. "keychain", "dpapi", "gnome_libsecret". */
  readonly backend: string;
}

export class EncryptedFileSecretStore implements SecretStore {
  private blobs: Record<string, string> | undefined;

  constructor(
    private readonly file: string,
    private readonly cipher: OsCipher,
  ) {}

  get backend(): string {
    return this.cipher.backend;
  }

  isPersistent(): boolean {
    return true;
  }

  async get(ref: string): Promise<string | undefined> {
    const blob = this.load()[ref];
    return blob === undefined ? undefined : this.cipher.decrypt(Buffer.from(blob, 'base64'));
  }

  async set(ref: string, value: string): Promise<void> {
    this.load()[ref] = this.cipher.encrypt(value).toString('base64');
    this.save();
  }

  async delete(ref: string): Promise<void> {
    const blobs = this.load();
    if (!(ref in blobs)) return;
    delete blobs[ref];
    this.save();
  }

  private load(): Record<string, string> {
    if (this.blobs) return this.blobs;
    this.blobs = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>) : {};
    return this.blobs;
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.blobs), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

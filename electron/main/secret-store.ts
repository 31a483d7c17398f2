// Secrets in the OS keychain through Electron safeStorage. Where the OS offers no real keychain (Linux
// `basic_text`), secrets stay in memory until the app quits, and the UI says so — never a weak fallback key.
import { safeStorage } from 'electron';
import { join } from 'node:path';
import { MemorySecretStore, type SecretStore } from '../core/profiles/secret-store';
import { EncryptedFileSecretStore } from '../core/secrets/encrypted-file-store';

export function createSecretStore(userDataDir: string): SecretStore {
  const linuxBackend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
  const usable = safeStorage.isEncryptionAvailable() && linuxBackend !== 'basic_text' && linuxBackend !== 'unknown';
  if (!usable) return new MemorySecretStore();
  const backend = linuxBackend ?? (process.platform === 'darwin' ? 'keychain' : process.platform === 'win32' ? 'dpapi' : 'os');
  return new EncryptedFileSecretStore(join(userDataDir, 'secrets.enc.json'), {
    backend,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  });
}

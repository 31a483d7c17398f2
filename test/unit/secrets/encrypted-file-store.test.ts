import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EncryptedFileSecretStore, type OsCipher } from '@core/secrets/encrypted-file-store';

// A reversible stand-in for the OS cipher (safeStorage is Electron-only).
const cipher: OsCipher = {
  backend: 'test',
  encrypt: (p) => Buffer.from(Buffer.from(p, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (c) => Buffer.from(c.map((b) => b ^ 0x5a)).toString('utf8'),
};

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('encrypted secret file', () => {
  it('stores only ciphertext and reads it back after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rrx-secrets-'));
    dirs.push(dir);
    const file = join(dir, 'secrets.enc.json');
    const secret = 'planted-secret-7f3a9c';
    await new EncryptedFileSecretStore(file, cipher).set('profile/p/node/n/basicAuth.password', secret);
    expect(readFileSync(file, 'utf8')).not.toContain(secret);
    const reopened = new EncryptedFileSecretStore(file, cipher);
    expect(await reopened.get('profile/p/node/n/basicAuth.password')).toBe(secret);
    expect(reopened.isPersistent()).toBe(true);
    await reopened.delete('profile/p/node/n/basicAuth.password');
    expect(await new EncryptedFileSecretStore(file, cipher).get('profile/p/node/n/basicAuth.password')).toBeUndefined();
  });
});

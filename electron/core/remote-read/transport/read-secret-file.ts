// Reads *_file fields (passwords, tokens, keys) at request time so rotated files are picked up; trims one trailing
// newline like Prometheus does for credentials. Errors name the field and path, never the content.
import { readFile } from 'node:fs/promises';
import { TransportError } from './transport-error';

export async function readSecretFile(path: string, field: string, trim = true): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    return trim ? text.trim() : text;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'read error';
    throw new TransportError('auth', `cannot read ${field} ${path} (${code})`);
  }
}

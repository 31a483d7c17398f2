// The profiles document as a JSON file (CLI `--profile`, bridge --data-dir). Writes go to a temporary file that is
// renamed over the old one, so a crash never leaves half a document. Never holds secret values.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { ProfileStorage } from './storage';
import { ProfileError, type ProfilesDocument } from './types';

export class JsonFileProfileStorage implements ProfileStorage {
  constructor(readonly path: string) {}

  async load(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ProfileError('storage', `cannot read the profiles file ${this.path}: ${(e as Error).message}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new ProfileError('corrupt-document', `the profiles file ${this.path} is not valid JSON: ${(e as Error).message}`);
    }
  }

  async save(doc: ProfilesDocument): Promise<void> {
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(doc, null, 2) + '\n', { encoding: 'utf8', mode: 0o600 });
      await rename(tmp, this.path);
    } catch (e) {
      throw new ProfileError('storage', `cannot write the profiles file ${this.path}: ${(e as Error).message}`);
    }
  }
}

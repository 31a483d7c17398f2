// CoreServices for tests: memory-backed profiles and secrets, a temp data dir, no demo unless asked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreServices } from '@core/api/create-handlers';
import type { EventSink } from '@core/api/handlers';
import { createProfileService } from '@core/api/host-services';
import { MemoryProfileStorage, MemorySecretStore } from '@core/profiles';

export async function testCoreServices(opts: { emit?: EventSink; demo?: boolean; secrets?: MemorySecretStore; storage?: MemoryProfileStorage } = {}): Promise<CoreServices & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rrx-test-data-'));
  const profiles = await createProfileService(opts.storage ?? new MemoryProfileStorage(), opts.secrets ?? new MemorySecretStore(), { demo: opts.demo ?? false });
  return { host: { mode: 'bridge' }, emit: opts.emit ?? (() => undefined), dataDir, profiles };
}

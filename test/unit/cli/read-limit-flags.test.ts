// The --read-max-* flags: sizes with units, counts, clear usage errors, and the limits reaching the cluster spec.
import { describe, expect, it } from 'vitest';
import { UsageError } from '@core/cli/command';
import { clusterFromFlags } from '@core/cli/cluster-flags';
import { parseSize, readLimitsFromFlags } from '@core/cli/read-limit-flags';

const io = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: '/', signal: new AbortController().signal };

describe('read limit flags', () => {
  it('parses sizes in bytes, SI and binary units', () => {
    expect(parseSize('1000', 'x')).toBe(1000);
    expect(parseSize('64MiB', 'x')).toBe(64 * 1024 * 1024);
    expect(parseSize('50MB', 'x')).toBe(50_000_000);
    expect(parseSize('1.5GiB', 'x')).toBe(1.5 * 1024 ** 3);
    for (const bad of ['', '0', '-5', '12 parsecs', 'MiB', '1e9']) expect(() => parseSize(bad, 'read-max-bytes')).toThrow(UsageError);
    expect(() => parseSize('lots', 'read-max-bytes')).toThrow('--read-max-bytes must be a positive size such as 64MiB or 100000000, got "lots"');
  });

  it('gives only the limits that were set, and none at all when none was', () => {
    expect(readLimitsFromFlags({})).toBeUndefined();
    expect(readLimitsFromFlags({ 'read-max-samples': '1000', 'read-max-decompressed-bytes': '8MiB' })).toEqual({ maxSamples: 1000, maxDecompressedBytes: 8 * 1024 * 1024 });
    expect(() => readLimitsFromFlags({ 'read-max-samples': '10k' })).toThrow('--read-max-samples must be a positive integer, got "10k"');
  });

  it('puts them on the cluster spec every reading command uses', async () => {
    const spec = await clusterFromFlags({ endpoint: ['http://127.0.0.1:9091/api/v1/read'], 'read-max-frame-bytes': '1MiB', 'read-max-bytes': '2GB' }, io);
    expect(spec.readLimits).toEqual({ maxFrameBytes: 1024 * 1024, maxBytes: 2_000_000_000 });
  });
});

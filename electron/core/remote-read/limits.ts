// Per-read limits and the running budget a read decodes against: samples, bytes received, bytes decompressed and
// frame size. Crossing a limit throws DecodeError('limit') naming it, so the read stops early instead of exhausting
// memory. Settable per cluster (ClusterSpec.readLimits) and on the CLI (--read-max-*).
import { DecodeError } from './errors';
import { DEFAULT_MAX_FRAME_BYTES } from './frame-reader';

export interface ReadLimits {
  /** Samples per read across all queries (Prometheus's --storage.remote.read-sample-limit default: 5e7). */
  maxSamples: number;
  /** Response bytes per read, as received (compressed for SAMPLES). */
  maxBytes: number;
  /** Largest accepted frame of a streamed response (Prometheus's chunked read limit default: 50 MB). */
  maxFrameBytes: number;
  /** Largest decompressed SAMPLES body (checked on its snappy header, before allocating). */
  maxDecompressedBytes: number;
}

/** How errors name each limit: the CLI flag (without dashes) that changes it. */
export const LIMIT_NAMES = {
  maxSamples: 'read-max-samples',
  maxBytes: 'read-max-bytes',
  maxFrameBytes: 'read-max-frame-bytes',
  maxDecompressedBytes: 'read-max-decompressed-bytes',
} as const satisfies Record<keyof ReadLimits, string>;

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxSamples: 50_000_000,
  maxBytes: 1024 * 1024 * 1024,
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  // ~30 M samples in SAMPLES encoding (~18 bytes each); streamed responses are unaffected.
  maxDecompressedBytes: 512 * 1024 * 1024,
};

export interface ReadProgress {
  bytes: number;
  series: number;
  samples: number;
}

/**
 * Where a read charges the samples it decodes and keeps, per query index of its request: the caller's memory budget
 * (core/memory). `extraBytes` is what histogram samples hold beyond a float sample. May throw to stop the read.
 */
export type HoldSamples = (queryIndex: number, samples: number, extraBytes: number) => void;

export class ReadBudget implements ReadProgress {
  bytes = 0;
  series = 0;
  samples = 0;

  constructor(
    readonly limits: ReadLimits,
    private readonly holdHook?: HoldSamples,
  ) {}

  /** Samples decoded and kept for query `queryIndex`: charged to the caller's memory budget, if any. */
  hold(queryIndex: number, samples: number, extraBytes = 0): void {
    if (this.holdHook && (samples > 0 || extraBytes > 0)) this.holdHook(queryIndex, samples, extraBytes);
  }

  addBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxBytes) {
      throw new DecodeError('limit', `response exceeds the ${LIMIT_NAMES.maxBytes} limit of ${this.limits.maxBytes} bytes`);
    }
  }

  addSamples(n: number): void {
    this.samples += n;
    if (this.samples > this.limits.maxSamples) {
      throw new DecodeError('limit', `response exceeds the ${LIMIT_NAMES.maxSamples} limit of ${this.limits.maxSamples} samples`);
    }
  }

  /** Throw if n more samples would cross the limit (checked before decoding a chunk; counts nothing). */
  ensureRoom(n: number): void {
    if (this.samples + n > this.limits.maxSamples) {
      throw new DecodeError('limit', `response exceeds the ${LIMIT_NAMES.maxSamples} limit of ${this.limits.maxSamples} samples`);
    }
  }

  addSeries(n = 1): void {
    this.series += n;
  }

  snapshot(): ReadProgress {
    return { bytes: this.bytes, series: this.series, samples: this.samples };
  }
}

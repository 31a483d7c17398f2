// Incremental parser of the STREAMED_XOR_CHUNKS body: frames of uvarint length, 4-byte big-endian CRC32-C of the
// message, then the message. Fed arbitrary byte slices; refuses oversize frames before buffering them.
import { crc32c } from './crc32c';
import { DecodeError } from './errors';

/** Prometheus's default chunked read limit (bytes per frame). */
export const DEFAULT_MAX_FRAME_BYTES = 50_000_000;

export class FrameReader {
  // Header state: the varint being read.
  private lenValue = 0;
  private lenMul = 1;
  private lenBytes = 0;
  // Body state: CRC + message, preallocated once the length is known so filling is linear.
  private body: Uint8Array | null = null;
  private filled = 0;

  constructor(
    private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES,
    /** How errors name the limit (the setting that changes it). */
    private readonly limitName = 'frame size',
  ) {}

  /**
   * Feed the next slice of the body; calls onFrame(message) for each complete, CRC-checked frame. The message may be
   * a view into `chunk`: valid during the call only (copy what must outlive it).
   */
  push(chunk: Uint8Array, onFrame: (message: Uint8Array) => void): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.body === null && this.lenBytes === 0) {
        // Fast path: a whole frame inside this slice is checked and handed over in place, without a copy.
        const whole = this.wholeFrameAt(chunk, i);
        if (whole >= 0) {
          const size = this.lenValue;
          this.lenValue = 0;
          const message = chunk.subarray(whole + 4, whole + 4 + size);
          checkCrc(chunk, whole, message);
          i = whole + 4 + size;
          onFrame(message);
          continue;
        }
      }
      if (this.body === null) {
        const b = chunk[i++];
        this.lenValue += (b & 0x7f) * this.lenMul;
        this.lenMul *= 128;
        this.lenBytes++;
        if (b >= 0x80) {
          if (this.lenBytes >= 10) throw new DecodeError('decode', 'frame length varint is too long');
          continue;
        }
        const size = this.lenValue;
        this.lenValue = 0;
        this.lenMul = 1;
        this.lenBytes = 0;
        if (size > this.maxFrameBytes) {
          throw new DecodeError('frame-too-large', `frame of ${size} bytes exceeds the ${this.limitName} limit of ${this.maxFrameBytes} bytes`);
        }
        this.body = new Uint8Array(4 + size);
        this.filled = 0;
      }
      const take = Math.min(n - i, this.body.length - this.filled);
      this.body.set(chunk.subarray(i, i + take), this.filled);
      this.filled += take;
      i += take;
      if (this.filled === this.body.length) {
        const body = this.body;
        this.body = null;
        const message = body.subarray(4);
        checkCrc(body, 0, message);
        onFrame(message);
      }
    }
  }

  /**
   * If a complete frame (length varint, CRC, message) starts at chunk[i], the offset of its CRC, with the message
   * length left in lenValue; else -1 and no state changed. Oversize and malformed lengths are left to the slow path,
   * which reports them.
   */
  private wholeFrameAt(chunk: Uint8Array, i: number): number {
    let size = 0;
    let mul = 1;
    const n = chunk.length;
    for (let k = 0; k < 9 && i + k < n; k++) {
      const b = chunk[i + k];
      size += (b & 0x7f) * mul;
      if (b < 0x80) {
        const crcAt = i + k + 1;
        if (size > this.maxFrameBytes || crcAt + 4 + size > n) return -1;
        this.lenValue = size;
        return crcAt;
      }
      mul *= 128;
    }
    return -1;
  }

  /** Call at end of stream: a partially received frame is an error. */
  end(): void {
    if (this.body !== null || this.lenBytes > 0) {
      throw new DecodeError('decode', 'response ended in the middle of a frame');
    }
  }

  /** Bytes of a partial frame currently buffered (for memory accounting). */
  bufferedBytes(): number {
    return this.body ? this.body.length : 0;
  }
}

/** Compare the big-endian CRC32-C at buf[at..at+4) with the message's. */
function checkCrc(buf: Uint8Array, at: number, message: Uint8Array): void {
  const want = ((buf[at] << 24) | (buf[at + 1] << 16) | (buf[at + 2] << 8) | buf[at + 3]) >>> 0;
  const got = crc32c(message);
  if (got !== want) throw new DecodeError('crc', `frame CRC32-C mismatch (expected ${hex(want)}, computed ${hex(got)})`);
}

function hex(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}

/** Frame one message (used by the in-repo server and tests). */
export function encodeFrame(message: Uint8Array): Uint8Array {
  let len = message.length;
  const varint: number[] = [];
  while (len >= 0x80) {
    varint.push((len & 0x7f) | 0x80);
    len = Math.floor(len / 128);
  }
  varint.push(len);
  const out = new Uint8Array(varint.length + 4 + message.length);
  out.set(varint, 0);
  const crc = crc32c(message);
  const o = varint.length;
  out[o] = crc >>> 24;
  out[o + 1] = (crc >>> 16) & 0xff;
  out[o + 2] = (crc >>> 8) & 0xff;
  out[o + 3] = crc & 0xff;
  out.set(message, o + 4);
  return out;
}

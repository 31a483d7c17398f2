// JSON wire format of the loopback bridge. Typed arrays travel as base64 of their bytes (bit-exact, so stale-marker
// NaNs survive) and come back as typed arrays — the bridge carries the same shapes as Electron's structured clone.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(256);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
    if (chunk.length > 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  if (i < n) {
    const v = (bytes[i] << 16) | ((i + 1 < n ? bytes[i + 1] : 0) << 8);
    chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + (i + 1 < n ? ALPHABET[(v >> 6) & 63] : '=') + '=';
  }
  parts.push(chunk);
  return parts.join('');
}

export function base64ToBytes(b64: string): Uint8Array {
  const clean = b64.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 3 < clean.length; i += 4) {
    const v = (LOOKUP[clean.charCodeAt(i)] << 18) | (LOOKUP[clean.charCodeAt(i + 1)] << 12) | (LOOKUP[clean.charCodeAt(i + 2)] << 6) | LOOKUP[clean.charCodeAt(i + 3)];
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  const rest = clean.length - i;
  if (rest >= 2) {
    const v = (LOOKUP[clean.charCodeAt(i)] << 18) | (LOOKUP[clean.charCodeAt(i + 1)] << 12) | (rest === 3 ? LOOKUP[clean.charCodeAt(i + 2)] << 6 : 0);
    out[o++] = v >> 16;
    if (rest === 3) out[o++] = (v >> 8) & 255;
  }
  return out.subarray(0, o);
}

type TypedArrayTag = 'f64' | 'f32' | 'u8' | 'u16' | 'u32' | 'i32';
const CTORS = { f64: Float64Array, f32: Float32Array, u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array } as const;

function tagOf(v: ArrayBufferView): TypedArrayTag | undefined {
  if (v instanceof Float64Array) return 'f64';
  if (v instanceof Float32Array) return 'f32';
  if (v instanceof Uint8Array) return 'u8';
  if (v instanceof Uint16Array) return 'u16';
  if (v instanceof Uint32Array) return 'u32';
  if (v instanceof Int32Array) return 'i32';
  return undefined;
}

/** Encode a value (with nested typed arrays) as JSON text. Non-finite plain numbers become tagged too. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (ArrayBuffer.isView(v)) {
      const tag = tagOf(v);
      if (tag) return { $ta: tag, b64: bytesToBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    }
    if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
    return v;
  });
}

export function decodeWire<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as { $ta?: TypedArrayTag; b64?: string; $num?: string };
      if (o.$ta && typeof o.b64 === 'string' && o.$ta in CTORS) {
        const bytes = base64ToBytes(o.b64);
        const copy = new Uint8Array(bytes.length);
        copy.set(bytes);
        const Ctor = CTORS[o.$ta];
        return new Ctor(copy.buffer, 0, copy.length / Ctor.BYTES_PER_ELEMENT);
      }
      if (typeof o.$num === 'string' && Object.keys(o).length === 1) return Number(o.$num);
    }
    return v;
  }) as T;
}

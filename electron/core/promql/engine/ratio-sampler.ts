// limit_ratio's deterministic sampling offset: xxhash64 of the label set (as Prometheus's labels.Hash encodes
// it) divided by 2^64-1, so the same series are kept as upstream keeps them.
import type { Labels } from '../../series/types';

const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;
const M = (1n << 64n) - 1n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M;
const round = (acc: bigint, input: bigint): bigint => (rotl((acc + input * P2) & M, 31n) * P1) & M;
const mergeRound = (acc: bigint, val: bigint): bigint => ((((acc ^ round(0n, val)) * P1) & M) + P4) & M;

function readU64(b: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k]);
  return v;
}
function readU32(b: Uint8Array, i: number): bigint {
  return BigInt(b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + (BigInt(b[i + 3]) << 24n);
}

export function xxhash64(b: Uint8Array): bigint {
  const n = b.length;
  let i = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = (P1 + P2) & M;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (0n - P1) & M;
    for (; i + 32 <= n; i += 32) {
      v1 = round(v1, readU64(b, i));
      v2 = round(v2, readU64(b, i + 8));
      v3 = round(v3, readU64(b, i + 16));
      v4 = round(v4, readU64(b, i + 24));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M;
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(n)) & M;
  for (; i + 8 <= n; i += 8) {
    h ^= round(0n, readU64(b, i));
    h = ((rotl(h, 27n) * P1) & M) + P4;
    h &= M;
  }
  if (i + 4 <= n) {
    h ^= (readU32(b, i) * P1) & M;
    h = (((rotl(h, 23n) * P2) & M) + P3) & M;
    i += 4;
  }
  for (; i < n; i++) {
    h ^= (BigInt(b[i]) * P5) & M;
    h = (rotl(h, 11n) * P1) & M;
  }
  h ^= h >> 33n;
  h = (h * P2) & M;
  h ^= h >> 29n;
  h = (h * P3) & M;
  h ^= h >> 32n;
  return h;
}

const enc = new TextEncoder();

/** labels.Hash(): name 0xff value 0xff for each label in name order. */
export function labelsHash(l: Labels): bigint {
  const parts: number[] = [];
  for (const k of Object.keys(l).sort()) {
    parts.push(...enc.encode(k), 0xff, ...enc.encode(l[k]), 0xff);
  }
  return xxhash64(Uint8Array.from(parts));
}

export function ratioSampleOffset(l: Labels): number {
  return Number(labelsHash(l)) / Number(M);
}

// The data snapshot inside a workspace file: JSON for what was asked and how each node answered, plus one binary
// block for the samples (deflate, base64). Label sets are stored once; timestamps as zig-zag varint deltas; values
// as raw little-endian float64 bits, so stale markers and NaN payloads come back bit-exact.
// Block version 2 adds each series' native histogram samples after its values (histogram-block.ts); version 1
// blocks (written before rrx read native histograms) still open: they simply hold none.
import { deflateSync, inflateSync } from 'node:zlib';
import type { ClusterNode, NodeOutcome } from '@core/cluster/fanout/types';
import { hostOf, SecretSet } from '@core/remote-read/redact';
import type { Labels, RawSeries, SelectorRequest } from '@core/series/types';
import { s, describeIssues } from '@shared/schema';
import { ByteReader, ByteWriter } from './byte-io';
import { WorkspaceError } from './errors';
import { readHistogramSection, writeHistogramSection } from './histogram-block';
import type { StoredRead } from './stored-read';

export const SAMPLES_ENCODING = 'rrx-samples/2';
/** Encodings this rrx opens: /1 is the float-only block of older workspaces. */
const READABLE_ENCODINGS = ['rrx-samples/1', SAMPLES_ENCODING] as const;
const MAGIC = [0x52, 0x52, 0x58, 0x53]; // "RRXS"
const BLOCK_VERSION = 2;
/** Largest inflated sample block opened (~60 M samples); a larger declaration is refused before inflating. */
export const MAX_SNAPSHOT_RAW_BYTES = 1024 * 1024 * 1024;
/** deflate's best case: 258 bytes per 2 bits, about 1032:1. */
const MAX_DEFLATE_RATIO = 1032;

export interface NodeMeta {
  index: number;
  name: string;
  host: string;
  ok: boolean;
  error?: string;
  errorKind?: string;
  warnings: string[];
  bytes: number;
  series: number;
  samples: number;
  readMs: number;
}

export interface ReadMeta {
  panelId?: string;
  expr: string;
  frame: { startMs: number; endMs: number; stepMs: number };
  lookbackDeltaMs?: number;
  readAtMs: number;
  requests: SelectorRequest[];
  nodes: NodeMeta[];
}

/** The `snapshot` member of a workspace file. */
export interface SnapshotBlock {
  encoding: (typeof READABLE_ENCODINGS)[number];
  compression: 'deflate';
  /** Size of the inflated sample block; checked on open. */
  rawBytes: number;
  reads: ReadMeta[];
  /** base64 of the deflated sample block. */
  data: string;
}

const num = s.number();
const matcherSchema = s.object({ type: s.enum(['=', '!=', '=~', '!~'] as const), name: s.string(), value: s.string({ maxLength: 1_000_000 }) });
const requestSchema = s.object({
  matchers: s.array(matcherSchema),
  startMs: num,
  endMs: num,
  hints: s.optional(
    s.object({
      startMs: num,
      endMs: num,
      stepMs: s.optional(num),
      func: s.optional(s.string()),
      rangeMs: s.optional(num),
      grouping: s.optional(s.array(s.string())),
      by: s.optional(s.boolean()),
    }),
  ),
});
const snapshotBlockSchema = s.object({
  encoding: s.enum(READABLE_ENCODINGS),
  compression: s.literal('deflate'),
  rawBytes: s.number({ integer: true, min: 0 }),
  data: s.string({ maxLength: 2_000_000_000 }),
  reads: s.array(
    s.object({
      panelId: s.optional(s.string()),
      expr: s.string({ maxLength: 100_000 }),
      frame: s.object({ startMs: num, endMs: num, stepMs: num }),
      lookbackDeltaMs: s.optional(num),
      readAtMs: num,
      requests: s.array(requestSchema),
      nodes: s.array(
        s.object({
          index: s.number({ integer: true, min: 0, max: 255 }),
          name: s.string(),
          host: s.string(),
          ok: s.boolean(),
          error: s.optional(s.string()),
          errorKind: s.optional(s.string()),
          warnings: s.array(s.string()),
          bytes: num,
          series: num,
          samples: num,
          readMs: num,
        }),
      ),
    }),
  ),
});

/** Plain JSON copy of a request (drops undefined members and any extra fields). */
function requestJson(r: SelectorRequest): SelectorRequest {
  const out: { matchers: SelectorRequest['matchers']; startMs: number; endMs: number; hints?: SelectorRequest['hints'] } = {
    matchers: r.matchers.map((m) => ({ type: m.type, name: m.name, value: m.value })),
    startMs: r.startMs,
    endMs: r.endMs,
  };
  if (r.hints) out.hints = JSON.parse(JSON.stringify(r.hints)) as SelectorRequest['hints'];
  return out;
}

/** Encode stored reads: meta as JSON, samples as one compressed binary block. */
export function encodeSnapshot(reads: readonly StoredRead[]): SnapshotBlock {
  const scrub = new SecretSet(); // no known secrets here: strips any URL userinfo from node messages
  const strings = new Map<string, number>();
  const stringList: string[] = [];
  const labelSets = new Map<string, number>();
  const labelSetList: number[][] = [];
  const str = (v: string): number => {
    let i = strings.get(v);
    if (i === undefined) {
      i = stringList.length;
      strings.set(v, i);
      stringList.push(v);
    }
    return i;
  };
  const labelSet = (labels: Labels): number => {
    const pairs: number[] = [];
    for (const name of Object.keys(labels).sort()) pairs.push(str(name), str(labels[name]));
    const key = pairs.join(',');
    let i = labelSets.get(key);
    if (i === undefined) {
      i = labelSetList.length;
      labelSets.set(key, i);
      labelSetList.push(pairs);
    }
    return i;
  };

  // Series bodies first (they fill the tables), then header + tables + bodies.
  const body = new ByteWriter();
  const metas: ReadMeta[] = reads.map((read) => {
    const { snapshot } = read;
    for (const o of snapshot.outcomes) {
      for (let r = 0; r < snapshot.requests.length; r++) writeSeriesList(body, o.ok ? (o.results[r] ?? []) : [], labelSet);
    }
    return {
      ...(read.panelId !== undefined ? { panelId: read.panelId } : {}),
      expr: read.expr,
      frame: { startMs: read.frame.startMs, endMs: read.frame.endMs, stepMs: read.frame.stepMs },
      ...(read.lookbackDeltaMs !== undefined ? { lookbackDeltaMs: read.lookbackDeltaMs } : {}),
      readAtMs: snapshot.readAtMs,
      requests: snapshot.requests.map(requestJson),
      nodes: snapshot.outcomes.map((o) => ({
        index: o.node.index,
        name: o.node.name,
        host: scrub.redact(o.host),
        ok: o.ok,
        ...(o.error !== undefined ? { error: scrub.redact(o.error) } : {}),
        ...(o.errorKind !== undefined ? { errorKind: o.errorKind } : {}),
        warnings: o.warnings.map((w) => scrub.redact(w)),
        bytes: o.bytes,
        series: o.series,
        samples: o.samples,
        readMs: o.readMs,
      })),
    };
  });

  const head = new ByteWriter();
  for (const b of MAGIC) head.byte(b);
  head.byte(BLOCK_VERSION);
  head.uvarint(stringList.length);
  for (const v of stringList) head.string(v);
  head.uvarint(labelSetList.length);
  for (const pairs of labelSetList) {
    head.uvarint(pairs.length / 2);
    for (const i of pairs) head.uvarint(i);
  }
  head.bytes(body.finish());
  const raw = head.finish();
  return { encoding: SAMPLES_ENCODING, compression: 'deflate', rawBytes: raw.length, reads: metas, data: deflateSync(raw, { level: 6 }).toString('base64') };
}

function writeSeriesList(w: ByteWriter, list: readonly RawSeries[], labelSet: (l: Labels) => number): void {
  w.uvarint(list.length);
  for (const series of list) {
    const ts = series.timestamps;
    const n = ts.length;
    if (series.values.length !== n) throw new RangeError('a series has different numbers of timestamps and values');
    w.uvarint(labelSet(series.labels));
    w.uvarint(n);
    let prev = 0;
    for (let i = 0; i < n; i++) {
      const t = ts[i];
      if (!Number.isSafeInteger(t)) throw new RangeError(`timestamp ${t} is not an integer number of milliseconds`);
      w.svarint(t - prev);
      prev = t;
    }
    w.float64s(series.values);
    writeHistogramSection(w, series.histograms);
  }
}

/** Decode a snapshot block; nodeUrl gives each node's (secret-free) URL from the workspace's profile. */
export function decodeSnapshot(block: unknown, nodeUrl: (index: number, name: string) => string, maxRawBytes = MAX_SNAPSHOT_RAW_BYTES): StoredRead[] {
  const issues = snapshotBlockSchema.check(block, 'snapshot');
  if (issues.length) throw new WorkspaceError('corrupt', `The workspace's data snapshot is malformed (${describeIssues(issues)}).`);
  const b = block as SnapshotBlock;
  // Node's base64 decoder skips characters outside the alphabet; a damaged file must not decode "fine".
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b.data)) throw new WorkspaceError('corrupt', "The workspace's data snapshot is not valid base64: the file is damaged.");
  const raw = inflateBounded(Buffer.from(b.data, 'base64'), b.rawBytes, maxRawBytes);
  const r = new ByteReader(raw);
  for (const m of MAGIC) if (r.byte() !== m) throw new WorkspaceError('corrupt', "The workspace's data snapshot is not in a known encoding.");
  const version = r.byte();
  if (version < 1 || version > BLOCK_VERSION) throw new WorkspaceError('newer-version', `The workspace's data snapshot uses encoding version ${version}; this rrx reads versions 1 to ${BLOCK_VERSION}. Update rrx.`);
  const strings: string[] = [];
  for (let i = r.uvarint(); i > 0; i--) strings.push(r.string());
  const labelSets: Labels[] = [];
  for (let i = r.uvarint(); i > 0; i--) {
    const labels: Record<string, string> = {};
    for (let p = r.uvarint(); p > 0; p--) labels[at(strings, r.uvarint())] = at(strings, r.uvarint());
    labelSets.push(labels);
  }

  const reads = b.reads.map((meta): StoredRead => {
    const outcomes: NodeOutcome[] = meta.nodes.map((nm) => {
      const node: ClusterNode = { index: nm.index, name: nm.name, endpoint: { url: nodeUrl(nm.index, nm.name), name: nm.name } };
      const results = meta.requests.map(() => readSeriesList(r, labelSets, version));
      return {
        node,
        host: nm.host || hostOf(node.endpoint.url),
        ok: nm.ok,
        results,
        ...(nm.error !== undefined ? { error: nm.error } : {}),
        ...(nm.errorKind !== undefined ? { errorKind: nm.errorKind } : {}),
        warnings: [...nm.warnings],
        bytes: nm.bytes,
        series: nm.series,
        samples: nm.samples,
        readMs: nm.readMs,
        fromCache: true,
      };
    });
    return {
      ...(meta.panelId !== undefined ? { panelId: meta.panelId } : {}),
      expr: meta.expr,
      frame: { ...meta.frame },
      ...(meta.lookbackDeltaMs !== undefined ? { lookbackDeltaMs: meta.lookbackDeltaMs } : {}),
      snapshot: { requests: meta.requests, outcomes, readAtMs: meta.readAtMs },
    };
  });
  if (!r.done) throw new WorkspaceError('corrupt', "The workspace's data snapshot has trailing data: the file is damaged.");
  return reads;
}

/**
 * Inflate the sample block, trusting nothing: the declared size must be under the limit and possible for the input
 * (deflate cannot exceed ~1032:1), and zlib stops the moment the output passes the declared size — so a
 * decompression bomb costs at most the declared size in memory, and fails in the time that takes.
 */
function inflateBounded(deflated: Buffer, rawBytes: number, maxRawBytes: number): Uint8Array {
  if (rawBytes > maxRawBytes) {
    throw new WorkspaceError('corrupt', `The workspace's data snapshot declares ${rawBytes} bytes of samples, over the limit of ${maxRawBytes} bytes for a snapshot: it is not opened.`);
  }
  if (rawBytes > deflated.length * MAX_DEFLATE_RATIO + 1024) {
    throw new WorkspaceError('corrupt', `The workspace's data snapshot declares ${rawBytes} bytes, more than ${deflated.length} compressed bytes can hold: the file is damaged.`);
  }
  let raw: Uint8Array;
  try {
    raw = inflateSync(deflated, { maxOutputLength: Math.max(1, rawBytes) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new WorkspaceError('corrupt', `The workspace's data snapshot inflates past its declared ${rawBytes} bytes (stopped there): the file is damaged or hostile.`);
    }
    throw new WorkspaceError('corrupt', "The workspace's data snapshot cannot be decompressed: the file is damaged.");
  }
  if (raw.length !== rawBytes) throw new WorkspaceError('corrupt', "The workspace's data snapshot has the wrong size: the file is damaged.");
  return raw;
}

function at<T>(list: readonly T[], i: number): T {
  if (i >= list.length) throw new WorkspaceError('corrupt', "The workspace's data snapshot refers to a missing entry: the file is damaged.");
  return list[i];
}

function readSeriesList(r: ByteReader, labelSets: readonly Labels[], version: number): RawSeries[] {
  const out: RawSeries[] = [];
  for (let k = r.uvarint(); k > 0; k--) {
    const labels = at(labelSets, r.uvarint());
    const n = r.uvarint();
    // Each sample takes at least 9 bytes (a 1-byte delta and 8 value bytes): check before allocating its arrays.
    if (n * 9 > r.remaining) throw new WorkspaceError('corrupt', "The workspace's data snapshot claims an impossible sample count: the file is damaged.");
    const timestamps = new Float64Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) timestamps[i] = t += r.svarint();
    const values = r.float64s(n);
    const histograms = version >= 2 ? readHistogramSection(r, n) : undefined;
    out.push(histograms ? { labels, timestamps, values, histograms } : { labels, timestamps, values });
  }
  return out;
}

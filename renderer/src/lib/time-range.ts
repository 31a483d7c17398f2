// Time ranges for query panels: relative presets ("last 1h") and absolute from/to, resolved to unix ms at run time.
// Pure: the caller passes "now", so tests and replays are deterministic.

export type TimeRange = { kind: 'relative'; durationMs: number } | { kind: 'absolute'; startMs: number; endMs: number };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

export const RANGE_PRESETS: readonly { label: string; durationMs: number }[] = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d', '2d', '7d'].map(
  (label) => ({ label, durationMs: parseDuration(label)! }),
);

/** Prometheus duration syntax ("1h30m", "90s", "250ms"); null when it is not one or is zero. */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (!s) return null;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    pos = re.lastIndex;
  }
  if (pos !== s.length || total <= 0) return null;
  return Math.round(total);
}

/** Shortest Prometheus-style spelling: 3600000 → "1h", 5400000 → "1h30m", 1500 → "1s500ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of [['w', UNIT_MS.w], ['d', UNIT_MS.d], ['h', UNIT_MS.h], ['m', UNIT_MS.m], ['s', UNIT_MS.s], ['ms', 1]] as const) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  // Weeks read oddly for ranges people type ("7d" not "1w"): fold a lone week into days.
  if (parts.length === 1 && parts[0].endsWith('w')) return `${parseInt(parts[0], 10) * 7}d`;
  return parts.join('');
}

export function resolveRange(range: TimeRange, nowMs: number): { startMs: number; endMs: number } {
  if (range.kind === 'absolute') return { startMs: range.startMs, endMs: range.endMs };
  return { startMs: nowMs - range.durationMs, endMs: nowMs };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Local time as "YYYY-MM-DD HH:mm:ss" (what the absolute inputs show and accept). */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * Parses what people type into a from/to box: "2024-05-01 13:00[:ss]" (local time), full ISO with zone, a unix
 * timestamp in seconds, or "now" / "now-1h" relative to nowMs. Null when unreadable.
 */
export function parseDateTime(text: string, nowMs: number): number | null {
  const s = text.trim();
  if (!s) return null;
  const rel = /^now(?:\s*-\s*(.+))?$/i.exec(s);
  if (rel) {
    if (!rel[1]) return nowMs;
    const d = parseDuration(rel[1]);
    return d === null ? null : nowMs - d;
  }
  if (/^\d{9,11}(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', se = '0'] = local;
    const t = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se)).getTime();
    return Number.isNaN(t) ? null : t;
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

/** Short label for a range button: "Last 1h" or "05-01 13:00 → 05-01 14:00". */
export function describeRange(range: TimeRange): string {
  if (range.kind === 'relative') return `Last ${formatDuration(range.durationMs)}`;
  return `${formatDateTime(range.startMs).slice(5, 16)} → ${formatDateTime(range.endMs).slice(5, 16)}`;
}

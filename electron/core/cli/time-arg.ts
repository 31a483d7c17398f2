// Parses time arguments of the CLI: unix seconds (float ok), RFC 3339, `now`, and `now±<duration>` such as
// `now-1h30m`. Returns unix milliseconds; never guesses at ambiguous input (it throws a UsageError instead).
import { UsageError } from './command';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/** Prometheus-style duration ("1h30m", "90s", "250ms") in milliseconds, or null when it is not one. */
export function parseDurationMs(text: string): number | null {
  if (!text || !/^(\d+(ms|s|m|h|d|w|y))+$/.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return total;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseTimeArg(text: string, nowMs: number = Date.now(), flag = 'time'): number {
  const t = text.trim();
  if (t === 'now') return nowMs;
  const rel = /^now([+-])(.+)$/.exec(t);
  if (rel) {
    const d = parseDurationMs(rel[2]);
    if (d === null) throw new UsageError(`${flag} "${text}": "${rel[2]}" is not a duration like 30m or 1h30m`);
    return rel[1] === '-' ? nowMs - d : nowMs + d;
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  if (RFC3339.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return ms;
  }
  throw new UsageError(`${flag} "${text}" is not unix seconds, RFC 3339, "now" or "now-1h"`);
}

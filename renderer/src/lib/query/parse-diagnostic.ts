// Our parser's answer (query.parse) → a CodeMirror lint diagnostic and the "line:column: message" text under the
// editor. Pure (only a type from @codemirror/lint).
import type { Diagnostic } from '@codemirror/lint';
import type { ParseCheck } from '@shared/api/query-types';

/** A diagnostic (the range is at least one character wide so it shows). */
export function parseDiagnostic(check: ParseCheck, docLength: number): Diagnostic | null {
  if (check.ok) return null;
  const from = Math.min(Math.max(0, check.start ?? 0), docLength);
  let to = Math.min(Math.max(from, check.end ?? from), docLength);
  if (to === from && docLength > 0) {
    if (from === docLength) return { from: docLength - 1, to: docLength, severity: 'error', message: parseErrorText(check), source: 'rrx parser' };
    to = from + 1;
  }
  return { from, to, severity: 'error', message: parseErrorText(check), source: 'rrx parser' };
}

/** "1:17: unclosed left parenthesis" (line:column first, as Prometheus prints positions). */
export function parseErrorText(check: ParseCheck): string {
  const message = check.message ?? 'parse error';
  // The engine's messages usually start with the position already ("1:17: parse error: …"); do not repeat it.
  if (/^\d+:\d+:/.test(message)) return message;
  const pos = check.line !== undefined && check.column !== undefined ? `${check.line}:${check.column}: ` : '';
  return `${pos}${message}`;
}


// Turns a failed call into one sentence for people, once, at the edge; "not-available" gets its own wording so a
// half-wired build says what is missing instead of looking broken.
import { ApiCallError } from './api';

export function errorMessage(e: unknown): string {
  if (e instanceof ApiCallError) {
    if (e.kind === 'not-available') return `${e.message} (this build does not implement it yet)`;
    return e.message;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

export function errorKind(e: unknown): string {
  return e instanceof ApiCallError ? e.kind : 'error';
}

// The text of a result's answer badge: the mode that answered, the engine for delegate, and "auto" when auto chose.
import type { AnswerInfo } from '@shared/api/query-types';

export function answerBadgeLabel(a: AnswerInfo): string {
  const base = a.mode === 'delegate' && a.engine ? `delegate → ${a.engine}` : a.mode;
  return a.requested === 'auto' ? `${base} (auto)` : a.requested !== a.mode ? `${base} (asked ${a.requested})` : base;
}

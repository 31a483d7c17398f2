// One user-facing sentence for any error, shared by the dispatcher and commands that report failures themselves.

/** A user-facing sentence for any error: typed errors supply their own; others keep only their message. */
export function errorSentence(e: unknown): string {
  if (e && typeof e === 'object' && 'toUserMessage' in e && typeof (e as { toUserMessage: unknown }).toUserMessage === 'function') {
    return (e as { toUserMessage(): string }).toUserMessage();
  }
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}

// One sentence per workspace file error kind, so "the file is damaged" reads differently from "made by a newer
// rrx" or "not a workspace at all". The core's message (which names the file) follows the heading.

const HEADINGS: Record<string, string> = {
  corrupt: 'This workspace file is damaged.',
  truncated: 'This workspace file is incomplete (it was cut off).',
  'newer-version': 'This workspace was saved by a newer version of rrx.',
  'not-a-workspace': 'This is not an rrx workspace file.',
  io: 'The file could not be read or written.',
  'overwrite-refused': 'A file that is not a workspace is already there.',
  'invalid-request': 'The path is not usable.',
  'query-not-found': 'A panel’s data is no longer cached.',
};

export function fileErrorMessage(kind: string, message: string): string {
  const h = HEADINGS[kind];
  if (!h) return message;
  // The core's message may already say it; do not repeat the heading word for word.
  return message.startsWith(h) ? message : `${h} ${message}`;
}

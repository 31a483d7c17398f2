// Thrown when a query (or, mid-stream, its data) turns out to need every series at once; the caller then answers
// it with the whole-snapshot path. Never reaches a user: it only picks the path.
export class NotStreamableError extends Error {
  override readonly name = 'NotStreamableError';
}

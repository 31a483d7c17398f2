// Typed errors of workspace files and offline evaluation, each with a kind for code and one plain sentence for people.
// Messages name the file by its path only; they never carry file contents.

export type WorkspaceErrorKind = 'corrupt' | 'truncated' | 'newer-version' | 'not-a-workspace' | 'io' | 'overwrite-refused';

export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
  constructor(
    readonly kind: WorkspaceErrorKind,
    message: string,
    /** For overwrite-refused: why the existing file is not replaced. */
    readonly reason?: WorkspaceErrorKind,
  ) {
    super(message);
  }
  toUserMessage(): string {
    return this.message;
  }
}

/** One selector read the snapshot does not hold, in words. */
export interface MissingRead {
  selector: string;
  startMs: number;
  endMs: number;
}

/** Offline evaluation needs a read the workspace's snapshot does not contain (no network is used to fetch it). */
export class SnapshotMissingError extends Error {
  override readonly name = 'SnapshotMissingError';
  readonly kind = 'snapshot-missing';
  constructor(readonly missing: MissingRead[]) {
    super(describeMissing(missing));
  }
  toUserMessage(): string {
    return this.message;
  }
}

function describeMissing(missing: MissingRead[]): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const list = missing.slice(0, 10).map((m) => `${m.selector} from ${iso(m.startMs)} to ${iso(m.endMs)}`);
  const more = missing.length > 10 ? `; and ${missing.length - 10} more` : '';
  return `The workspace's data snapshot does not cover this query offline; it has no read of ${list.join('; ')}${more}. Run the query against the cluster to fetch it.`;
}

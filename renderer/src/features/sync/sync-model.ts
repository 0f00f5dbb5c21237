import type {
  ConflictChoice,
  PullResultWire,
  PushResultWire,
  ResolvedConflict,
  SnapshotMerge,
  SyncConflict,
  SyncProgress,
  SyncStatusWire,
} from '../../../../shared/sync/sync-wire';

/** The transfers the Sync page starts; each shows progress and can be cancelled. */
export type SyncOperation = 'check' | 'pull' | 'push' | 'sync' | 'resolve';

export const OPERATION_WORDS: Readonly<Record<SyncOperation, string>> = {
  check: 'Checking the remote',
  pull: 'Pulling',
  push: 'Pushing',
  sync: 'Syncing',
  resolve: 'Resolving conflicts',
};

/** The sidebar's at-a-glance counts: "↑2 ↓1", or a tick when there is nothing to move. */
export function indicatorText(status: Pick<SyncStatusWire, 'ahead' | 'behind'>): string {
  if (status.ahead === 0 && status.behind === 0) return '✓';
  const parts: string[] = [];
  if (status.ahead > 0) parts.push(`↑${status.ahead}`);
  if (status.behind > 0) parts.push(`↓${status.behind}`);
  return parts.join(' ');
}

function commits(count: number): string {
  return `${count} commit${count === 1 ? '' : 's'}`;
}

/** The same counts in words, for screen readers and the Sync page. */
export function statusSentence(status: Pick<SyncStatusWire, 'ahead' | 'behind' | 'remote'>): string {
  if (status.ahead === 0 && status.behind === 0) return `Up to date with ${status.remote}.`;
  const parts: string[] = [];
  if (status.ahead > 0) parts.push(`${commits(status.ahead)} to push`);
  if (status.behind > 0) parts.push(`${commits(status.behind)} to pull`);
  return `${parts.join(', ')} (${status.remote}).`.replace(/^./, (first) => first.toUpperCase());
}

/** How far a transfer is, 0–100; null while the total is not known yet. */
export function progressPercent(progress: SyncProgress | null): number | null {
  if (progress === null || progress.total <= 0) return null;
  return Math.min(100, Math.round((progress.loaded / progress.total) * 100));
}

/** "Receiving objects: 40 of 120", from git's own phase names. */
export function progressText(progress: SyncProgress | null): string {
  if (progress === null) return 'Starting…';
  const phase = progress.phase.trim() || 'Working';
  return progress.total > 0
    ? `${phase}: ${progress.loaded} of ${progress.total}`
    : `${phase}: ${progress.loaded}`;
}

/** What a finished pull did, in one sentence; what it brought in is listed apart. */
export function pullOutcomeSentence(result: Pick<PullResultWire, 'outcome' | 'remote' | 'files'>): string {
  switch (result.outcome) {
    case 'up-to-date':
      return `Nothing new on ${result.remote}: the workspace already has everything.`;
    case 'ahead':
      return `Nothing new on ${result.remote}; this workspace has commits to push.`;
    case 'fast-forward':
    case 'merged':
      return `Pulled from ${result.remote}: ${result.files.length} file${result.files.length === 1 ? '' : 's'} updated.`;
  }
}

export function pushOutcomeSentence(result: Pick<PushResultWire, 'outcome' | 'remote'>): string {
  return result.outcome === 'pushed'
    ? `Pushed to ${result.remote}: teammates get your work when they pull.`
    : `Nothing to push: ${result.remote} already has everything.`;
}

export const CHOICE_WORDS: Readonly<Record<ConflictChoice, string>> = {
  mine: 'Keep mine',
  theirs: 'Keep theirs',
  both: 'Keep both',
};

export const CHOICE_EXPLANATIONS: Readonly<Record<ConflictChoice, string>> = {
  mine: 'Your version stays; the remote’s change to this file is dropped.',
  theirs: 'The remote’s version replaces yours.',
  both: 'Both keeps theirs and saves yours as a copy with a new id.',
};

/**
 * Whose approvals stop counting with a choice: an approval covers one version of a changeset, so
 * the version not kept (or, for both, yours, which becomes a new changeset) loses them.
 */
export function staleApprovals(conflict: Pick<SyncConflict, 'approvals'>, choice: ConflictChoice): string[] {
  return choice === 'theirs' || choice === 'both' ? conflict.approvals.mine : conflict.approvals.theirs;
}

export function staleApprovalWarning(
  conflict: Pick<SyncConflict, 'approvals'>,
  choice: ConflictChoice,
): string | null {
  const stale = staleApprovals(conflict, choice);
  if (stale.length === 0) return null;
  const side = choice === 'mine' ? 'their' : 'your';
  const who = stale.join(', ');
  return `${who}’s approval${stale.length === 1 ? '' : 's'} of ${side} version will be stale: ${stale.length === 1 ? 'it covers' : 'they cover'} a version that is not kept, so the changeset needs approving again.`;
}

/** What a conflicting file is called for a person: the changeset's title, else its path. */
export function conflictName(conflict: Pick<SyncConflict, 'title' | 'path'>): string {
  return conflict.title ?? conflict.path;
}

/** Resolve is offered once every conflict has a choice it allows. */
export function everyConflictChosen(
  conflicts: readonly Pick<SyncConflict, 'path' | 'choices'>[],
  chosen: Readonly<Record<string, ConflictChoice>>,
): boolean {
  return conflicts.every((conflict) => {
    const choice = chosen[conflict.path];
    return choice !== undefined && conflict.choices.includes(choice);
  });
}

/** What a resolving pull kept of one conflict, for a person. */
export function resolvedSentence(item: ResolvedConflict): string {
  const name = item.title ?? item.path;
  switch (item.choice) {
    case 'mine':
      return `${name}: kept your version.`;
    case 'theirs':
      return `${name}: took the remote’s version.`;
    case 'both':
      return item.copy !== null
        ? `${name}: took the remote’s version and saved yours as “${item.copy.title}” (${item.copy.changesetId}); approvals of yours do not carry over to the copy.`
        : `${name}: kept both versions.`;
  }
}

/** Which of two snapshots of one environment a merge kept: the newer; the other stays in history. */
export function snapshotMergeSentence(merge: SnapshotMerge): string {
  const kept = merge.kept === 'mine' ? 'yours' : 'the remote’s';
  return `${merge.environment}: both sides took a snapshot; kept ${kept}, the newer, and the other stays in history.`;
}

/**
 * The service's messages name `ferry` commands for the CLI; in the app the same failures point at
 * the buttons on the page. Other failures keep the service's own words (`fallback`).
 */
export function syncFailureText(code: string, fallback: string, where: 'page' | 'clone'): string {
  switch (code) {
    case 'sync.auth-failed':
      return where === 'page'
        ? 'The remote refused the user name and token, or needs some: log in to it with the right ones, then try again.'
        : 'The remote refused the user name and token, or needs some: fill them in below and try again.';
    case 'sync.behind':
      return 'The remote has commits this workspace does not have yet, so nothing was pushed: pull first, or use Sync to pull then push.';
    case 'sync.remote-not-found':
      return 'This workspace has no remote yet: add your team’s address under Remotes.';
    default:
      return fallback;
  }
}

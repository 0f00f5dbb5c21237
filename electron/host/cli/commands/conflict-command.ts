import { z } from 'zod';
import type {
  ConflictResolution,
  PullResultWire,
  ResolvedConflict,
  SnapshotMerge,
  SyncConflict,
} from '../../../../shared/sync/sync-wire';
import { commitIdSchema } from '../../../../shared/model/commit-changes';
import { conflictChoiceSchema } from '../../../../shared/sync/sync-wire';
import { terminalSafe } from '../../../services/sync/terminal-text';
import { flagText } from '../cli-io';
import { withTransfer, type CommandSpec } from '../transfer-command';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';

/**
 * `ferry conflicts` and `ferry resolve` (issue 16): when a pull is refused because this workspace
 * and the remote changed the same files, the first shows each of them side by side, the second
 * takes one choice per file and merges in a single commit. Both go through SyncService, as the
 * app's Sync page does; the command only parses and prints.
 */

export const conflictHelp = `usage: ferry conflicts [--remote <name>]
       ferry resolve <path or changeset id> <mine|theirs|both> [<path or id> <choice> …] [--at <commit>] [--remote <name>]

When you and a teammate changed the same file, \`ferry pull\` changes nothing and says so.
\`ferry conflicts\` fetches and lists each such file: what you did, what they did, and for a
changeset who approved each version. \`ferry resolve\` then merges, with one choice for every
conflict in the same call:

  mine     keep your version (theirs stays in history)
  theirs   keep their version (yours stays in history; approvals of yours show as stale)
  both     for a changeset: keep theirs under its id, and yours as a new changeset with a new
           id and "(your copy)" in its title; it starts without approvals, which signed the old one

An environment snapshot taken on both sides is no conflict: the newer one is kept whole and the
other stays in history. Nothing is written until every choice is given and valid, and a merge
that cannot be written is undone, so the workspace is never half-merged. Push afterwards.

\`ferry conflicts\` names the remote commit it compared against, and the resolve it suggests
carries it as --at: if a teammate pushes again in between, that resolve is refused (nothing is
merged) so you can look at the conflicts again. Without --at, resolve applies your choices to the
conflicts as the remote has them when it runs.

Examples:
  ferry conflicts
  ferry resolve video-support-1a2b3c both environments/prod/parameters.json theirs
`;

const choiceOf = z.enum(conflictChoiceSchema.options);

/** `video-support-1a2b3c "Video support"`, or the path for any other file. */
function nameOf(item: { path: string; changesetId: string | null; title: string | null }): string {
  if (item.changesetId === null) return item.path;
  return `changeset ${item.changesetId}${item.title === null ? '' : ` "${item.title}"`}`;
}

/** What one side did to the file since both last agreed, in a few words. */
function sideSummary(base: string | null, side: string | null, kind: SyncConflict['kind']): string {
  if (side === null) return 'deleted it';
  if (base === null) return 'added it';
  if (kind === 'changeset') {
    const fields = changedFields(base, side);
    if (fields !== null) return fields.length === 0 ? 'reformatted it' : `changed ${fields.join(', ')}`;
  }
  const lines = (text: string) => new Set(text.split('\n'));
  const before = lines(base);
  const after = lines(side);
  const added = [...after].filter((line) => !before.has(line)).length;
  const removed = [...before].filter((line) => !after.has(line)).length;
  return `changed it (+${added} −${removed} lines)`;
}

/** The top-level fields whose value differs from the base; null when either is not a JSON object. */
function changedFields(base: string, side: string): string[] | null {
  try {
    const before = JSON.parse(base) as unknown;
    const after = JSON.parse(side) as unknown;
    if (!isRecord(before) || !isRecord(after)) return null;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function approvedBy(names: string[]): string {
  return names.length === 0 ? 'approved by no one' : `approved by ${names.join(', ')}`;
}

function describeConflicts(conflicts: SyncConflict[]): string {
  if (conflicts.length === 0) return 'No conflicts: `ferry pull` brings in what the remote has.';
  const blocks = conflicts.map((conflict) => {
    const approvals =
      conflict.kind === 'changeset'
        ? [
            `  yours:   ${approvedBy(conflict.approvals.mine)}`,
            `  theirs:  ${approvedBy(conflict.approvals.theirs)}`,
          ]
        : [];
    return [
      nameOf(conflict) === conflict.path ? conflict.path : `${conflict.path} (${nameOf(conflict)})`,
      `  you ${sideSummary(conflict.base, conflict.mine, conflict.kind)}; they ${sideSummary(conflict.base, conflict.theirs, conflict.kind)}`,
      ...approvals,
      `  choose: ${conflict.choices.join(', ')}`,
    ].join('\n');
  });
  const count = conflicts.length === 1 ? '1 file' : `${conflicts.length} files`;
  const at = conflicts[0]?.theirsCommit;
  return [
    `You and the remote both changed ${count}:`,
    '',
    blocks.join('\n\n'),
    '',
    `Compared with the remote's commit ${at ?? '(unknown)'}.`,
    'Resolve them all in one call, a choice for each (mine, theirs, or both for a changeset):',
    `  ferry resolve ${conflicts.map((conflict) => `${conflict.changesetId ?? conflict.path} <choice>`).join(' ')}${at === undefined ? '' : ` --at ${at}`}`,
  ].join('\n');
}

function describeResolved(item: ResolvedConflict, result: PullResultWire): string {
  const name = nameOf(item);
  const mineCommit = result.before.slice(0, 7);
  switch (item.choice) {
    case 'mine':
      return `${name}: kept yours; theirs stays in history.`;
    case 'theirs':
      return `${name}: kept theirs; yours stays in history (commit ${mineCommit})${item.changesetId === null ? '' : ', and approvals of your version now show as stale'}.`;
    case 'both':
      return item.copy === null
        ? `${name}: kept both.`
        : `${name}: kept theirs under its id, and yours as the new changeset ${item.copy.changesetId} "${item.copy.title}" (${item.copy.path}); approvals of your old version now show as stale, and the copy has none yet, nor an author signature (\`ferry changeset sign ${item.copy.changesetId}\` adds yours).`;
  }
}

function describeSnapshot(item: SnapshotMerge): string {
  const when = item.kept === 'mine' ? item.mineAt : item.theirsAt;
  return `${item.environment} snapshot: both sides took one; kept ${item.kept === 'mine' ? 'yours' : 'theirs'} (the newer${when === null ? '' : `, ${when}`}), the other stays in history.`;
}

function describeResolve(result: PullResultWire): string {
  const from = `${result.remote}/${result.branch}`;
  if (result.outcome === 'up-to-date' || result.outcome === 'ahead') {
    return `Nothing to resolve: ${from} has nothing new.`;
  }
  const files = result.files.length === 1 ? '1 file' : `${result.files.length} files`;
  return [
    `Merged ${from} in one commit (${result.after.slice(0, 7)}): ${files} changed.`,
    ...(result.resolved ?? []).map((item) => describeResolved(item, result)),
    ...(result.snapshotMerges ?? []).map(describeSnapshot),
    'Push it with `ferry push` so the team has it.',
  ].join('\n');
}

/** `<target> <choice>` pairs from the command line. */
function resolutionsFrom(positionals: string[]): ConflictResolution[] {
  if (positionals.length === 0 || positionals.length % 2 !== 0) {
    throw new UsageError(
      `resolve needs pairs of <path or changeset id> <mine|theirs|both>, one for every conflict\n\n${conflictHelp}`,
    );
  }
  const resolutions: ConflictResolution[] = [];
  for (let index = 0; index < positionals.length; index += 2) {
    const path = positionals[index] ?? '';
    const choice = choiceOf.safeParse(positionals[index + 1]);
    if (!choice.success) {
      throw new UsageError(
        `"${positionals[index + 1] ?? ''}" is not a choice for ${path}: use mine, theirs or both`,
      );
    }
    resolutions.push({ path, choice: choice.data });
  }
  return resolutions;
}

export const conflictCommands: Readonly<Record<string, CommandSpec>> = {
  conflicts: {
    usage: 'ferry conflicts [--remote <name>]',
    summary: 'files you and the remote both changed, side by side',
    help: conflictHelp,
    options: { remote: { type: 'string' } },
    run: async (positionals, flags, global, io) => {
      if (positionals.length > 0) throw new UsageError('conflicts takes no arguments');
      const { sync } = await openWorkspaceServices(global, io);
      const conflicts = await withTransfer(io, flagText(flags, 'remote'), (control) =>
        sync.conflicts(control),
      );
      return { data: conflicts, human: terminalSafe(describeConflicts(conflicts)) };
    },
  },
  resolve: {
    usage: 'ferry resolve <path|changeset-id> <mine|theirs|both> …',
    summary: 'merge the remote, with your choice for every conflict',
    help: conflictHelp,
    options: { remote: { type: 'string' }, at: { type: 'string' } },
    run: async (positionals, flags, global, io) => {
      const resolutions = resolutionsFrom(positionals);
      const at = flagText(flags, 'at');
      if (at !== undefined && !commitIdSchema.safeParse(at).success) {
        throw new UsageError(`--at takes the 40-character commit \`ferry conflicts\` names, not "${at}"`);
      }
      const { sync } = await openWorkspaceServices(global, io);
      const result = await withTransfer(io, flagText(flags, 'remote'), (control) =>
        sync.resolve(resolutions, { ...control, theirsCommit: at }),
      );
      return { data: result, human: terminalSafe(describeResolve(result)) };
    },
  },
};

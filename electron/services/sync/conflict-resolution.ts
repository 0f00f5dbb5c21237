import { randomBytes } from 'node:crypto';
import { FerryError } from '../../../shared/api/api-error';
import { changesetSchema, type Changeset } from '../../../shared/model/changeset';
import type {
  ConflictChoice,
  ConflictResolution,
  ResolvedConflict,
  SyncConflict,
} from '../../../shared/sync/sync-wire';
import { fileEntryAt, writeBlobBytes } from '../git/remote-transfer';
import { parseChangeset } from './merge-files';
import type { MergePlan } from './merge-plan';
import type { TreeEdit } from './merge-tree';

const COPY_MARK = ' (your copy)';
const MAX_TITLE = 200;
/** Bounded: a clash of a 24-bit random suffix with an existing id is already unlikely. */
const COPY_ID_ATTEMPTS = 8;

/**
 * Pairs each conflict with its choice. A resolution names a conflict by path or by changeset id;
 * every conflict needs exactly one, and a choice the conflict does not allow is refused, so a
 * merge never guesses on someone's behalf.
 */
export function matchResolutions(
  conflicts: readonly SyncConflict[],
  resolutions: readonly ConflictResolution[],
): Map<string, ConflictChoice> {
  const chosen = new Map<string, ConflictChoice>();
  const unknown: string[] = [];
  const refused: string[] = [];
  for (const { path: target, choice } of resolutions) {
    const conflict = conflicts.find(
      (candidate) => candidate.path === target || candidate.changesetId === target,
    );
    if (conflict === undefined) {
      unknown.push(target);
      continue;
    }
    const earlier = chosen.get(conflict.path);
    if (earlier !== undefined && earlier !== choice) {
      refused.push(`${target} is given both ${earlier} and ${choice}`);
    } else if (!conflict.choices.includes(choice)) {
      refused.push(
        `${target} can be resolved only as ${conflict.choices.join(' or ')}${choice === 'both' ? ' (both keeps a copy of a changeset, and this is not one that can be copied)' : ''}`,
      );
    } else {
      chosen.set(conflict.path, choice);
    }
  }
  const missing = conflicts.filter((conflict) => !chosen.has(conflict.path)).map(label);
  const problems = [
    ...(unknown.length > 0
      ? [`${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not in conflict`]
      : []),
    ...refused,
    ...(missing.length > 0 ? [`no choice was given for ${missing.join(', ')}`] : []),
  ];
  if (problems.length > 0) {
    throw new FerryError(
      'sync.resolution-invalid',
      `Nothing was merged: ${problems.join('; ')}. Every conflict needs one choice in the same call: mine, theirs, or both for a changeset (\`ferry conflicts\` lists them).`,
      { unknown, missing: conflicts.filter((conflict) => !chosen.has(conflict.path)).map((c) => c.path) },
    );
  }
  return chosen;
}

function label(conflict: SyncConflict): string {
  return conflict.changesetId === null
    ? conflict.path
    : `${conflict.path} (changeset ${conflict.changesetId})`;
}

/**
 * The tree edits that carry out the choices (mine needs none: the merge starts from my tree) and
 * what was kept, in words for the caller. For both: theirs stays under its id, and mine becomes a
 * new changeset with a new id and a title saying it is my copy; my approvals stay with the id they
 * sign, where they now approve a version that is no longer there (stale), and none come to the copy.
 */
export async function resolutionEdits(
  dir: string,
  plan: MergePlan,
  conflicts: readonly SyncConflict[],
  choices: ReadonlyMap<string, ConflictChoice>,
): Promise<{ edits: TreeEdit[]; resolved: ResolvedConflict[] }> {
  const edits: TreeEdit[] = [];
  const resolved: ResolvedConflict[] = [];
  for (const conflict of conflicts) {
    const choice = choices.get(conflict.path);
    if (choice === undefined) continue;
    const kept: ResolvedConflict = {
      path: conflict.path,
      choice,
      changesetId: conflict.changesetId,
      title: conflict.title,
      copy: null,
    };
    if (choice !== 'mine') {
      // Theirs kept under the id: with it their signatures of that version (mine sign my version,
      // which for both goes to the copy, where they would not count anyway).
      for (const path of [conflict.path, ...(plan.companions.get(conflict.path) ?? [])]) {
        edits.push({ path, file: await fileEntryAt(dir, plan.theirs, path) });
      }
    }
    if (choice === 'both') {
      const mine = conflict.changesetId === null ? null : parseChangeset(conflict.mine, conflict.changesetId);
      if (mine === null) throw new Error(`${conflict.path}: mine is not a changeset a copy can be made of`);
      const copy = await copyOf(dir, plan, mine);
      const text = `${JSON.stringify(copy, null, 2)}\n`;
      const path = `changesets/${copy.id}.json`;
      edits.push({
        path,
        file: { oid: await writeBlobBytes(dir, new TextEncoder().encode(text)), mode: '100644' },
      });
      kept.copy = { changesetId: copy.id, path, title: copy.title };
    }
    resolved.push(kept);
  }
  return { edits, resolved };
}

/** Mine under a new id no side has, marked as my copy; checked as any changeset is. */
async function copyOf(dir: string, plan: MergePlan, mine: Changeset): Promise<Changeset> {
  const stem = mine.id.replace(/-[0-9a-f]{6}$/, '').slice(0, 60);
  for (let attempt = 0; attempt < COPY_ID_ATTEMPTS; attempt += 1) {
    const id = `${stem}-copy-${randomBytes(3).toString('hex')}`;
    const path = `changesets/${id}.json`;
    const taken = (await fileEntryAt(dir, plan.ours, path)) ?? (await fileEntryAt(dir, plan.theirs, path));
    if (taken !== null) continue;
    return changesetSchema.parse({
      ...mine,
      id,
      title: `${mine.title.slice(0, MAX_TITLE - COPY_MARK.length)}${COPY_MARK}`,
      origin: `your copy of ${mine.id}, kept when resolving a sync conflict`,
    });
  }
  throw new Error(`no free id for a copy of ${mine.id} after ${COPY_ID_ATTEMPTS} attempts`);
}

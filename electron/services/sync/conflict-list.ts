import type { Changeset } from '../../../shared/model/changeset';
import { changesetDigest } from '../../../shared/model/changeset-digest';
import { approvalStatementSchema } from '../../../shared/signing/approval-statement';
import { dsseEnvelopeSchema, envelopePayload } from '../../../shared/signing/dsse-envelope';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import type { ConflictChoice, SyncConflict } from '../../../shared/sync/sync-wire';
import { fileEntryAt, folderEntriesAt, readBlobBytes } from '../git/remote-transfer';
import { changesetIdOf, parseChangeset } from './merge-files';
import type { MergePlan } from './merge-plan';

/** An approval is a few hundred bytes; a much larger file is not read as one. */
const MAX_APPROVAL_BYTES = 64 * 1024;

/**
 * A side larger than this is not put in the listing whole: a teammate can push a file of any
 * size, and three copies of it in one IPC answer (or --json) could exhaust the host's memory.
 */
const MAX_SHOWN_BYTES = 2 * 1024 * 1024;

/** A side's text for the listing: null where it has no file, a note in place of a file too large to show. */
async function shownTextAt(dir: string, commit: string, path: string): Promise<string | null> {
  const entry = await fileEntryAt(dir, commit, path);
  if (entry === null) return null;
  const bytes = await readBlobBytes(dir, entry.oid);
  if (bytes.length <= MAX_SHOWN_BYTES) return new TextDecoder().decode(bytes);
  const size = (bytes.length / (1024 * 1024)).toFixed(1);
  return `(This version is ${size} MB, too large to show here: see it with \`git show ${commit.slice(0, 12)}:${path}\`.)`;
}

/**
 * Every conflict of the plan side by side. For a changeset: its title, the choices (both only
 * when mine is a readable changeset a copy can be made of), and who approved the version on each
 * side. The names are what each approval claims, read without checking signatures: it says whose
 * approval a choice would leave stale; the approval status after the merge is what counts.
 */
export async function describeConflicts(dir: string, plan: MergePlan): Promise<SyncConflict[]> {
  const conflicts: SyncConflict[] = [];
  for (const path of plan.conflicts) {
    const [base, mine, theirs] = await Promise.all([
      shownTextAt(dir, plan.base, path),
      shownTextAt(dir, plan.ours, path),
      shownTextAt(dir, plan.theirs, path),
    ]);
    const id = changesetIdOf(path);
    if (id === null) {
      conflicts.push({
        path,
        kind: 'other',
        changesetId: null,
        title: null,
        base,
        mine,
        theirs,
        choices: ['mine', 'theirs'],
        approvals: { mine: [], theirs: [] },
      });
      continue;
    }
    const versions = {
      base: parseChangeset(base, id),
      mine: parseChangeset(mine, id),
      theirs: parseChangeset(theirs, id),
    };
    const choices: ConflictChoice[] =
      versions.mine !== null && theirs !== null ? ['mine', 'theirs', 'both'] : ['mine', 'theirs'];
    conflicts.push({
      path,
      kind: 'changeset',
      changesetId: id,
      title: versions.mine?.title ?? versions.theirs?.title ?? versions.base?.title ?? null,
      base,
      mine,
      theirs,
      choices,
      approvals: {
        mine: await approversOf(dir, plan.ours, id, versions.mine),
        theirs: await approversOf(dir, plan.theirs, id, versions.theirs),
      },
    });
  }
  return conflicts;
}

/** Who approved exactly this version of the changeset in that commit (decision "approved"). */
async function approversOf(
  dir: string,
  commit: string,
  id: string,
  changeset: Changeset | null,
): Promise<string[]> {
  if (changeset === null) return [];
  const digest = changesetDigest(changeset).slice('sha256:'.length);
  const names = new Set<string>();
  for (const entry of await folderEntriesAt(dir, commit, `changesets/${id}.approvals`)) {
    if (entry.type !== 'blob' || !entry.name.endsWith('.json')) continue;
    const bytes = await readBlobBytes(dir, entry.oid);
    if (bytes.length > MAX_APPROVAL_BYTES) continue;
    const owner = approvalOwner(new TextDecoder().decode(bytes), id, digest);
    if (owner !== null) names.add(owner);
  }
  return [...names].sort();
}

function approvalOwner(text: string, id: string, digest: string): string | null {
  try {
    const envelope = dsseEnvelopeSchema.safeParse(parseStrictJson(text));
    if (!envelope.success) return null;
    const payload = new TextDecoder().decode(envelopePayload(envelope.data));
    const statement = approvalStatementSchema.safeParse(parseStrictJson(payload));
    if (!statement.success) return null;
    const { predicate, subject } = statement.data;
    const signs = subject[0]?.digest.sha256 === digest && predicate.changesetId === id;
    return signs && predicate.decision === 'approved' ? predicate.approver.owner : null;
  } catch {
    return null;
  }
}

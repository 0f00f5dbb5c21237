import { changesetSchema, type Changeset } from '../../../shared/model/changeset';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { fileEntryAt, readBlobBytes } from '../git/remote-transfer';

/*
 * Reading one side's version of a file for a merge: its text, and as a changeset when it is one.
 */

/** The changeset a path holds: `changesets/<id>.json` (not its approvals or author signatures). */
export function changesetIdOf(path: string): string | null {
  return /^changesets\/([^/]+)\.json$/.exec(path)?.[1] ?? null;
}

/** A file's text in a commit; null when the commit has no file there. */
export async function textAt(dir: string, commit: string, path: string): Promise<string | null> {
  const entry = await fileEntryAt(dir, commit, path);
  if (entry === null) return null;
  return new TextDecoder().decode(await readBlobBytes(dir, entry.oid));
}

/** The text as a changeset under `id`, or null when it is not one (damaged, another id). */
export function parseChangeset(text: string | null, id: string): Changeset | null {
  if (text === null) return null;
  try {
    const parsed = changesetSchema.safeParse(parseStrictJson(text));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch {
    return null;
  }
}

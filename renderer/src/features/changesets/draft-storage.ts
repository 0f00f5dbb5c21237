import { z } from 'zod';
import { changesetSchema, type Changeset } from '../../../../shared/model/changeset';
import { parseStrictJson } from '../../../../shared/signing/strict-json';

/**
 * Unsaved edits kept in the renderer's own storage, one entry per workspace and changeset, so a
 * closed window or a crash does not lose them: the editor offers them back on reopen. Storage is
 * only this machine's browser profile, but what is read back is still checked like any input:
 * an entry that is not a changeset draft for this very changeset is ignored and removed.
 */

/** The part of the Web Storage API used here, so tests can pass their own. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const storedDraftSchema = z
  .object({
    format: z.literal(1),
    /** The digest of the saved version the edits were made on. */
    savedDigest: z.string().max(200),
    /** When the edits were last kept (ISO 8601). */
    at: z.iso.datetime(),
    draft: changesetSchema,
  })
  .strict();
export type StoredDraft = z.infer<typeof storedDraftSchema>;

const PREFIX = 'ferry.unsaved-changeset';

export function draftStorageKey(workspace: string, changesetId: string): string {
  // JSON keeps the two parts apart whatever characters a path holds.
  return `${PREFIX}:${JSON.stringify([workspace, changesetId])}`;
}

/** The kept edits of the changeset, or null (none, unreadable, or for another changeset). */
export function readStoredDraft(
  storage: DraftStorage,
  workspace: string,
  changesetId: string,
): StoredDraft | null {
  const key = draftStorageKey(workspace, changesetId);
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return null;
  }
  if (text === null) return null;
  let value: unknown;
  try {
    value = parseStrictJson(text);
  } catch {
    value = undefined;
  }
  const parsed = storedDraftSchema.safeParse(value);
  if (!parsed.success || parsed.data.draft.id !== changesetId) {
    removeStoredDraft(storage, workspace, changesetId);
    return null;
  }
  return parsed.data;
}

/** Keeps the edits; false when storage refused them (full, or disabled), so the caller can say so. */
export function writeStoredDraft(
  storage: DraftStorage,
  workspace: string,
  entry: { savedDigest: string; at: Date; draft: Changeset },
): boolean {
  const value: StoredDraft = {
    format: 1,
    savedDigest: entry.savedDigest,
    at: entry.at.toISOString(),
    draft: entry.draft,
  };
  try {
    storage.setItem(draftStorageKey(workspace, entry.draft.id), JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeStoredDraft(storage: DraftStorage, workspace: string, changesetId: string): void {
  try {
    storage.removeItem(draftStorageKey(workspace, changesetId));
  } catch {
    // Storage that cannot be written holds nothing to remove.
  }
}

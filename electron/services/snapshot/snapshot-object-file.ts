import { z } from 'zod';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import type { JsonObject } from '../../../shared/model/canonical/json-value';

/** One object of a snapshot is one JSON object; its type's own schema is applied where it is used. */
const snapshotObjectSchema = z.record(z.string(), z.unknown());

/**
 * Reads one committed snapshot object file. Anyone with push access can commit a broken one, so a
 * file that is not one JSON object is named with its path (and the commit it was read from) in
 * every command that reads it, instead of surfacing as a bare parse error with no file to fix.
 */
export function parseSnapshotObjectFile(text: string, path: string, commit: string | null): JsonObject {
  let raw: unknown;
  let reason = 'it holds no JSON object';
  try {
    raw = JSON.parse(text);
  } catch (error) {
    reason = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const parsed = snapshotObjectSchema.safeParse(raw);
  if (raw === undefined || !parsed.success) {
    const at = commit === null ? '' : ` at commit ${commit.slice(0, 12)}`;
    throw new FerryError(
      ErrorCode.workspaceCorrupt,
      `The snapshot file ${path}${at} is damaged: ${reason}. Take a fresh snapshot of the environment (ferry snapshot <env>) or restore the file from the workspace's history.`,
      { path, ...(commit === null ? {} : { commit }) },
    );
  }
  return parsed.data as JsonObject;
}

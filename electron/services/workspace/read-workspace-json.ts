import { join } from 'node:path';
import type { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import { parseStrictJson, StrictJsonError } from '../../../shared/signing/strict-json';
import { readRegularFile } from '../fs/read-regular-file';

const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * A shared JSON file of the workspace (parameters, flagged fields…), which a teammate controls:
 * read only as a regular file (a committed link is never followed), parsed strictly (duplicate
 * keys and `__proto__` refused) and checked by its schema. Null when the file is absent.
 */
export async function readWorkspaceJson<T>(
  workspaceDir: string,
  relativePath: string,
  schema: z.ZodType<T>,
): Promise<T | null> {
  const text = await readRegularFile(join(workspaceDir, relativePath), MAX_FILE_BYTES);
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = parseStrictJson(text);
  } catch (error) {
    const why = error instanceof StrictJsonError || error instanceof SyntaxError ? error.message : 'not JSON';
    throw new FerryError(
      'workspace.corrupt',
      `${relativePath} is not valid JSON (${why}); fix or remove it in the workspace`,
      { file: relativePath },
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new FerryError(
      'workspace.corrupt',
      `${relativePath} is not valid: ${describeIssues(toFieldIssues(parsed.error))}; fix it in the workspace`,
      { file: relativePath },
    );
  }
  return parsed.data;
}

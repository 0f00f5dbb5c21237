import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import {
  WORKSPACE_CONFIG_FILE,
  WORKSPACE_FORMAT_VERSION,
  workspaceConfigSchema,
  type WorkspaceConfig,
} from '../../../shared/model/workspace';

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export function serializeWorkspaceConfig(config: WorkspaceConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Reads and checks `ferry.json`; every refusal names the file and what is wrong with it. */
export async function readWorkspaceConfig(
  folder: string,
): Promise<{ config: WorkspaceConfig; text: string }> {
  const file = join(folder, WORKSPACE_CONFIG_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) {
      throw new FerryError(
        ErrorCode.workspaceNotAWorkspace,
        `${folder} is not a Ferry workspace: it has no ${WORKSPACE_CONFIG_FILE}`,
        { path: folder },
      );
    }
    throw error;
  }
  if (bytes.byteLength > MAX_CONFIG_BYTES) {
    throw new FerryError(ErrorCode.workspaceCorrupt, `${file} is larger than ${MAX_CONFIG_BYTES} bytes`, {
      file,
    });
  }
  const text = bytes.toString('utf8');
  return { config: parseWorkspaceConfig(text, file), text };
}

export function parseWorkspaceConfig(text: string, file: string): WorkspaceConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON';
    throw new FerryError(ErrorCode.workspaceCorrupt, `${file} is not valid JSON: ${reason}`, { file });
  }
  // The version is checked before the shape: a newer format may legitimately look different.
  const version =
    typeof raw === 'object' && raw !== null && 'formatVersion' in raw
      ? (raw as { formatVersion: unknown }).formatVersion
      : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > WORKSPACE_FORMAT_VERSION) {
    throw new FerryError(
      ErrorCode.workspaceNewerFormat,
      `${file} has format version ${version}; this Ferry reads up to version ${WORKSPACE_FORMAT_VERSION}. Update Ferry to open it.`,
      { file, formatVersion: version, supported: WORKSPACE_FORMAT_VERSION },
    );
  }
  const parsed = workspaceConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new FerryError(
      ErrorCode.workspaceCorrupt,
      `${file} is not a valid workspace file: ${describeIssues(issues)}`,
      {
        file,
        issues,
      },
    );
  }
  return parsed.data;
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

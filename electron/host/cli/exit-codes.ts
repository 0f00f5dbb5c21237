import { ErrorCode } from '../../../shared/api/api-error';

/** DESIGN §8: what a pipeline can branch on. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  badInput: 2,
  refused: 3,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

const BAD_INPUT_CODES: ReadonlySet<string> = new Set([
  ErrorCode.requestInvalid,
  ErrorCode.pathInvalid,
  ErrorCode.workspaceNotFound,
  ErrorCode.workspaceNotAWorkspace,
  ErrorCode.workspaceNewerFormat,
  ErrorCode.workspaceCorrupt,
  ErrorCode.workspaceExists,
  ErrorCode.workspaceFolderNotEmpty,
  ErrorCode.workspaceNoneOpen,
  'usage',
  'environment.not-found',
  'environment.exists',
  'environment.no-credentials',
  'environment.region-unknown',
  'snapshot.duplicate-key',
  'object-type.unknown',
  'compare.commit-unknown',
  'compare.no-history',
  'compare.no-snapshot',
  'drift.none',
  'drift.not-ignored',
  'changeset.not-found',
  'changeset.invalid',
  'changeset.missing-dependencies',
  'key.none',
  'key.exists',
  'trust.key-invalid',
  'trust.key-exists',
  'trust.key-revoked',
  'trust.key-not-found',
  'trust.invalid',
  'policy.invalid',
]);

const REFUSED_CODES: ReadonlySet<string> = new Set(['conflict', 'gate.refused', 'environment.locked', 'run.unverified']);

export function exitCodeFor(errorCode: string): ExitCodeValue {
  if (BAD_INPUT_CODES.has(errorCode)) return ExitCode.badInput;
  if (REFUSED_CODES.has(errorCode)) return ExitCode.refused;
  return ExitCode.failed;
}

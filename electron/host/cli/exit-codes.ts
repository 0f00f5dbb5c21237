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
  'vault.passphrase-weak',
  'vault.wrong-passphrase',
  'trust.key-invalid',
  'trust.key-exists',
  'trust.key-revoked',
  'trust.key-not-found',
  'trust.invalid',
  'trust.exists',
  'trust.no-proposal',
  'trust.fingerprint-unknown',
  'policy.invalid',
  // Issue 12 §6: a run id that names no run, and a run folder whose result.json cannot be read.
  'run.not-found',
  'run.corrupt',
]);

const REFUSED_CODES: ReadonlySet<string> = new Set([
  'trust.unverified',
  'trust.not-admin',
  'trust.none',
  'trust.proposal-outdated',
  'trust.proposal-pending',
  'trust.pin-damaged',
  'conflict',
  'gate.refused',
  'environment.locked',
  'run.unverified',
  // Issue 11 §7–8: secrets kept from where they may not go, workspace links never written through.
  'vault.secret-destination-changed',
  'vault.secret-unbound',
  'environment.secret-not-for-sandbox',
  'environment.sandbox-not-loopback',
  'genesys.destination-refused',
  'workspace.symlink-refused',
  // Issue 13: the vault opened by a passphrase typed in, and the demo workspace's second person.
  'vault.locked',
  'vault.unavailable',
  'demo.only',
  'demo.approver-off',
]);

export function exitCodeFor(errorCode: string): ExitCodeValue {
  if (BAD_INPUT_CODES.has(errorCode)) return ExitCode.badInput;
  if (REFUSED_CODES.has(errorCode)) return ExitCode.refused;
  return ExitCode.failed;
}

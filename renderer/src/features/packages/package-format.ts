import type { PackageReport, PackageSigner } from '../../../../shared/model/package-wire';

/** The channels refuse a longer text; a package is ASCII, so bytes on disk and characters agree. */
export const PACKAGE_MAX_BYTES = 8 * 1024 * 1024;

export const EXPIRY_MIN_DAYS = 1;
export const EXPIRY_MAX_DAYS = 365;

function signerName(signer: PackageSigner): string {
  return signer.owner ?? `unknown key ${signer.keyId.slice(0, 8)}`;
}

/** "Ada", "Ada and Rita", "Ada, Rita and Bob". */
function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function failedChecks(report: PackageReport): number {
  return report.checks.filter((check) => !check.passed).length;
}

/** The one line a reviewer reads first: who vouches for the package, or how many checks refuse it. */
export function verdictText(report: PackageReport): string {
  if (!report.ok) {
    const failed = failedChecks(report);
    return failed === 0 ? 'Rejected' : `Rejected: ${failed} check${failed === 1 ? '' : 's'} failed`;
  }
  const authors = report.signers.filter((signer) => signer.role === 'author').map(signerName);
  const approvers = report.signers
    .filter((signer) => signer.role === 'approver' && signer.decision === 'approved')
    .map(signerName);
  const signed = authors.length > 0 ? `signed by ${listNames(authors)}` : 'no author signature';
  const approved = approvers.length > 0 ? `approved by ${listNames(approvers)}` : 'no approvals';
  return `Verified: ${signed}, ${approved}`;
}

/** Why the expiry field is refused, or null; empty means the service's default. */
export function expiryProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const days = Number(trimmed);
  if (!Number.isInteger(days) || days < EXPIRY_MIN_DAYS || days > EXPIRY_MAX_DAYS) {
    return `Enter a whole number of days from ${EXPIRY_MIN_DAYS} to ${EXPIRY_MAX_DAYS}`;
  }
  return null;
}

export function shortDigest(digest: string): string {
  const [algorithm, value] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  return `${algorithm ? `${algorithm}:` : ''}${(value ?? '').slice(0, 12)}`;
}

/** Why Export is off, naming the step that is missing; null when it can run. */
export function exportBlocker(choice: {
  changesetId: string | null;
  targets: readonly string[];
  environments: number;
  expiresInDays: string;
}): string | null {
  if (choice.changesetId === null) return 'Choose the changeset to export first.';
  if (choice.environments === 0) return 'Add the target environments in Environments first.';
  if (choice.targets.length === 0) return 'Tick at least one environment the package is for.';
  const expiry = expiryProblem(choice.expiresInDays);
  return expiry === null ? null : `Fix the expiry first: ${expiry}.`;
}

/**
 * Package verification, who signed, for the report: the author and each approver, with whether
 * every check about their key passed. Apart because it is a view over the inspection's checks and
 * facts, not a check of its own.
 */
import type { PackageCheck, PackageSigner } from '../../model/package-wire';
import type { PackageFacts } from './verify-types';

/** The checks about the key itself; what the signature is over (binding, time, decision) is judged apart. */
const KEY_CHECKS = ['trusted', 'keyid', 'signature', 'role', 'key-validity'];

export function signersOf(facts: PackageFacts, checks: readonly PackageCheck[]): PackageSigner[] {
  const passedAll = (prefix: string) =>
    checks
      .filter((check) => KEY_CHECKS.some((name) => check.check === `${prefix}-${name}`))
      .every((check) => check.passed);
  const signers: PackageSigner[] = [];
  const statement = facts.statement;
  signers.push({
    keyId: facts.authorSigner?.keyId ?? facts.authorKeyId ?? statement?.predicate.author.keyId ?? '',
    owner: facts.authorSigner?.owner ?? null,
    role: 'author',
    trusted: facts.authorSigner !== null && passedAll('author'),
    decision: null,
    at: statement?.predicate.createdAt ?? null,
    comment: null,
  });
  for (const approval of facts.approvals) {
    signers.push({
      keyId: approval.signer?.keyId ?? approval.keyId,
      owner: approval.signer?.owner ?? null,
      role: 'approver',
      trusted: approval.signer !== null && passedAll(`approval-${approval.index}`),
      decision: approval.predicate?.decision ?? null,
      at: approval.predicate?.approvedAt ?? null,
      comment: approval.predicate?.comment ?? null,
    });
  }
  return signers;
}

/**
 * Package verification, step 1 of 2: inspect what the package proves by itself, given only the
 * trusted keys and the time. The author's envelope and statement, the author's standing, the
 * artifacts, the package's times and target, then the approvals. Apart from the judgement
 * (judge-package.ts) because this needs nothing of the workspace; the caller looks up each
 * target's policy, snapshot and runs between the two.
 */
import { sha256Hex } from '../../model/canonical/sha256';
import type { Changeset } from '../../model/changeset';
import type { PackageCheck } from '../../model/package-wire';
import {
  CLOCK_SKEW_MS,
  PACKAGE_PREDICATE_TYPE,
  packageStatementSchema,
  type PackageStatement,
} from '../package-format';
import type { OpenedPackage } from '../read-package';
import { checkApprovals } from './approvals';
import { checkArtifacts } from './artifacts';
import { checkAudio } from './audio';
import { declaredValuesCheck } from './declared-values';
import { fail, pass, shortKey, who } from './check-result';
import { checkEnvelope, checkStatement } from './signed-envelope';
import { signersOf } from './signers';
import { roleCheck, validityCheck } from './signer-standing';
import type { InspectContext, InspectResult, PackageFacts } from './verify-types';

export function inspectPackage(opened: OpenedPackage, context: InspectContext): InspectResult {
  const checks: PackageCheck[] = [];
  const now = context.now;

  // The author's envelope and statement.
  const author = checkEnvelope('author', opened.author, context);
  checks.push(...author.checks);
  const read = checkStatement(
    'author',
    opened.author.payload,
    PACKAGE_PREDICATE_TYPE,
    packageStatementSchema,
  );
  checks.push(...read.checks);
  const statement = read.statement;
  const requested = context.target;
  const targets = statement
    ? statement.predicate.targetEnvironments.filter(
        (target) => requested === undefined || target === requested,
      )
    : [];
  if (statement && author.signer) {
    const claimed = statement.predicate.author;
    checks.push(
      claimed.keyId === author.signer.keyId
        ? pass(
            'author-identity',
            `the statement names ${author.signer.owner}'s key as its author, and that key signed it`,
          )
        : fail(
            'author-identity',
            `the statement says its author is ${claimed.owner} (key ${shortKey(claimed.keyId)}), but ${who(author.signer)} signed it: signed with the wrong key`,
          ),
    );
    checks.push(roleCheck('author-role', author.signer, 'author', targets));
    checks.push(validityCheck('author-key-validity', author.signer, statement.predicate.createdAt, now));
  }

  // Artifacts against the author's signed subjects, then the package's times and target.
  let changeset: Changeset | null = null;
  let digest: string | null = null;
  if (statement) {
    const artifacts = checkArtifacts(opened, statement);
    checks.push(...artifacts.checks);
    changeset = artifacts.changeset;
    digest = artifacts.digest;
    checks.push(...checkAudio(opened, statement, changeset));
    if (changeset !== null) checks.push(declaredValuesCheck(statement, changeset));
    checks.push(...timeChecks(statement, now));
    if (requested !== undefined) {
      checks.push(
        targets.length > 0
          ? pass('target-environment', `the package is for ${requested}`)
          : fail(
              'target-environment',
              `the package is for ${statement.predicate.targetEnvironments.join(', ')}, not for ${requested}: wrong target environment`,
            ),
      );
    }
  }

  // Approvals: each the approver's own envelope, bound to the packaged changeset by its digest.
  const approvals = checkApprovals(opened, context, statement, digest, targets, checks);

  const facts: PackageFacts = {
    statement,
    authorSigner: author.signer,
    authorKeyId: author.keyId,
    changeset,
    changesetDigest: digest,
    authorStatementSha256: sha256Hex(opened.author.payload),
    approvals,
    targets,
  };
  return { checks, facts, signers: signersOf(facts, checks) };
}

/** Made no later than now (give or take clock skew), and not yet expired. */
function timeChecks(statement: PackageStatement, now: Date): PackageCheck[] {
  const created = Date.parse(statement.predicate.createdAt);
  const expires = Date.parse(statement.predicate.expiresAt);
  return [
    created <= now.getTime() + CLOCK_SKEW_MS
      ? pass('created-at', `created ${statement.predicate.createdAt}`)
      : fail(
          'created-at',
          `createdAt ${statement.predicate.createdAt} is in the future (it is ${now.toISOString()} here)`,
        ),
    expires <= created
      ? fail(
          'expires-at',
          `expiresAt ${statement.predicate.expiresAt} is not after createdAt ${statement.predicate.createdAt}`,
        )
      : expires <= now.getTime()
        ? fail(
            'expires-at',
            `the package expired at ${statement.predicate.expiresAt} (it is ${now.toISOString()} here)`,
          )
        : pass('expires-at', `valid until ${statement.predicate.expiresAt}`),
  ];
}

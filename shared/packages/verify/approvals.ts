/**
 * Package verification, the approvals a package carries: each the approver's own envelope, read
 * like the author's, then held to the shared approval checks (approver named truly, bound to the
 * packaged changeset's digest, approved, dated sensibly, key in role and valid); together, exactly
 * the ones the author listed and one per key. Apart because it is the one phase that depends on
 * all the others: the statement, the changeset digest and the targets.
 */
import {
  CLOCK_SKEW_MS,
  approvalBinding,
  datedInFuture,
  namesItsSigner,
  signedDigestOf,
} from '../../approvals/approval-checks';
import { sha256Hex } from '../../model/canonical/sha256';
import type { PackageCheck } from '../../model/package-wire';
import type { TrustedKey } from '../../model/trust';
import {
  APPROVAL_PREDICATE_TYPE,
  approvalStatementSchema,
  changesetSubjectName,
} from '../../signing/approval-statement';
import type { PackageStatement } from '../package-format';
import type { OpenedEnvelope, OpenedPackage } from '../read-package';
import { fail, pass, shortKey, who } from './check-result';
import { checkEnvelope, checkStatement } from './signed-envelope';
import { roleCheck, validityCheck } from './signer-standing';
import type { ApprovalFact, InspectContext } from './verify-types';

/** Inspects every approval, adding its checks to `checks`, then whether the set is the one signed for. */
export function checkApprovals(
  opened: OpenedPackage,
  context: InspectContext,
  statement: PackageStatement | null,
  digest: string | null,
  targets: readonly string[],
  checks: PackageCheck[],
): ApprovalFact[] {
  const approvals = opened.approvals.map((envelope, position) =>
    inspectApproval(position + 1, envelope, context, statement, digest, targets, checks),
  );
  if (statement) {
    checks.push(listedCheck(statement, approvals));
    checks.push(distinctCheck(approvals));
  }
  return approvals;
}

function inspectApproval(
  index: number,
  opened: OpenedEnvelope,
  context: InspectContext,
  statement: PackageStatement | null,
  digest: string | null,
  targets: readonly string[],
  checks: PackageCheck[],
): ApprovalFact {
  const prefix = `approval-${index}`;
  const start = checks.length;
  const envelope = checkEnvelope(prefix, opened, context);
  checks.push(...envelope.checks);
  const read = checkStatement(prefix, opened.payload, APPROVAL_PREDICATE_TYPE, approvalStatementSchema);
  checks.push(...read.checks);
  const predicate = read.statement?.predicate ?? null;
  const signer = envelope.signer;
  if (read.statement && predicate && signer) {
    checks.push(
      namesItsSigner(predicate, signer)
        ? pass(
            `${prefix}-identity`,
            `the approval names ${signer.owner}'s key as the approver, and that key signed it`,
          )
        : fail(
            `${prefix}-identity`,
            `the approval says its approver is ${predicate.approver.owner} (key ${shortKey(predicate.approver.keyId)}), but ${who(signer)} signed it`,
          ),
    );
  }
  if (read.statement && predicate && statement && digest) {
    const [subject] = read.statement.subject;
    const signedDigest = signedDigestOf(read.statement);
    const changeId = statement.predicate.changeId;
    const binding = approvalBinding(read.statement, changeId, digest);
    checks.push(
      binding === 'other-changeset'
        ? fail(
            `${prefix}-binding`,
            `this approval is of changeset "${predicate.changesetId}", not "${changeId}": taken from another change (replayed)`,
          )
        : binding === 'other-subject'
          ? fail(
              `${prefix}-binding`,
              `this approval names ${subject?.name ?? 'nothing'}, not ${changesetSubjectName(changeId)}`,
            )
          : binding === 'other-version'
            ? fail(
                `${prefix}-binding`,
                `this approval signs ${signedDigest.slice(0, 23)}…, not the packaged changeset ${digest.slice(0, 23)}…: it approves another version (replayed)`,
              )
            : pass(`${prefix}-binding`, `signs the packaged changeset's digest ${digest.slice(0, 23)}…`),
    );
    checks.push(
      predicate.decision === 'approved'
        ? pass(`${prefix}-decision`, 'approved')
        : fail(`${prefix}-decision`, `the decision is "${predicate.decision}", not "approved"`),
    );
    const approvedAt = Date.parse(predicate.approvedAt);
    const created = Date.parse(statement.predicate.createdAt);
    checks.push(
      datedInFuture(predicate.approvedAt, context.now)
        ? fail(`${prefix}-time`, `approvedAt ${predicate.approvedAt} is in the future`)
        : approvedAt > created + CLOCK_SKEW_MS
          ? fail(
              `${prefix}-time`,
              `approvedAt ${predicate.approvedAt} is after the package was made (${statement.predicate.createdAt})`,
            )
          : pass(`${prefix}-time`, `approved at ${predicate.approvedAt}`),
    );
    if (signer) {
      checks.push(roleCheck(`${prefix}-role`, signer, 'approver', targets));
      checks.push(validityCheck(`${prefix}-key-validity`, signer, predicate.approvedAt, context.now));
    }
  }
  const own = checks.slice(start);
  return {
    index,
    signer,
    keyId: envelope.keyId ?? '',
    predicate,
    sound:
      signer !== null &&
      own.length > 0 &&
      own.every((check) => check.passed) &&
      own.some((check) => check.check === `${prefix}-binding`),
    payloadSha256: sha256Hex(opened.payload),
    envelope: opened.envelope,
  };
}

/** The approvals the author listed must be exactly the ones in the package: none added, none removed. */
function listedCheck(statement: PackageStatement, approvals: readonly ApprovalFact[]): PackageCheck {
  const remaining = [...statement.predicate.approvals];
  const problems: string[] = [];
  for (const approval of approvals) {
    const at = remaining.findIndex((listed) => listed.sha256 === approval.payloadSha256);
    if (at === -1) {
      problems.push(
        `approval ${approval.index} is not among the approvals the author's statement lists (added after signing)`,
      );
      continue;
    }
    const [listed] = remaining.splice(at, 1);
    if (listed && approval.signer && listed.keyId !== approval.signer.keyId) {
      problems.push(
        `approval ${approval.index} is listed as by key ${shortKey(listed.keyId)} but ${who(approval.signer)} signed it`,
      );
    }
  }
  for (const listed of remaining) {
    problems.push(
      `the author's statement lists an approval by key ${shortKey(listed.keyId)} that the package lacks (removed)`,
    );
  }
  return problems.length === 0
    ? pass(
        'approvals-listed',
        `the package carries exactly the ${approvals.length} approval${approvals.length === 1 ? '' : 's'} the author signed for`,
      )
    : fail('approvals-listed', problems.join('; '));
}

/** One approval per key: a key counts once toward a threshold, so a second is refused, not ignored. */
function distinctCheck(approvals: readonly ApprovalFact[]): PackageCheck {
  const byKey = new Map<string, { key: TrustedKey; indexes: number[] }>();
  for (const approval of approvals) {
    if (!approval.signer) continue;
    const entry = byKey.get(approval.signer.keyId) ?? { key: approval.signer, indexes: [] };
    entry.indexes.push(approval.index);
    byKey.set(approval.signer.keyId, entry);
  }
  const twice = [...byKey.values()].filter((entry) => entry.indexes.length > 1);
  return twice.length === 0
    ? pass('approvals-distinct', 'each approval is by a different key')
    : fail(
        'approvals-distinct',
        `${twice
          .map((entry) => `${who(entry.key)} signed approvals ${entry.indexes.join(' and ')}`)
          .join('; ')}: a key counts once toward a threshold, and a package carries one approval per key`,
      );
}

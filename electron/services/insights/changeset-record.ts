import { readSignedJson } from '../../../shared/approvals/approval-checks';
import type {
  ApprovalFact,
  AuditFact,
  ChangesetFact,
  UnverifiedRecord,
} from '../../../shared/insights/insights-facts';
import { changesetSchema } from '../../../shared/model/changeset';
import { changesetDigest } from '../../../shared/model/changeset-digest';
import type { TrustedKey } from '../../../shared/model/trust';
import { approvalStatementSchema, type ApprovalPredicate } from '../../../shared/signing/approval-statement';
import { dsseEnvelopeSchema, envelopePayload } from '../../../shared/signing/dsse-envelope';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { verifyApproval } from '../approvals/approval-verifier';
import { judgeAuthorSignature } from '../approvals/author-signature';
import { ANCHOR_ACTION } from './audit-anchors-check';
import type { ChangesetRecordFiles, FileBytes } from './record-files';
import {
  emptyTally,
  refusedFile,
  unverifiedOutcome,
  type HistoryTrust,
  type RecordOutcome,
} from './record-outcome';

/** Approval outcomes that are facts: a good signature by a trusted approver, current or not. */
const APPROVAL_FACTS = new Set(['valid', 'stale', 'rejected']);

/**
 * One changeset with its author signatures and approvals, judged as history (each key at the time
 * it signed, issue 19):
 * - each approval that verifies is an ApprovalFact with the digest it signed, even an older one;
 *   one that does not is an UnverifiedRecord of kind `approval`;
 * - an author signature that does not verify is an UnverifiedRecord of kind `changeset`;
 * - the changeset is a fact once any signature on it verifies. Its `createdAt` is believed only
 *   when a verified author signature or approval covers its CURRENT digest: otherwise anyone could
 *   have backdated the document, and its lead time is not measured;
 * - a changeset with no signature files at all is counted `unsigned`; one whose files all fail is
 *   counted unverified.
 */
export function verifyChangesetRecord(record: ChangesetRecordFiles, trust: HistoryTrust): RecordOutcome {
  const { changesetId } = record;
  const file = `changesets/${changesetId}.json`;
  const refuse = (reason: string) => unverifiedOutcome({ kind: 'changeset', file, reason });
  if (typeof record.document === 'string') return refuse(refusedFile(file));
  let raw: unknown;
  try {
    raw = parseStrictJson(record.document.toString('utf8'));
  } catch {
    return refuse(`${file} is not valid JSON (each key may appear once)`);
  }
  const parsed = changesetSchema.safeParse(raw);
  if (!parsed.success) return refuse(`${file} is not a valid changeset`);
  const changeset = parsed.data;
  if (changeset.id !== changesetId) return refuse(`${file} says its id is "${changeset.id}"`);
  const digest = changesetDigest(changeset);

  const unverified: UnverifiedRecord[] = [];
  const text = (bytes: FileBytes): string | null =>
    typeof bytes === 'string' ? null : bytes.toString('utf8');
  const fileKeyId = (name: string) => name.slice(0, -'.json'.length);

  const authors = record.authors.map(([name, bytes]) => {
    const path = `changesets/${changesetId}.authors/${name}`;
    if (bytes === 'refused') return { path, judged: null };
    return {
      path,
      judged: judgeAuthorSignature({
        file: path,
        fileKeyId: fileKeyId(name),
        text: text(bytes),
        changesetId,
        digest,
        trusted: likelyFirst(trust, fileKeyId(name)),
        now: trust.now,
        historical: true,
      }),
    };
  });
  let authorSigned: { at: string; keyId: string } | null = null;
  let verifiedSignatures = 0;
  for (const { path, judged } of authors) {
    if (judged === null) {
      unverified.push({ kind: 'changeset', file: path, reason: refusedFile(path) });
    } else if (judged.status === 'valid' || judged.status === 'stale') {
      verifiedSignatures += 1;
      const at = judged.signedAt ?? '';
      // The first signature over the current version is when authoring ended.
      if (judged.status === 'valid' && (authorSigned === null || at < authorSigned.at)) {
        authorSigned = { at, keyId: judged.keyId };
      }
    } else {
      unverified.push({ kind: 'changeset', file: path, reason: `${path}: ${judged.reason}` });
    }
  }

  const approvals: ApprovalFact[] = [];
  const anchors: AuditFact[] = [];
  let approvalsUnverified = 0;
  for (const [name, bytes] of record.approvals) {
    const path = `changesets/${changesetId}.approvals/${name}`;
    if (bytes === 'refused') {
      approvalsUnverified += 1;
      unverified.push({ kind: 'approval', file: path, reason: refusedFile(path) });
      continue;
    }
    const judged = verifyApproval({
      file: path,
      fileKeyId: fileKeyId(name),
      text: text(bytes),
      changesetId,
      currentDigest: digest,
      changesetAuthor: changeset.author,
      trusted: trust.list,
      now: trust.now,
      historical: true,
    });
    const signed = APPROVAL_FACTS.has(judged.status) ? approvalPredicate(text(bytes)) : undefined;
    const environments = signed === undefined ? undefined : (signed.environments ?? null);
    if (
      environments === undefined ||
      judged.owner === null ||
      judged.decision === null ||
      judged.approvedAt === null ||
      judged.signedDigest === null
    ) {
      approvalsUnverified += 1;
      unverified.push({ kind: 'approval', file: path, reason: `${path}: ${judged.reason}` });
      continue;
    }
    approvals.push({
      keyId: judged.keyId,
      owner: judged.owner,
      decision: judged.decision,
      approvedAt: judged.approvedAt,
      signedDigest: judged.signedDigest,
      environments: withinScope(environments, trust.keys.get(judged.keyId)),
    });
    // The approver's own audit head her signed approval records (audit-anchors-check.ts).
    const head = signed?.auditHead;
    if (head && head.keyId === judged.keyId) {
      anchors.push({
        actorKeyId: head.keyId,
        actor: judged.owner,
        at: judged.approvedAt,
        action: ANCHOR_ACTION,
        subject: path,
        details: { seq: head.seq, hash: head.hash },
      });
    }
  }
  approvals.sort((left, right) => left.approvedAt.localeCompare(right.approvedAt));

  const approvalCounts = {
    ...emptyTally(),
    read: record.approvals.length,
    verified: approvals.length,
    unverified: approvalsUnverified,
  };
  const counts = { approval: approvalCounts, changeset: { ...emptyTally(), read: 1 } };
  if (record.authors.length === 0 && record.approvals.length === 0) {
    counts.changeset.unsigned = 1;
    return { counts };
  }
  if (verifiedSignatures === 0 && approvals.length === 0) {
    counts.changeset.unverified = 1;
    if (!unverified.some((item) => item.kind === 'changeset')) {
      unverified.push({
        kind: 'changeset',
        file,
        reason: `${file}: none of its signatures verifies with a key the trust root trusted when it signed`,
      });
    }
    return { counts, unverified };
  }
  counts.changeset.verified = 1;
  const covered = authorSigned !== null || approvals.some((approval) => approval.signedDigest === digest);
  // Signed, but not in this version: hand-edited after signing (Ferry signs every save as its
  // author). The changeset stays a fact (its signatures are real) with no creation time, and the
  // edit is listed, so a moved `createdAt` drops out of lead time visibly rather than silently.
  if (!covered) {
    unverified.push({
      kind: 'changeset',
      file,
      reason: `${file} was changed after it was signed: no verified signature covers its current version, so its creation time is not believed and its lead time is not measured; restore it from git history (git log -p -- ${file})`,
    });
  }
  const fact: ChangesetFact = {
    changesetId,
    title: changeset.title,
    digest,
    createdAt: covered ? changeset.createdAt : null,
    authorSignedAt: authorSigned?.at ?? null,
    authorKeyId: authorSigned?.keyId ?? null,
    origin: changeset.origin ?? null,
    approvals,
  };
  return {
    counts,
    changesets: [fact],
    ...(anchors.length > 0 ? { audit: anchors } : {}),
    ...(unverified.length > 0 ? { unverified } : {}),
  };
}

/**
 * A verified approval's predicate, read again from its (already verified) payload: the verifier
 * judges coverage for one environment and returns neither the list nor the audit head.
 * Undefined when it cannot be read.
 */
function approvalPredicate(text: string | null): ApprovalPredicate | undefined {
  if (text === null) return undefined;
  try {
    const envelope = dsseEnvelopeSchema.parse(parseStrictJson(text));
    return approvalStatementSchema.parse(readSignedJson(envelopePayload(envelope))).predicate;
  } catch {
    return undefined;
  }
}

/**
 * The environments an approval covers that its key may approve for: a key limited to some
 * environments (trust root `environments`) can sign a statement naming others, and the verifier,
 * asked about no environment in particular, does not judge that; the gate would refuse it, so
 * Insights does not count it there either.
 */
function withinScope(environments: string[] | null, key: TrustedKey | undefined): string[] | null {
  if (environments === null || key === undefined || key.environments.length === 0) return environments;
  return environments.filter((environment) => key.environments.includes(environment));
}

/**
 * The trusted keys with the one the file name hints at first: the author check tries keys in
 * order until one verifies, so the likely signer first saves an Ed25519 check per other key. The
 * hint is never trusted: a wrong one only costs the checks it would have saved.
 */
function likelyFirst(trust: HistoryTrust, keyId: string): readonly TrustedKey[] {
  const hinted = trust.keys.get(keyId);
  return hinted === undefined ? trust.list : [hinted, ...trust.list.filter((key) => key !== hinted)];
}

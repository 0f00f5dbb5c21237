import { firstSchemaIssue } from '../../../shared/errors/schema-issues';
import {
  approvalBinding,
  approvalCovers,
  datedInFuture,
  findSigner,
  namesItsSigner,
  readSignedJson,
  roleRefusal,
} from '../../../shared/approvals/approval-checks';
import { keyValidity, type TrustedKey } from '../../../shared/model/trust';
import {
  APPROVAL_PREDICATE_TYPE,
  approvalStatementSchema,
  type ApprovalDecision,
} from '../../../shared/signing/approval-statement';
import {
  IN_TOTO_PAYLOAD_TYPE,
  dsseEnvelopeSchema,
  envelopePayload,
  signatureBytes,
  type DsseEnvelope,
} from '../../../shared/signing/dsse-envelope';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { verifyEd25519 } from '../identity/ed25519';
import { keyValidityAt } from './key-validity-at';

/**
 * - `valid`: counts toward the changeset's approvals.
 * - `stale`: a good approval of an earlier version (the changeset changed since); shown, never counted.
 * - `untrusted`: signed by a key the trust root does not trust.
 * - `revoked` / `expired`: the trusted key is revoked, expired, or not yet valid.
 * - `bad-signature`: names a trusted key, but that key did not sign these bytes (tampered or spoofed).
 * - `not-approver`: the key lacks the approver role, or may not act for the environment asked about.
 * - `rejected`: a good, current signature whose decision is "rejected".
 * - `invalid`: not a readable approval, or one that contradicts where it is stored (another
 *   changeset, another key's file): never counted, so a copied file cannot count twice.
 */
export const APPROVAL_STATUSES = [
  'valid',
  'stale',
  'untrusted',
  'revoked',
  'expired',
  'bad-signature',
  'not-approver',
  'rejected',
  'too-old',
  'other-environment',
  'invalid',
] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface ApprovalVerification {
  /** Workspace-relative path of the envelope. */
  file: string;
  status: ApprovalStatus;
  /** True only for `valid`. */
  counts: boolean;
  /** Why, in a sentence a reviewer can act on. */
  reason: string;
  /** The id recomputed from the trusted key that checked the signature; otherwise the file's unverified hint. */
  keyId: string;
  /** True when `keyId` was proven by a signature check, false when it is only what the file claims. */
  keyVerified: boolean;
  /** Owner of the key according to the trust root, or null when no trusted key signed. */
  owner: string | null;
  /** Owner the signer wrote into the approval (unverified beyond the signature). */
  claimedOwner: string | null;
  decision: ApprovalDecision | null;
  comment: string | null;
  approvedAt: string | null;
  /** The changeset digest the approval signed, `sha256:<hex>`. */
  signedDigest: string | null;
  currentDigest: string;
  changesetId: string;
  /** The changeset's author as it records it: policy compares this with `owner` to judge self-approval. */
  changesetAuthor: string;
}

export interface VerifyApprovalInput {
  file: string;
  /** The key id the file name gives (`<key id>.json`): a hint, like the envelope's keyid. */
  fileKeyId: string;
  /** The raw file text; null when it could not be read. */
  text: string | null;
  changesetId: string;
  currentDigest: string;
  changesetAuthor: string;
  trusted: readonly TrustedKey[];
  now: Date;
  /**
   * When set, a key limited to other environments is `not-approver`, and an approval that does not
   * name this environment is `other-environment`.
   */
  environment?: string;
  /** The policy's maximum approval age: an older approval is `too-old`. */
  maxAgeDays?: number;
  /**
   * Judge the key at the approval's own `approvedAt` instead of `now` (issue 19, reading history):
   * a key that expired after approving keeps its approvals, one revoked before does not. Gates
   * leave it off: an approval counts toward a promotion only while its key is valid now.
   */
  historical?: boolean;
}

/**
 * Judges one stored approval. Pure apart from the Ed25519 check, so each status is testable alone.
 * The checks themselves are shared with package verification (shared/approvals/approval-checks.ts);
 * what is this file's own is their order and the status and sentence each failure becomes.
 */
export function verifyApproval(input: VerifyApprovalInput): ApprovalVerification {
  const base = {
    file: input.file,
    keyId: input.fileKeyId,
    keyVerified: false,
    owner: null,
    claimedOwner: null,
    decision: null,
    comment: null,
    approvedAt: null,
    signedDigest: null,
    currentDigest: input.currentDigest,
    changesetId: input.changesetId,
    changesetAuthor: input.changesetAuthor,
  };
  const outcome = (status: ApprovalStatus, reason: string, extra: Partial<ApprovalVerification> = {}) => ({
    ...base,
    ...extra,
    status,
    counts: status === 'valid',
    reason,
  });

  if (input.text === null) return outcome('invalid', 'the file cannot be read');
  let envelope: DsseEnvelope;
  try {
    const parsed = dsseEnvelopeSchema.safeParse(parseStrictJson(input.text));
    if (!parsed.success) {
      return outcome('invalid', `not a DSSE envelope: ${firstSchemaIssue(parsed.error)}`);
    }
    envelope = parsed.data;
  } catch (error) {
    return outcome(
      'invalid',
      `not a DSSE envelope: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  // Trust is decided by trying trusted keys, never by the keyid the envelope states: that field is
  // not signed. The file name and the keyids only order the attempts, the likely match first.
  const payload = envelopePayload(envelope);
  const found = findSigner(
    {
      payloadType: envelope.payloadType,
      payload,
      signatures: envelope.signatures.map((signature) => ({
        keyid: signature.keyid ?? null,
        sig: signatureBytes(signature),
      })),
    },
    input.trusted,
    verifyEd25519,
    [input.fileKeyId, ...envelope.signatures.map((signature) => signature.keyid ?? '')],
  );
  const signer = found.signer;
  if (!signer) {
    const named = found.named;
    return named
      ? outcome(
          'bad-signature',
          `the signature does not verify with ${named.owner}'s key: the approval was altered or not made with that key`,
          { owner: named.owner },
        )
      : outcome('untrusted', `signed by key ${input.fileKeyId}, which the trust root does not trust`);
  }

  const proven = { keyId: signer.keyId, keyVerified: true, owner: signer.owner };
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return outcome(
      'invalid',
      `payloadType is "${envelope.payloadType}", not ${IN_TOTO_PAYLOAD_TYPE}`,
      proven,
    );
  }
  let statementRaw: unknown;
  try {
    statementRaw = readSignedJson(payload);
  } catch (error) {
    return outcome(
      'invalid',
      `the signed payload is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      proven,
    );
  }
  const statement = approvalStatementSchema.safeParse(statementRaw);
  if (!statement.success) {
    return outcome(
      'invalid',
      `the signed payload is not an approval (${APPROVAL_PREDICATE_TYPE}): ${firstSchemaIssue(statement.error)}`,
      proven,
    );
  }
  const { subject, predicate } = statement.data;
  const [target] = subject;
  const described = {
    ...proven,
    claimedOwner: predicate.approver.owner,
    decision: predicate.decision,
    comment: predicate.comment,
    approvedAt: predicate.approvedAt,
    signedDigest: target ? `sha256:${target.digest.sha256}` : null,
  };
  const binding = approvalBinding(statement.data, input.changesetId, input.currentDigest);
  if (binding === 'other-changeset' || binding === 'other-subject') {
    return outcome(
      'invalid',
      `this approval is for changeset "${predicate.changesetId}", not "${input.changesetId}" (copied from another change)`,
      described,
    );
  }
  if (!namesItsSigner(predicate, signer) || input.fileKeyId !== signer.keyId) {
    return outcome(
      'invalid',
      `signed by ${signer.keyId} but stored or named as ${predicate.approver.keyId !== signer.keyId ? predicate.approver.keyId : input.fileKeyId}`,
      described,
    );
  }

  const validity =
    input.historical === true
      ? keyValidityAt(signer, new Date(predicate.approvedAt))
      : keyValidity(signer, input.now);
  if (validity.state === 'revoked') {
    return outcome(
      'revoked',
      `${signer.owner}'s key was revoked on ${validity.at}: ${validity.reason}`,
      described,
    );
  }
  if (validity.state === 'expired') {
    return outcome('expired', `${signer.owner}'s key expired on ${validity.at}`, described);
  }
  if (validity.state === 'not-yet-valid') {
    return outcome('expired', `${signer.owner}'s key is not valid before ${validity.from}`, described);
  }
  const refusal = roleRefusal(signer, 'approver', input.environment === undefined ? [] : [input.environment]);
  if (refusal?.kind === 'lacks-role') {
    return outcome(
      'not-approver',
      `${signer.owner}'s key is trusted as ${signer.roles.join(', ')}, not as approver`,
      described,
    );
  }
  if (refusal?.kind === 'other-environments') {
    return outcome(
      'not-approver',
      `${signer.owner}'s key may approve for ${signer.environments.join(', ')}, not for ${refusal.refused.join(', ')}`,
      described,
    );
  }
  if (datedInFuture(predicate.approvedAt, input.now)) {
    return outcome('invalid', `it is dated ${predicate.approvedAt}, in the future`, described);
  }
  if (input.environment !== undefined && !approvalCovers(predicate, input.environment)) {
    return outcome(
      'other-environment',
      predicate.environments === undefined
        ? `${signer.owner}'s approval names no environments (made by an older Ferry); it must be given again`
        : `${signer.owner} approved it for ${predicate.environments.join(', ')}, not for ${input.environment}`,
      described,
    );
  }
  if (binding === 'other-version') {
    return outcome(
      'stale',
      `approves an earlier version (${described.signedDigest?.slice(0, 19) ?? ''}…); the changeset has changed since`,
      described,
    );
  }
  if (
    input.maxAgeDays !== undefined &&
    predicate.decision === 'approved' &&
    input.now.getTime() - Date.parse(predicate.approvedAt) > input.maxAgeDays * 24 * 60 * 60 * 1000
  ) {
    return outcome(
      'too-old',
      `${signer.owner}'s approval of ${predicate.approvedAt} is older than the ${input.maxAgeDays} days the policy allows; it must be given again`,
      described,
    );
  }
  if (predicate.decision === 'rejected') {
    return outcome(
      'rejected',
      `${signer.owner} rejected it${predicate.comment ? `: ${predicate.comment}` : ''}`,
      described,
    );
  }
  return outcome('valid', `approved by ${signer.owner}`, described);
}

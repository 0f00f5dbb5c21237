/**
 * The checks an approval must pass wherever it is judged: stored beside a changeset
 * (electron/services/approvals/approval-verifier.ts) or carried in a change package
 * (shared/packages/verify/). One module so the two cannot drift apart on what makes an approval
 * good: who signed (by trying the trusted keys, never by the stated keyid), what it is bound to,
 * the approver it names, the role and environments of the key, the time, self-approval.
 *
 * Each check returns what it found rather than a sentence: the approvals view speaks in statuses
 * and the package report in named checks, and each words its own verdicts from these facts.
 */
import { keyAllows, type TrustedKey, type TrustRole } from '../model/trust';
import {
  changesetSubjectName,
  type ApprovalPredicate,
  type ApprovalStatement,
} from '../signing/approval-statement';
import { preAuthEncoding } from '../signing/pae';
import { parseStrictJson } from '../signing/strict-json';

/** Ed25519 verification, supplied by the host (Node's crypto in the main process). */
export type SignatureVerifier = (publicKeyPem: string, data: Uint8Array, signature: Uint8Array) => boolean;

/** Clocks differ between machines; more than this in the future is not a clock, it is a claim. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A DSSE envelope with its payload and signatures decoded to bytes. */
export interface SignedEnvelope {
  payloadType: string;
  payload: Uint8Array;
  signatures: readonly { keyid: string | null; sig: Uint8Array }[];
}

export type EnvelopeSigner =
  /** A trusted key signed; `statedKeyId` is the keyid written beside the signature that verified. */
  | { signer: TrustedKey; statedKeyId: string | null; named: null }
  /** No trusted key signed; `named` is a trusted key a hint names, whose signature then failed. */
  | { signer: null; statedKeyId: null; named: TrustedKey | null };

/**
 * Who signed an envelope. Trust is decided by trying the trusted keys against the PAE of the
 * payload, never by a keyid, which is unsigned: the hints (the envelope's keyids, a file name)
 * only order the attempts, the likely key first.
 */
export function findSigner(
  envelope: SignedEnvelope,
  trusted: readonly TrustedKey[],
  verify: SignatureVerifier,
  hints: readonly string[],
): EnvelopeSigner {
  const signed = preAuthEncoding(envelope.payloadType, envelope.payload);
  const ordered = [...trusted].sort(
    (left, right) => Number(hints.includes(right.keyId)) - Number(hints.includes(left.keyId)),
  );
  for (const key of ordered) {
    const signature = envelope.signatures.find((candidate) => verify(key.publicKey, signed, candidate.sig));
    if (signature) return { signer: key, statedKeyId: signature.keyid, named: null };
  }
  return { signer: null, statedKeyId: null, named: trusted.find((key) => hints.includes(key.keyId)) ?? null };
}

/** The signed payload as JSON: strict UTF-8, strict JSON. Throws, with the reason, when it is not. */
export function readSignedJson(payload: Uint8Array): unknown {
  return parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(payload));
}

/** The changeset digest an approval signs, `sha256:<hex>`. */
export function signedDigestOf(statement: ApprovalStatement): string {
  return `sha256:${statement.subject[0]?.digest.sha256 ?? ''}`;
}

/**
 * What an approval is bound to, against the changeset it is meant for:
 * - `other-changeset`: its predicate names another changeset (copied or replayed from another change);
 * - `other-subject`: its signed subject is not that changeset's file;
 * - `other-version`: the right changeset, but another digest (an earlier version, or replayed);
 * - `bound`: this changeset at this digest.
 */
export type ApprovalBinding = 'other-changeset' | 'other-subject' | 'other-version' | 'bound';

export function approvalBinding(
  statement: ApprovalStatement,
  changesetId: string,
  digest: string,
): ApprovalBinding {
  if (statement.predicate.changesetId !== changesetId) return 'other-changeset';
  if (statement.subject[0]?.name !== changesetSubjectName(changesetId)) return 'other-subject';
  return signedDigestOf(statement) === digest ? 'bound' : 'other-version';
}

/** The approver an approval names is the key that signed it (the named one is only a claim). */
export function namesItsSigner(predicate: ApprovalPredicate, signer: TrustedKey): boolean {
  return predicate.approver.keyId === signer.keyId;
}

export type RoleRefusal =
  /** The key is not trusted in that role at all. */
  | { kind: 'lacks-role' }
  /** The key holds the role for other environments only: `refused` are those it may not act for. */
  | { kind: 'other-environments'; refused: string[] };

/** Why a key may not act in a role for these environments, or null when it may. */
export function roleRefusal(
  key: TrustedKey,
  role: TrustRole,
  environments: readonly string[],
): RoleRefusal | null {
  if (!keyAllows(key, role)) return { kind: 'lacks-role' };
  const refused = environments.filter((environment) => !keyAllows(key, role, environment));
  return refused.length > 0 ? { kind: 'other-environments', refused } : null;
}

/** A time later than now by more than clock skew explains. */
export function datedInFuture(at: string, now: Date): boolean {
  return Date.parse(at) > now.getTime() + CLOCK_SKEW_MS;
}

/** An approval counts only for the environments it names; older approvals name none. */
export function approvalCovers(predicate: ApprovalPredicate, environment: string): boolean {
  return (predicate.environments ?? []).includes(environment);
}

/** Owners compared as people write them: case and surrounding space aside; a blank owner is nobody. */
export function samePerson(left: string, right: string): boolean {
  return left.trim() !== '' && left.trim().toLowerCase() === right.trim().toLowerCase();
}

/** Who made the change: the keys that signed it as author and the people named as its author. */
export interface ChangeAuthors {
  keyIds: readonly (string | undefined)[];
  owners: readonly string[];
}

/** Self-approval: the approving key is an author key, or its owner is an author. */
export function isSelfApproval(signer: TrustedKey, authors: ChangeAuthors): boolean {
  if (authors.keyIds.some((keyId) => keyId !== undefined && keyId === signer.keyId)) return true;
  return authors.owners.some((owner) => samePerson(signer.owner, owner));
}

import { keyAllows, keyValidity, type TrustedKey } from '../../../shared/model/trust';
import { changesetSubjectName } from '../../../shared/signing/approval-statement';
import { authorStatementSchema } from '../../../shared/signing/author-statement';
import {
  IN_TOTO_PAYLOAD_TYPE,
  dsseEnvelopeSchema,
  envelopePayload,
  signatureBytes,
} from '../../../shared/signing/dsse-envelope';
import { preAuthEncoding } from '../../../shared/signing/pae';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { verifyEd25519 } from '../identity/ed25519';
import { keyValidityAt } from './key-validity-at';

/** One stored author signature, judged against the signed trust root. */
export interface AuthorSignature {
  file: string;
  /** `valid`: a trusted author key signed the changeset as it is now. */
  status: 'valid' | 'stale' | 'untrusted' | 'revoked' | 'not-author' | 'invalid';
  reason: string;
  keyId: string;
  owner: string | null;
  signedAt: string | null;
}

export interface JudgeAuthorSignatureInput {
  /** Workspace-relative path of the envelope. */
  file: string;
  /** The key id the file name gives (`<key id>.json`): a hint, never trusted. */
  fileKeyId: string;
  /** The raw file text; null when it could not be read. */
  text: string | null;
  changesetId: string;
  /** The changeset's current digest (`sha256:<hex>`). */
  digest: string;
  trusted: readonly TrustedKey[];
  now: Date;
  /**
   * Judge the key at the statement's own `signedAt` instead of `now` (issue 19, reading history):
   * a key that expired since keeps its signatures. Gates leave it off.
   */
  historical?: boolean;
}

/**
 * Judges one author signature (`changesets/<id>.authors/<key id>.json`). Pure apart from the
 * Ed25519 check; shared by the authorship service (gates, now) and Insights (history).
 */
export function judgeAuthorSignature(input: JudgeAuthorSignatureInput): AuthorSignature {
  const { file, fileKeyId, text, changesetId, digest, trusted, now } = input;
  const base = { file, keyId: fileKeyId, owner: null, signedAt: null };
  const outcome = (
    status: AuthorSignature['status'],
    reason: string,
    extra: Partial<AuthorSignature> = {},
  ) => ({
    ...base,
    ...extra,
    status,
    reason,
  });
  if (text === null) return outcome('invalid', 'the file cannot be read');
  let envelope;
  try {
    const parsed = dsseEnvelopeSchema.safeParse(parseStrictJson(text));
    if (!parsed.success) return outcome('invalid', 'not a DSSE envelope');
    envelope = parsed.data;
  } catch {
    return outcome('invalid', 'not a DSSE envelope');
  }
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) return outcome('invalid', 'not an in-toto statement');
  const payload = envelopePayload(envelope);
  const signed = preAuthEncoding(envelope.payloadType, payload);
  // Which key signed is decided by checking signatures, never by the unsigned keyid hint.
  const signer = trusted.find((key) =>
    envelope.signatures.some((signature) => verifyEd25519(key.publicKey, signed, signatureBytes(signature))),
  );
  if (!signer) return outcome('untrusted', `signed by key ${fileKeyId}, which the trust root does not trust`);
  let statement;
  try {
    const parsed = authorStatementSchema.safeParse(
      parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(payload)),
    );
    if (!parsed.success) return outcome('invalid', 'the signed payload is not an author statement');
    statement = parsed.data;
  } catch {
    return outcome('invalid', 'the signed payload is not JSON');
  }
  const proven = { keyId: signer.keyId, owner: signer.owner, signedAt: statement.predicate.signedAt };
  const [subject] = statement.subject;
  if (
    statement.predicate.changesetId !== changesetId ||
    subject?.name !== changesetSubjectName(changesetId) ||
    statement.predicate.author.keyId !== signer.keyId ||
    fileKeyId !== signer.keyId
  ) {
    return outcome('invalid', 'it was made for another changeset or stored under another key', proven);
  }
  const validity =
    input.historical === true
      ? keyValidityAt(signer, new Date(statement.predicate.signedAt))
      : keyValidity(signer, now);
  if (validity.state !== 'valid')
    return outcome('revoked', `${signer.owner}'s key is ${validity.state}`, proven);
  if (!keyAllows(signer, 'author')) {
    return outcome('not-author', `${signer.owner}'s key is not trusted as an author`, proven);
  }
  if (`sha256:${subject.digest.sha256}` !== digest) {
    return outcome('stale', 'it signs an earlier version of the changeset', proven);
  }
  return outcome('valid', `signed by ${signer.owner}`, proven);
}

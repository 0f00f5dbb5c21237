import { stableStringify } from '../model/canonical/stable-stringify';
import type { TrustedKey } from '../model/trust';
import {
  dsseEnvelopeSchema,
  envelopePayload,
  signatureBytes,
  type DsseEnvelope,
} from '../signing/dsse-envelope';
import { preAuthEncoding } from '../signing/pae';
import { parseStrictJson } from '../signing/strict-json';
import {
  TRUST_ROOT_PAYLOAD_TYPE,
  activeAdmins,
  trustRootDigest,
  trustRootDocumentSchema,
  type TrustRootDocument,
} from './trust-root';
import { plainIssueMessage } from '../errors/schema-issues';

/**
 * Verifying the chain of trust-root versions from the one this machine pinned to the newest in the
 * workspace. Pure: the caller reads the files and supplies the Ed25519 check, so every refusal is
 * testable on its own.
 */

export type VerifySignature = (publicKeyPem: string, data: Uint8Array, signature: Uint8Array) => boolean;

export interface RootVersionFile {
  /** Workspace-relative path, for messages. */
  file: string;
  text: string;
}

export interface ParsedRootVersion {
  file: string;
  envelope: DsseEnvelope;
  payload: Uint8Array;
  digest: string;
  document: TrustRootDocument;
}

/** A version this machine has seen: its number and the digest of its payload. */
export interface RootMark {
  version: number;
  digest: string;
}

export type ChainOutcome =
  | { ok: true; current: ParsedRootVersion; versions: ParsedRootVersion[] }
  | { ok: false; file: string; reason: string };

export class RootVersionError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Parses one version file strictly: envelope, payload type, canonical payload, document schema. */
export function parseRootVersion(input: RootVersionFile, expectedVersion: number): ParsedRootVersion {
  const fail = (reason: string) => new RootVersionError(input.file, reason);
  let raw: unknown;
  try {
    raw = parseStrictJson(input.text);
  } catch (error) {
    throw fail(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const envelope = dsseEnvelopeSchema.safeParse(raw);
  if (!envelope.success) throw fail('is not a DSSE envelope');
  if (envelope.data.payloadType !== TRUST_ROOT_PAYLOAD_TYPE) {
    throw fail(`has payloadType "${envelope.data.payloadType}", not ${TRUST_ROOT_PAYLOAD_TYPE}`);
  }
  const payload = envelopePayload(envelope.data);
  let documentRaw: unknown;
  try {
    documentRaw = parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (error) {
    throw fail(`has a payload that is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const document = trustRootDocumentSchema.safeParse(documentRaw);
  if (!document.success) {
    const issue = document.error.issues[0];
    throw fail(
      `is not a trust root: ${issue?.path.join('.') || '(root)'} ${issue ? plainIssueMessage(issue) : ''}`.trim(),
    );
  }
  // Canonical bytes only: two encodings of one document would have two digests.
  if (stableStringify(document.data) !== new TextDecoder().decode(payload)) {
    throw fail('has a payload that is not in canonical form');
  }
  if (document.data.version !== expectedVersion) {
    throw fail(`says it is version ${document.data.version}, but is stored as version ${expectedVersion}`);
  }
  return {
    file: input.file,
    envelope: envelope.data,
    payload,
    digest: trustRootDigest(payload),
    document: document.data,
  };
}

/** The distinct keys among `candidates` that signed the version's payload. */
export function signersAmong(
  version: Pick<ParsedRootVersion, 'envelope' | 'payload'>,
  candidates: readonly TrustedKey[],
  verify: VerifySignature,
): TrustedKey[] {
  const signed = preAuthEncoding(TRUST_ROOT_PAYLOAD_TYPE, version.payload);
  return candidates.filter((key) =>
    version.envelope.signatures.some((signature) => {
      try {
        return verify(key.publicKey, signed, signatureBytes(signature));
      } catch {
        return false;
      }
    }),
  );
}

/** Whether `next` is signed by the thresholds of the version before it and of itself. */
export function thresholdProblem(
  previous: TrustRootDocument | null,
  next: Pick<ParsedRootVersion, 'envelope' | 'payload' | 'document'>,
  verify: VerifySignature,
): string | null {
  const checks: { document: TrustRootDocument; label: string }[] = [
    ...(previous ? [{ document: previous, label: `version ${previous.version}` }] : []),
    { document: next.document, label: `version ${next.document.version} itself` },
  ];
  for (const { document, label } of checks) {
    const signers = signersAmong(next, activeAdmins(document.keys), verify);
    if (signers.length < document.adminThreshold) {
      return `is signed by ${signers.length} of the ${document.adminThreshold} admin key${document.adminThreshold === 1 ? '' : 's'} that ${label} requires`;
    }
  }
  return null;
}

/**
 * Verifies versions `pin.version` … newest. `files` maps a version number to its file; `lastSeen`
 * is the newest version this machine verified before, which must still be there unchanged (an
 * older root put back, or history rewritten, is refused).
 */
export function verifyTrustChain(input: {
  files: ReadonlyMap<number, RootVersionFile>;
  pin: RootMark;
  lastSeen: RootMark | null;
  verify: VerifySignature;
}): ChainOutcome {
  const { files, pin, lastSeen, verify } = input;
  const numbers = [...files.keys()].sort((left, right) => left - right);
  const newest = numbers[numbers.length - 1] ?? 0;
  const pinnedFile = files.get(pin.version);
  if (!pinnedFile) {
    return {
      ok: false,
      file: `trust/root/${pin.version}.json`,
      reason: `is missing: this machine pinned trust root version ${pin.version} of this workspace, and it is gone`,
    };
  }
  for (let version = pin.version; version <= newest; version += 1) {
    if (!files.has(version)) {
      return {
        ok: false,
        file: `trust/root/${version}.json`,
        reason: `is missing: the trust root jumps from version ${version - 1} to a later one`,
      };
    }
  }
  if (lastSeen && newest < lastSeen.version) {
    return {
      ok: false,
      file: `trust/root/${lastSeen.version}.json`,
      reason: `is missing: this machine already verified trust root version ${lastSeen.version}, and the workspace now stops at version ${newest} (an older root put back)`,
    };
  }
  const versions: ParsedRootVersion[] = [];
  let previous: ParsedRootVersion | null = null;
  try {
    for (let version = pin.version; version <= newest; version += 1) {
      const parsed = parseRootVersion(files.get(version) as RootVersionFile, version);
      if (version === pin.version) {
        if (parsed.digest !== pin.digest) {
          return {
            ok: false,
            file: parsed.file,
            reason: `is not the version this machine pinned (pinned ${pin.digest}, found ${parsed.digest})`,
          };
        }
      } else if (previous && parsed.document.previous !== previous.digest) {
        return {
          ok: false,
          file: parsed.file,
          reason: `does not follow version ${version - 1}: it names ${parsed.document.previous ?? 'no'} as its previous version`,
        };
      }
      const problem = thresholdProblem(previous?.document ?? null, parsed, verify);
      if (problem) return { ok: false, file: parsed.file, reason: problem };
      if (lastSeen && version === lastSeen.version && parsed.digest !== lastSeen.digest) {
        return {
          ok: false,
          file: parsed.file,
          reason: `was replaced: this machine verified a different version ${version} before (${lastSeen.digest})`,
        };
      }
      versions.push(parsed);
      previous = parsed;
    }
  } catch (error) {
    if (error instanceof RootVersionError) return { ok: false, file: error.file, reason: error.message };
    throw error;
  }
  const current = versions[versions.length - 1] as ParsedRootVersion;
  return { ok: true, current, versions };
}

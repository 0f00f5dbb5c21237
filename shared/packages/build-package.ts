import { sha256Hex } from '../model/canonical/sha256';
import { stableStringify } from '../model/canonical/stable-stringify';
import type { Changeset } from '../model/changeset';
import type { DeclaredMapping, DeclaredParameter } from '../model/package-wire';
import { encodeBase64 } from '../signing/base64';
import type { DsseEnvelope } from '../signing/dsse-envelope';
import { IN_TOTO_STATEMENT_TYPE } from '../signing/in-toto-statement';
import {
  PACKAGE_MEDIA_TYPE,
  PACKAGE_PREDICATE_TYPE,
  type BundledApproval,
  type PackageContainer,
  type PackageStatement,
} from './package-format';
import type { OpenedPackage } from './read-package';

const encoder = new TextEncoder();

/**
 * The changeset artifact is its canonical JSON, so the sha256 the author signs as a subject is the
 * changeset's digest, which is exactly what each approval signs.
 */
export function changesetArtifactBytes(changeset: Changeset): Uint8Array {
  return encoder.encode(stableStringify(changeset));
}

export interface AuthorStatementInput {
  changeset: Pick<Changeset, 'id' | 'title'>;
  artifacts: readonly { name: string; bytes: Uint8Array }[];
  author: { keyId: string; owner: string };
  sourceEnvironment: string | null;
  sourceSnapshotCommit: string | null;
  targetEnvironments: readonly string[];
  createdAt: string;
  expiresAt: string;
  approvals: readonly BundledApproval[];
  parameters: readonly DeclaredParameter[];
  mappings: readonly DeclaredMapping[];
}

export function authorStatement(input: AuthorStatementInput): PackageStatement {
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: input.artifacts.map((artifact) => ({
      name: artifact.name,
      digest: { sha256: sha256Hex(artifact.bytes) },
    })),
    predicateType: PACKAGE_PREDICATE_TYPE,
    predicate: {
      changeId: input.changeset.id,
      title: input.changeset.title,
      author: input.author,
      sourceEnvironment: input.sourceEnvironment,
      sourceSnapshotCommit: input.sourceSnapshotCommit,
      targetEnvironments: [...input.targetEnvironments],
      createdAt: input.createdAt,
      expiresAt: input.expiresAt,
      approvals: [...input.approvals],
      parameters: input.parameters.map((parameter) => ({ name: parameter.name, type: parameter.type })),
      mappings: input.mappings.map((mapping) => ({ type: mapping.type, names: [...mapping.names] })),
    },
  };
}

/** What is signed: the statement's JSON as UTF-8 (the verifier hashes and parses these exact bytes). */
export function statementBytes(statement: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(statement));
}

/** How the author lists an approval: its signer and the sha256 of its payload bytes. */
export function bundledApproval(keyId: string, payload: Uint8Array): BundledApproval {
  return { keyId, sha256: sha256Hex(payload) };
}

/** The package file's text: 2-space JSON, standard padded base64, a trailing newline. */
export function packageText(input: {
  artifacts: readonly { name: string; bytes: Uint8Array }[];
  author: DsseEnvelope;
  approvals: readonly DsseEnvelope[];
}): string {
  const envelope = (value: DsseEnvelope) => ({
    payload: value.payload,
    payloadType: value.payloadType,
    signatures: value.signatures.map((signature) =>
      signature.keyid === undefined ? { sig: signature.sig } : { keyid: signature.keyid, sig: signature.sig },
    ),
  });
  const container: PackageContainer = {
    mediaType: PACKAGE_MEDIA_TYPE,
    artifacts: input.artifacts.map((artifact) => ({
      name: artifact.name,
      data: encodeBase64(artifact.bytes),
    })),
    author: envelope(input.author),
    approvals: input.approvals.map(envelope),
  };
  return `${JSON.stringify(container, null, 2)}\n`;
}

export const AUTHOR_ENVELOPE_FILE = 'author.dsse.json';
export const AUTHOR_KEY_FILE = 'author.pub';

export function approvalEnvelopeFile(index: number): string {
  return `approval-${index}.dsse.json`;
}

/**
 * The files `ferry package extract` writes: each envelope on its own (for cosign and other DSSE
 * tools) and each artifact under its own name, which the reader already held to a plain file name.
 */
export function extractedFiles(opened: OpenedPackage): { name: string; bytes: Uint8Array }[] {
  const json = (value: unknown) => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
  const files: { name: string; bytes: Uint8Array }[] = [
    { name: AUTHOR_ENVELOPE_FILE, bytes: json(opened.author.envelope) },
    ...opened.approvals.map((approval, index) => ({
      name: approvalEnvelopeFile(index + 1),
      bytes: json(approval.envelope),
    })),
  ];
  const reserved = new Set([...files.map((file) => file.name), AUTHOR_KEY_FILE]);
  for (const artifact of opened.artifacts) {
    if (reserved.has(artifact.name)) {
      throw new Error(
        `the artifact name "${artifact.name}" appears twice or is a file extract writes itself`,
      );
    }
    reserved.add(artifact.name);
    files.push({ name: artifact.name, bytes: artifact.bytes });
  }
  return files;
}

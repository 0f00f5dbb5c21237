import { sha256Hex } from '../model/canonical/sha256';
import type { PackageCheck } from '../model/package-wire';
import { decodeCanonicalBase64 } from '../signing/base64';
import { parseStrictJson, StrictJsonError } from '../signing/strict-json';
import {
  MAX_PACKAGE_BYTES,
  allowedArtifactName,
  PACKAGE_MEDIA_TYPE,
  PACKAGE_MEDIA_TYPE_BASE,
  packageContainerSchema,
  type LooseEnvelope,
} from './package-format';
import { plainIssueMessage } from '../errors/schema-issues';

/** A DSSE envelope with its base64 decoded (canonically): what verification works on. */
export interface OpenedEnvelope {
  payloadType: string;
  payload: Uint8Array;
  signatures: { keyid: string | null; sig: Uint8Array }[];
  /** The envelope's three DSSE fields exactly as the package holds them, for writing back out. */
  envelope: { payload: string; payloadType: string; signatures: { keyid?: string; sig: string }[] };
}

export interface OpenedArtifact {
  name: string;
  bytes: Uint8Array;
  /** sha256 of the bytes, hex. */
  sha256: string;
}

export interface OpenedPackage {
  artifacts: OpenedArtifact[];
  author: OpenedEnvelope;
  approvals: OpenedEnvelope[];
}

export interface ReadPackageResult {
  /** The container checks, in order; reading stops at the first failure. */
  checks: PackageCheck[];
  opened: OpenedPackage | null;
}

export function utf8Length(text: string): number {
  // Every UTF-16 code unit is at least one UTF-8 byte, so a long text is refused without encoding it.
  return text.length > MAX_PACKAGE_BYTES ? text.length : new TextEncoder().encode(text).length;
}

export function sizeCheck(bytes: number): PackageCheck {
  return bytes > MAX_PACKAGE_BYTES
    ? {
        check: 'size',
        passed: false,
        detail: `the file is ${bytes} bytes, more than a package may be (${MAX_PACKAGE_BYTES} bytes, 8 MiB); it was not read`,
      }
    : { check: 'size', passed: true, detail: `${bytes} bytes (at most ${MAX_PACKAGE_BYTES})` };
}

/**
 * The container checks, in the order an attacker's input meets them: size before parsing, JSON
 * syntax, duplicate and prototype keys at any depth, the media type and version, the shape,
 * artifact names, canonical base64. Nothing inside an envelope is interpreted here.
 */
export function readPackage(text: string): ReadPackageResult {
  const checks: PackageCheck[] = [];
  const stop = (check: string, detail: string): ReadPackageResult => {
    checks.push({ check, passed: false, detail });
    return { checks, opened: null };
  };

  const size = sizeCheck(utf8Length(text));
  checks.push(size);
  if (!size.passed) return { checks, opened: null };

  let raw: unknown;
  try {
    raw = parseStrictJson(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof StrictJsonError) || message.startsWith('not valid JSON')) {
      return stop('json', jsonProblem(text, message));
    }
    checks.push({ check: 'json', passed: true, detail: 'one complete JSON document' });
    if (/appears twice/.test(message)) {
      return stop(
        'duplicate-keys',
        `${message}: a reader keeping the first and one keeping the last would disagree`,
      );
    }
    return stop(
      'forbidden-keys',
      `${message}: __proto__, constructor and prototype keys are refused at any depth`,
    );
  }
  checks.push(
    { check: 'json', passed: true, detail: 'one complete JSON document' },
    { check: 'duplicate-keys', passed: true, detail: 'no object repeats a key' },
    { check: 'forbidden-keys', passed: true, detail: 'no __proto__, constructor or prototype keys' },
  );

  const mediaType =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? (raw as Record<string, unknown>).mediaType
      : undefined;
  if (mediaType !== PACKAGE_MEDIA_TYPE) {
    if (typeof mediaType === 'string' && mediaType.startsWith(`${PACKAGE_MEDIA_TYPE_BASE};version=`)) {
      const version = mediaType.slice(`${PACKAGE_MEDIA_TYPE_BASE};version=`.length);
      return stop(
        'media-type',
        `the package is format version ${JSON.stringify(version)}; this Ferry reads version 1 (${PACKAGE_MEDIA_TYPE})`,
      );
    }
    return stop(
      'media-type',
      typeof mediaType === 'string'
        ? `the media type is ${JSON.stringify(mediaType.slice(0, 100))}, not ${PACKAGE_MEDIA_TYPE}: not a Ferry change package`
        : `no mediaType field: not a Ferry change package (${PACKAGE_MEDIA_TYPE})`,
    );
  }
  checks.push({ check: 'media-type', passed: true, detail: PACKAGE_MEDIA_TYPE });

  const parsed = packageContainerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join('.') : '(the package)';
    const message =
      issue?.code === 'unrecognized_keys'
        ? `has an unknown field "${issue.keys[0] ?? ''}"`
        : issue && plainIssueMessage(issue);
    return stop('structure', `${where} ${message ?? 'is not as a change package has it'}`);
  }
  const container = parsed.data;
  checks.push({
    check: 'structure',
    passed: true,
    detail: `${container.artifacts.length} artifact${container.artifacts.length === 1 ? '' : 's'}, an author envelope and ${container.approvals.length} approval envelope${container.approvals.length === 1 ? '' : 's'}`,
  });

  const badNames = container.artifacts.filter((artifact) => !allowedArtifactName(artifact.name));
  if (badNames.length > 0) {
    return stop(
      'artifact-names',
      `artifact name ${badNames.map((artifact) => JSON.stringify(artifact.name)).join(', ')} is not allowed: names are 1–64 characters of A–Z a–z 0–9 . _ - and start with a letter or digit, or audio-<sha256 in lower-case hex>.wav for an audio file`,
    );
  }
  checks.push({ check: 'artifact-names', passed: true, detail: 'every artifact name is a plain file name' });

  const notCanonical: string[] = [];
  const decode = (text: string, where: string): Uint8Array => {
    const bytes = decodeCanonicalBase64(text);
    if (bytes === null) notCanonical.push(where);
    return bytes ?? new Uint8Array();
  };
  const artifacts = container.artifacts.map((artifact, index) => {
    const bytes = decode(artifact.data, `artifacts[${index}].data (${artifact.name})`);
    return { name: artifact.name, bytes, sha256: sha256Hex(bytes) };
  });
  const author = openEnvelope(container.author, 'author', decode);
  const approvals = container.approvals.map((envelope, index) =>
    openEnvelope(envelope, `approvals[${index}]`, decode),
  );
  if (notCanonical.length > 0) {
    return stop(
      'base64',
      `${notCanonical.join(', ')} ${notCanonical.length === 1 ? 'is' : 'are'} not canonical standard padded base64 (RFC 4648 §4, nothing else in it)`,
    );
  }
  checks.push({
    check: 'base64',
    passed: true,
    detail: 'every artifact, payload and signature is canonical base64',
  });
  return { checks, opened: { artifacts, author, approvals } };
}

function openEnvelope(
  envelope: LooseEnvelope,
  where: string,
  decode: (text: string, where: string) => Uint8Array,
): OpenedEnvelope {
  return {
    payloadType: envelope.payloadType,
    payload: decode(envelope.payload, `${where}.payload`),
    signatures: envelope.signatures.map((signature, index) => ({
      keyid: signature.keyid ?? null,
      sig: decode(signature.sig, `${where}.signatures[${index}].sig`),
    })),
    envelope: {
      payload: envelope.payload,
      payloadType: envelope.payloadType,
      signatures: envelope.signatures.map((signature) =>
        signature.keyid === undefined
          ? { sig: signature.sig }
          : { keyid: signature.keyid, sig: signature.sig },
      ),
    },
  };
}

/** Says whether the text stops early or carries something after its end, when JSON.parse can tell. */
function jsonProblem(text: string, message: string): string {
  const reason = message.replace(/^not valid JSON: /, '');
  const position = /at position (\d+)/.exec(reason);
  const at = position ? Number(position[1]) : null;
  if (/after JSON/i.test(reason)) {
    return `something follows the end of the JSON document (trailing garbage at character ${at ?? '?'}): ${reason}`;
  }
  if (/Unexpected end of JSON input/i.test(reason) || (at !== null && at >= text.trimEnd().length)) {
    return `the file ends before its JSON does (truncated): ${reason}`;
  }
  return `not valid JSON: ${reason}`;
}

import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { auditHeadsInPayload, type AuditHead } from '../../../shared/signing/audit-head';
import { dsseEnvelopeSchema, envelopePayload, signatureBytes } from '../../../shared/signing/dsse-envelope';
import { preAuthEncoding } from '../../../shared/signing/pae';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { verifyEd25519 } from '../identity/ed25519';

/** Where signed documents live: approvals and author statements, runs, trust root versions. */
export const ANCHOR_FOLDERS = ['changesets', 'runs', 'trust'] as const;

/** Signed documents are small; a bigger file is not one of ours and is not read. */
const MAX_ANCHOR_FILE_BYTES = 1024 * 1024;
/** `runs/<id>/…` and `changesets/<id>.approvals/…` are two levels deep; this leaves room. */
const MAX_DEPTH = 8;
/** Bounds the walk. Past it the scan stops and says so, rather than quietly missing anchors. */
const MAX_FILES = 100_000;

/** A signed document's record that its signer's audit chain had reached `head`. */
export interface AuditAnchor {
  /** The document's path in the workspace, `/`-separated. */
  source: string;
  head: AuditHead;
}

export interface AuditAnchorScan {
  anchors: AuditAnchor[];
  /** True when the walk stopped at its bounds, so anchors past them were not seen. */
  incomplete: boolean;
}

/** The PEM of a key this machine believes, or null: the same lookup the entries are checked with. */
export type PublicKeyLookup = (keyId: string) => Promise<string | null>;

/**
 * Every DSSE envelope under the anchor folders whose payload names an `auditHead` and which the
 * head's own key signed (checked here against `publicKeyOf`). Only the head's signer can anchor
 * her chain: a document that merely mentions someone else's head, or a signature nobody trusted
 * made, anchors nothing, so a pusher cannot invent evidence against a chain. Files that are not
 * envelopes are skipped without a word; the checks for their own kind report them.
 */
export async function findAuditAnchors(dir: string, publicKeyOf: PublicKeyLookup): Promise<AuditAnchorScan> {
  const scan: AuditAnchorScan = { anchors: [], incomplete: false };
  let files = 0;
  const walk = async (relative: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) {
      scan.incomplete = true;
      return;
    }
    let entries;
    try {
      entries = await readdir(join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
    for (const entry of entries) {
      if (scan.incomplete) return;
      const path = `${relative}/${entry.name}`;
      // Symbolic links are never followed: they could lead out of the workspace or round in a loop.
      if (entry.isDirectory()) {
        await walk(path, depth + 1);
      } else if (entry.isFile()) {
        files += 1;
        if (files > MAX_FILES) {
          scan.incomplete = true;
          return;
        }
        const text = await readSmallFile(join(dir, path));
        if (text !== null) scan.anchors.push(...(await anchorsIn(path, text, publicKeyOf)));
      }
    }
  };
  for (const folder of ANCHOR_FOLDERS) await walk(folder, 1);
  return scan;
}

async function anchorsIn(source: string, text: string, publicKeyOf: PublicKeyLookup): Promise<AuditAnchor[]> {
  let envelope;
  let payload: Uint8Array;
  let document: unknown;
  try {
    const parsed = dsseEnvelopeSchema.safeParse(parseStrictJson(text));
    if (!parsed.success) return [];
    envelope = parsed.data;
    payload = envelopePayload(envelope);
    document = parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return [];
  }
  const anchors: AuditAnchor[] = [];
  const signed = preAuthEncoding(envelope.payloadType, payload);
  for (const head of auditHeadsInPayload(document)) {
    const candidates = envelope.signatures.filter((signature) => signature.keyid === head.keyId);
    if (candidates.length === 0) continue;
    const publicKey = await publicKeyOf(head.keyId);
    if (publicKey === null) continue;
    if (candidates.some((signature) => verifyEd25519(publicKey, signed, signatureBytes(signature)))) {
      anchors.push({ source, head });
    }
  }
  return anchors;
}

/** The file's text, or null when it is too big or cannot be read as a plain file. */
async function readSmallFile(path: string): Promise<string | null> {
  let handle;
  try {
    // O_NOFOLLOW: the entry was a plain file when listed; a link swapped in since is not followed.
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return null;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_ANCHOR_FILE_BYTES) return null;
    const buffer = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(buffer, 0, info.size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

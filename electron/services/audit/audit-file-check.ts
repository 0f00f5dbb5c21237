import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeCanonicalBase64 } from '../../../shared/signing/base64';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { verifyEd25519 } from '../identity/ed25519';
import { auditEntryHash, auditEntrySchema, auditSignedBytes, type AuditEntry } from './audit-entry';
import { plainIssueMessage } from '../../../shared/errors/schema-issues';

export interface AuditProblem {
  file: string;
  /** 1-based line in the file; 0 when the problem is the file itself. */
  line: number;
  problem: string;
}

/** What a person does about a kind of damage; the CLI prints each once after the problems. */
export type AuditRemedy = 'restore' | 'revert-entries' | 'trust-or-revert' | 'remove-file' | 'tidy-folders';

/** A key the verifier believes: this machine's own, or one the trust root vouches for. */
export interface SignerKey {
  publicKey: string;
  /** Who holds it, for messages. */
  owner: string;
}

/** One actor's chain as the file holds it, for the anchor and pin checks that follow. */
export interface ChainSummary {
  /** The valid entries by seq (the first of two with one seq), with their lines. */
  bySeq: Map<number, { hash: string; line: number }>;
  /** The highest seq present, 0 for an empty file. */
  lastSeq: number;
}

export interface FileCheck {
  problems: (AuditProblem & { remedy: AuditRemedy })[];
  chain: ChainSummary;
  entries: number;
  signaturesChecked: number;
  signaturesUnverifiable: number;
  unsigned: number;
}

export async function readLines(dir: string, file: string): Promise<{ text: string; line: number }[]> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  // Every entry ends with a newline, so the piece after the last one is empty.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, index) => ({ text: line, line: index + 1 }));
}

/** The entry, or the reason it is not one. */
export function parseEntry(text: string): AuditEntry | string {
  let raw: unknown;
  try {
    raw = parseStrictJson(text);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const parsed = auditEntrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') || '(entry)'}: ${issue ? plainIssueMessage(issue) : 'invalid'}`;
  }
  return parsed.data;
}

/**
 * Why the entry's signature cannot be believed, or null when it checks out against `signer`.
 * An entry nobody signed, or one signed by a key this machine does not trust, proves nothing:
 * anyone who can push could have written it, so each is a failure and not a shrug.
 */
export function signatureProblem(entry: AuditEntry, signer: SignerKey | null): string | null {
  if (entry.sig === undefined) return `entry seq ${entry.seq} is unsigned`;
  if (signer === null) {
    return `entry seq ${entry.seq} is signed by key ${entry.actor} which is not trusted`;
  }
  const signature = decodeCanonicalBase64(entry.sig);
  if (signature === null || !verifyEd25519(signer.publicKey, auditSignedBytes(entry.hash), signature)) {
    return `entry seq ${entry.seq} has a bad signature: it was not signed by key ${entry.actor}`;
  }
  return null;
}

/**
 * Checks one actor's file: each entry's hash against its content (an edit), its signature against
 * the actor's key, the seq numbers for gaps (a removal), their order (a reordering) and each
 * `prev` against the entry before it by seq. The end of the chain cannot vouch for itself: the
 * anchor and pin checks in audit-log.ts are what notice a cut-off end or a deleted file.
 */
export async function checkAuditFile(
  dir: string,
  file: string,
  actor: string,
  signer: SignerKey | null,
): Promise<FileCheck> {
  const problems: FileCheck['problems'] = [];
  const report = (line: number, problem: string, remedy: AuditRemedy = 'restore') =>
    problems.push({ file, line, problem, remedy });
  const entries: { entry: AuditEntry; line: number }[] = [];
  let signaturesChecked = 0;
  let signaturesUnverifiable = 0;
  let unsigned = 0;

  for (const { text, line } of await readLines(dir, file)) {
    const parsed = parseEntry(text);
    if (typeof parsed === 'string') {
      report(line, `not a valid audit entry: ${parsed}`, 'revert-entries');
      continue;
    }
    entries.push({ entry: parsed, line });
  }

  const bySeq = new Map<number, { entry: AuditEntry; line: number }>();
  let previous: { entry: AuditEntry; line: number } | undefined;
  for (const current of entries) {
    const { entry, line } = current;
    if (entry.actor !== actor) {
      report(line, `entry names actor ${entry.actor} but is in the file of ${actor}`, 'revert-entries');
    }
    if (auditEntryHash(entry) !== entry.hash) {
      report(line, `entry seq ${entry.seq} was edited: its content no longer matches its hash`);
    }
    if (previous && entry.seq <= previous.entry.seq) {
      report(
        line,
        `entries out of order: seq ${entry.seq} comes after seq ${previous.entry.seq} (line ${previous.line})`,
      );
    }
    const twin = bySeq.get(entry.seq);
    if (twin) report(line, `seq ${entry.seq} appears twice (also line ${twin.line})`);
    else bySeq.set(entry.seq, current);
    if (entry.sig === undefined) unsigned += 1;
    else if (signer === null) signaturesUnverifiable += 1;
    else signaturesChecked += 1;
    const signature = signatureProblem(entry, signer);
    if (signature !== null) {
      report(
        line,
        signature,
        signer === null && entry.sig !== undefined ? 'trust-or-revert' : 'revert-entries',
      );
    }
    previous = current;
  }

  // Gaps and chain links are judged by seq, not by line, so a reordering is reported once as a
  // reordering and not again as a removal or a broken link.
  const seqs = [...bySeq.keys()].sort((left, right) => left - right);
  let expected = 1;
  for (const seq of seqs) {
    const { entry, line } = bySeq.get(seq) as { entry: AuditEntry; line: number };
    if (seq > expected) {
      const range = seq - 1 === expected ? `seq ${expected} is` : `seq ${expected}–${seq - 1} are`;
      report(line, `entries removed: ${range} missing before seq ${seq}`);
    }
    expected = seq + 1;
    if (seq === 1) {
      if (entry.prev !== null) report(line, 'the first entry (seq 1) must not point to an earlier one');
      continue;
    }
    const before = bySeq.get(seq - 1);
    if (before && entry.prev !== before.entry.hash) {
      report(
        line,
        `chain broken: seq ${seq} does not point to the hash of seq ${seq - 1} (line ${before.line})`,
      );
    }
  }
  problems.sort((left, right) => left.line - right.line);
  const chain: ChainSummary = {
    bySeq: new Map([...bySeq].map(([seq, { entry, line }]) => [seq, { hash: entry.hash, line }])),
    lastSeq: seqs[seqs.length - 1] ?? 0,
  };
  return { problems, chain, entries: entries.length, signaturesChecked, signaturesUnverifiable, unsigned };
}

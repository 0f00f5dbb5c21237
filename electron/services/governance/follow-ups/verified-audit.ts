import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrustedKey } from '../../../../shared/model/trust';
import { AUDIT_FOLDER, auditEntryHash, auditFileName, type AuditEntry } from '../../audit/audit-entry';
import { parseEntry, readLines, signatureProblem } from '../../audit/audit-file-check';

/**
 * Audit entries this machine can believe, for the follow-ups (issue 20): each line's hash must
 * match its content and its signature a key the trust root holds, in the file of that key. A line
 * anyone could have written (unsigned, edited, in another actor's file) is skipped, so a planted
 * entry can neither hide an overdue follow-up from the log nor move an approval's time.
 * `ferry audit verify` is what reports such lines; here they are only not believed.
 */
export async function verifiedAuditEntries(
  workspaceDir: string,
  actorKeyId: string,
  trusted: readonly TrustedKey[],
): Promise<AuditEntry[]> {
  const key = trusted.find((candidate) => candidate.keyId === actorKeyId);
  if (key === undefined) return [];
  let lines: { text: string; line: number }[];
  try {
    lines = await readLines(workspaceDir, auditFileName(actorKeyId));
  } catch {
    return [];
  }
  const entries: AuditEntry[] = [];
  for (const { text } of lines) {
    const entry = parseEntry(text);
    if (typeof entry === 'string' || entry.actor !== actorKeyId) continue;
    if (auditEntryHash(entry) !== entry.hash) continue;
    if (signatureProblem(entry, { publicKey: key.publicKey, owner: key.owner }) !== null) continue;
    entries.push(entry);
  }
  return entries;
}

/** The key ids that have an audit file in the workspace. */
export async function auditActors(workspaceDir: string): Promise<string[]> {
  try {
    return (await readdir(join(workspaceDir, AUDIT_FOLDER)))
      .map((name) => /^([0-9a-f]{64})\.jsonl$/.exec(name)?.[1])
      .filter((id): id is string => id !== undefined)
      .sort();
  } catch {
    return [];
  }
}

import { INSIGHTS_AUDIT_ACTIONS } from '../../../shared/insights/insights-audit';
import type { AuditFact, UnverifiedRecord } from '../../../shared/insights/insights-facts';
import { keyValidityAt, signedInFuture } from '../approvals/key-validity-at';
import { auditEntryHash } from '../audit/audit-entry';
import { parseEntry, signatureProblem } from '../audit/audit-file-check';
import { HEAD_ACTION } from './audit-anchors-check';
import { RUN_AUDIT_ACTIONS } from './missing-runs';
import type { AuditRecordFiles } from './record-files';
import {
  emptyTally,
  refusedFile,
  unverifiedOutcome,
  type HistoryTrust,
  type RecordOutcome,
} from './record-outcome';

/** What compute reads, and the entries naming runs the reader cross-checks the runs folder with (missing-runs.ts). */
/**
 * How many lines of one file may fail before the rest is not read: Ferry never writes a broken
 * line, so a file with this many was vandalised, and reading on would let a planted file of
 * millions of empty lines cost minutes and gigabytes (1 MB of newlines took 17 s and 460 MB).
 */
const MAX_BROKEN_LINES = 100;

/** How far back from the end the file's signed head is looked for (audit-anchors-check.ts). */
const HEAD_SEARCH_LINES = 100;

const READ = new Set([...INSIGHTS_AUDIT_ACTIONS, ...RUN_AUDIT_ACTIONS]);

/**
 * One actor's audit file, as Insights reads it (issue 19): entries whose action Insights uses
 * become facts when their hash matches their content, they chain to the line before them, and
 * their signature verifies with the actor's key as the trust root gives it, judged at the entry's
 * own time. Any line that fails one of those checks is an UnverifiedRecord (kind `audit`), whatever
 * its action: an edit may have changed the action too. An entry Insights reads that nobody signed
 * is counted `unsigned`. The checks are the audit log's own (audit-file-check.ts).
 */
export function verifyAuditRecord(record: AuditRecordFiles, trust: HistoryTrust): RecordOutcome {
  const file = `audit/${record.actor}.jsonl`;
  if (typeof record.file === 'string') {
    return unverifiedOutcome({ kind: 'audit', file, reason: refusedFile(file) });
  }
  const key = trust.keys.get(record.actor) ?? null;
  const signer = key === null ? null : { publicKey: key.publicKey, owner: key.owner };
  const content = record.file.toString('utf8');

  const facts: AuditFact[] = [];
  const unverified: UnverifiedRecord[] = [];
  const counts = emptyTally();
  // The hash the next line must name as `prev`; undefined after a line that is not an entry.
  let expectedPrev: string | null | undefined = null;
  let brokenLines = 0;
  /** The last lines whose hash and chain hold, newest last: where the file's signed head is. */
  const chained: Exclude<ReturnType<typeof parseEntry>, string>[] = [];
  // Line by line without splitting first: bounded by the file's size cap and MAX_BROKEN_LINES.
  for (let index = 0, offset = 0; offset < content.length; index += 1) {
    const newline = content.indexOf('\n', offset);
    const end = newline === -1 ? content.length : newline;
    const text = content.slice(offset, end);
    offset = end + 1;
    if (brokenLines === MAX_BROKEN_LINES) {
      counts.read += 1;
      counts.unverified += 1;
      unverified.push({
        kind: 'audit',
        file,
        reason: `${file} from line ${index + 1} on was not read: ${MAX_BROKEN_LINES} lines before it do not verify, which Ferry never writes; restore the file from git history (git log -p -- ${file})`,
      });
      break;
    }
    const broken = (reason: string) => {
      brokenLines += 1;
      counts.read += 1;
      counts.unverified += 1;
      unverified.push({ kind: 'audit', file, reason: `${file} line ${index + 1}: ${reason}` });
    };
    const entry = parseEntry(text);
    if (typeof entry === 'string') {
      broken(`not a valid audit entry (${entry})`);
      expectedPrev = undefined;
      continue;
    }
    const prevOk = expectedPrev !== undefined && entry.prev === expectedPrev;
    expectedPrev = entry.hash;
    if (entry.actor !== record.actor) {
      broken(`the entry names actor ${entry.actor} but is in the file of ${record.actor}`);
      continue;
    }
    if (auditEntryHash(entry) !== entry.hash) {
      broken(`entry seq ${entry.seq} was edited: its content no longer matches its hash`);
      continue;
    }
    if (!prevOk) {
      broken(`entry seq ${entry.seq} does not follow the line before it: the chain is broken`);
      continue;
    }
    chained.push(entry);
    if (chained.length > HEAD_SEARCH_LINES) chained.shift();
    if (!READ.has(entry.action)) continue;
    if (entry.sig === undefined) {
      counts.read += 1;
      counts.unsigned += 1;
      continue;
    }
    const problem = signatureProblem(entry, signer);
    if (problem !== null) {
      broken(problem);
      continue;
    }
    const at = new Date(entry.at);
    if (signedInFuture(at, trust.now)) {
      broken(`entry seq ${entry.seq} is dated ${entry.at}, later than this machine's clock`);
      continue;
    }
    const validity = key === null ? null : keyValidityAt(key, at);
    if (key === null || validity === null || validity.state !== 'valid') {
      broken(
        `entry seq ${entry.seq} is signed by ${key?.owner ?? entry.actor}'s key, which was ${validity?.state ?? 'untrusted'} on ${entry.at}`,
      );
      continue;
    }
    counts.read += 1;
    counts.verified += 1;
    facts.push({
      actorKeyId: entry.actor,
      actor: key.owner,
      at: entry.at,
      action: entry.action,
      subject: entry.subject,
      details: entry.details,
    });
  }
  // The file's head: its last entry the actor's key signed, for the anchor check. Forged lines
  // appended after it cannot be signed, so they never become the head.
  const head = [...chained].reverse().find((entry) => signatureProblem(entry, signer) === null);
  if (head !== undefined) {
    facts.push({
      actorKeyId: record.actor,
      actor: key?.owner ?? record.actor,
      at: head.at,
      action: HEAD_ACTION,
      subject: file,
      details: { seq: head.seq, hash: head.hash },
    });
  }
  return {
    counts: { audit: counts },
    ...(facts.length > 0 ? { audit: facts } : {}),
    ...(unverified.length > 0 ? { unverified } : {}),
  };
}

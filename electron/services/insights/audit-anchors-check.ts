import type { AuditFact, InsightsInput, UnverifiedRecord } from '../../../shared/insights/insights-facts';

/**
 * Catches an audit file cut short or deleted (issue 19, threat model DESIGN §7b). Each actor's
 * audit file checks itself line by line, but removing its last lines, or the whole file, leaves a
 * shorter file that still verifies: a gate refusal, a drift check or the entry naming a deleted run
 * would vanish unseen. A run's signed plan records its promoter's audit head when she started, and
 * an approval its approver's (`auditHead`, issue 11), which only they could sign: each says "her log
 * had reached seq N with hash H by then". The verifiers pass these on as two internal facts,
 * stripped here before compute sees `input.audit`:
 * - ANCHOR_ACTION, from run-record.ts and changeset-record.ts (approvals): subject the signed file,
 *   details `{ seq, hash }`;
 * - HEAD_ACTION, from audit-record.ts: the last entry of the file whose signature verifies with its
 *   actor's key, details `{ seq, hash }` (a tail of forged lines cannot end in a signed one).
 * An actor whose highest anchor lies beyond her file's head, or at it with another hash, has her
 * file listed as unverified, saying which signed document shows it and to restore it from git.
 * The audit log's own check (`ferry audit verify`) also uses author statements, trust root
 * versions and this machine's pins: a log cut after its actor's last signed run or approval is
 * seen only there.
 */
export const ANCHOR_ACTION = 'insights:audit-anchor';
export const HEAD_ACTION = 'insights:audit-head';

interface Head {
  seq: number;
  hash: string;
}

function headOf(fact: AuditFact): Head | null {
  const { seq, hash } = fact.details;
  return typeof seq === 'number' && typeof hash === 'string' ? { seq, hash } : null;
}

export function checkAuditAnchors(input: InsightsInput): void {
  const heads = new Map<string, Head>();
  const anchors = new Map<string, { head: Head; fact: AuditFact }>();
  const kept: AuditFact[] = [];
  for (const fact of input.audit) {
    if (fact.action !== ANCHOR_ACTION && fact.action !== HEAD_ACTION) {
      kept.push(fact);
      continue;
    }
    const head = headOf(fact);
    if (head === null) continue;
    if (fact.action === HEAD_ACTION) {
      heads.set(fact.actorKeyId, head);
      continue;
    }
    const highest = anchors.get(fact.actorKeyId);
    if (highest === undefined || head.seq > highest.head.seq) anchors.set(fact.actorKeyId, { head, fact });
  }
  input.audit = kept;

  const cut: UnverifiedRecord[] = [];
  for (const [keyId, { head: anchor, fact }] of anchors) {
    const file = `audit/${keyId}.jsonl`;
    const head = heads.get(keyId) ?? null;
    const shown = `${fact.subject}, signed by ${fact.actor} on ${fact.at}, records that ${fact.actor}'s audit log had reached entry seq ${anchor.seq}`;
    const restore = `entries were removed or replaced (a hidden refusal, drift check or run); restore ${file} from git history (git log -p -- ${file})`;
    if (head === null) {
      cut.push({
        kind: 'audit',
        file,
        reason: `${file} is missing or holds no signed entry, yet ${shown}; ${restore}`,
      });
    } else if (head.seq < anchor.seq) {
      cut.push({
        kind: 'audit',
        file,
        reason: `${file} ends at entry seq ${head.seq}, yet ${shown}; ${restore}`,
      });
    } else if (head.seq === anchor.seq && head.hash !== anchor.hash) {
      cut.push({
        kind: 'audit',
        file,
        reason: `${file} entry seq ${head.seq} is not the one ${fact.subject} recorded; ${restore}`,
      });
    }
  }
  if (cut.length === 0) return;
  input.unverified.push(...cut);
  input.unverified.sort(
    (left, right) => compare(left.file, right.file) || compare(left.reason, right.reason),
  );
  input.counts.audit.read += cut.length;
  input.counts.audit.unverified += cut.length;
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

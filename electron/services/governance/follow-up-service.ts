import { FerryError } from '../../../shared/api/api-error';
import { samePerson } from '../../../shared/approvals/approval-checks';
import type { FollowUp } from '../../../shared/promotion/follow-ups/follow-up';
import {
  deriveFollowUp,
  type FollowUpApproval,
  type OverrideRun,
} from '../../../shared/promotion/follow-ups/derive-follow-up';
import { FOLLOW_UP_DEFAULT_HOURS, followUpHoursOf } from '../../../shared/promotion/policy';
import type { TrustedKey } from '../../../shared/model/trust';
import type { ApprovalVerification } from '../approvals/approval-verifier';
import type { AuthorSignature } from '../approvals/authorship-service';
import type { AuditEntry } from '../audit/audit-entry';
import type { ChangesetStore } from '../changesets/changeset-store';
import type { IdentityServices } from '../identity/identity-services';
import type { WorkspaceService } from '../workspace/workspace-service';
import { auditedOverrideRuns } from './follow-ups/audited-override-runs';
import { overrideRuns } from './follow-ups/override-runs';
import { auditActors, verifiedAuditEntries } from './follow-ups/verified-audit';

/** The audit action recorded once per run whose follow-up a governed write action found overdue. */
export const FOLLOW_UP_OVERDUE_ACTION = 'override-follow-up-overdue';

/**
 * Emergency override follow-ups (issue 20), derived from the signed runs that used an override
 * and the signed approvals of their changesets.
 */
export interface FollowUpServiceApi {
  /** Every override follow-up in the workspace, newest first, judged at the workspace clock. */
  list(): Promise<FollowUp[]>;
  /** The overdue follow-ups of the person who holds `keyId` (any of their keys, by trust-root owner). */
  overdueOf(keyId: string): Promise<FollowUp[]>;
  /**
   * Records, as `actorKeyId` (this machine's key), one `override-follow-up-overdue` audit entry
   * for each overdue follow-up no trusted actor has recorded yet; returns those it recorded. For a
   * governed write action (promote, pipeline advance) that observed them. Throws what the audit
   * log throws (a damaged chain, a key that is not this machine's).
   */
  recordOverdue(actorKeyId: string): Promise<FollowUp[]>;
}

export interface FollowUpServiceDeps {
  workspace: Pick<WorkspaceService, 'requirePath' | 'now'>;
  changesets: Pick<ChangesetStore, 'get'>;
  identity: Pick<IdentityServices, 'trust' | 'approvals' | 'authorship' | 'audit'>;
}

export class FollowUpService implements FollowUpServiceApi {
  constructor(private readonly deps: FollowUpServiceDeps) {}

  async list(): Promise<FollowUp[]> {
    const { workspace, identity } = this.deps;
    const dir = workspace.requirePath();
    const now = workspace.now();
    // A trust root that does not verify refuses here (trust.unverified): nothing can be judged.
    const trusted = await identity.trust.list();
    const audits = new Map<string, Promise<AuditEntry[]>>();
    const auditOf = (keyId: string) => {
      let entries = audits.get(keyId);
      if (entries === undefined) {
        entries = verifiedAuditEntries(dir, keyId, trusted);
        audits.set(keyId, entries);
      }
      return entries;
    };
    const runs = await overrideRuns(dir, trusted, now);
    // A run folder deleted or edited since (it no longer verifies) still owes its follow-up: the
    // signed audit log recorded the override (audited-override-runs.ts).
    const seen = new Set(runs.map((run) => run.runId));
    for (const run of await auditedOverrideRuns(dir, trusted, auditOf)) {
      if (!seen.has(run.runId)) runs.push(run);
    }
    const hours = new Map<string, number>();
    const followUps: FollowUp[] = [];
    for (const run of runs) {
      if (!hours.has(run.environment)) {
        // The window is the target's signed policy as it is now (the secure default when unsigned).
        hours.set(run.environment, followUpHoursOf((await identity.trust.policy(run.environment)).policy));
      }
      const [approvals, authors, currentDigest] = await Promise.all([
        this.approvals(run, auditOf),
        identity.authorship
          .authorship(run.changesetId, run.changesetDigest)
          .then((authorship) => authorsOf(authorship.signatures)),
        this.currentDigest(run.changesetId),
      ]);
      followUps.push(
        deriveFollowUp({
          run,
          // The window recorded when the override was used; the policy now only for older records.
          followUpHours: run.followUpHours ?? hours.get(run.environment) ?? FOLLOW_UP_DEFAULT_HOURS,
          approvals,
          authors,
          now,
          currentDigest,
        }),
      );
    }
    return followUps.sort(
      (left, right) =>
        Date.parse(right.overriddenAt) - Date.parse(left.overriddenAt) ||
        right.runId.localeCompare(left.runId),
    );
  }

  async overdueOf(keyId: string): Promise<FollowUp[]> {
    const key = await this.deps.identity.trust.find(keyId);
    // A key the trust root does not hold is nobody's: it cannot promote either.
    if (key === null) return [];
    return (await this.list()).filter(
      (followUp) => followUp.state === 'overdue' && samePerson(followUp.overriddenBy.owner, key.owner),
    );
  }

  async recordOverdue(actorKeyId: string): Promise<FollowUp[]> {
    const { workspace, identity } = this.deps;
    const overdue = (await this.list()).filter((followUp) => followUp.state === 'overdue');
    if (overdue.length === 0) return [];
    const dir = workspace.requirePath();
    const trusted = await identity.trust.list();
    const recorded = await this.recordedRuns(dir, trusted);
    const added: FollowUp[] = [];
    // Oldest due first, so the log reads in the order they fell due.
    for (const followUp of [...overdue].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))) {
      const subject = `run/${followUp.runId}`;
      if (recorded.has(subject)) continue;
      await identity.audit.append(actorKeyId, {
        action: FOLLOW_UP_OVERDUE_ACTION,
        subject,
        details: {
          runId: followUp.runId,
          changesetId: followUp.changesetId,
          environment: followUp.environment,
          overriddenBy: followUp.overriddenBy.owner,
          dueAt: followUp.dueAt,
        },
      });
      recorded.add(subject);
      added.push(followUp);
    }
    return added;
  }

  /** Subjects (`run/<id>`) any trusted actor already recorded as overdue. */
  private async recordedRuns(dir: string, trusted: readonly TrustedKey[]): Promise<Set<string>> {
    const subjects = new Set<string>();
    for (const actor of await auditActors(dir)) {
      for (const entry of await verifiedAuditEntries(dir, actor, trusted)) {
        if (entry.action === FOLLOW_UP_OVERDUE_ACTION) subjects.add(entry.subject);
      }
    }
    return subjects;
  }

  /**
   * The stored approvals of the run's digest judged for its environment, each key at the time it
   * signed (a retrospective approval must not come undone when the approver's key later expires).
   *
   * When an approval counts from: `approvedAt` is the approver's own signed claim, and so is the
   * time of her `approve` audit entry; nothing in the workspace proves when she really signed (git
   * commit dates are claims too), so an approver could sign a backdated approval. What the audit
   * entry adds is order: it is chained after everything she recorded before, so it cannot be put
   * before her earlier entries without rewriting her chain (which `ferry audit verify` and the
   * signed anchors notice). The later of the two times is taken, so a disagreement only ever makes
   * an approval later, never earlier.
   */
  private async approvals(
    run: OverrideRun,
    auditOf: (keyId: string) => Promise<AuditEntry[]>,
  ): Promise<FollowUpApproval[]> {
    let verified: ApprovalVerification[];
    try {
      verified = await this.deps.identity.approvals.list(run.changesetId, run.changesetDigest, {
        environment: run.environment,
        historical: true,
      });
    } catch (error) {
      // The changeset is gone or unreadable: nothing can resolve it until it is restored (the message says so).
      if (error instanceof FerryError && error.code.startsWith('changeset.')) return [];
      throw error;
    }
    const approvals: FollowUpApproval[] = [];
    for (const approval of verified) {
      let at = approval.approvedAt;
      if (approval.status === 'valid' && at !== null) {
        const audited = (await auditOf(approval.keyId))
          .filter(
            (entry) =>
              entry.action === 'approve' &&
              entry.subject === `changeset/${run.changesetId}` &&
              entry.details.digest === run.changesetDigest &&
              entry.details.file === approval.file,
          )
          .at(-1);
        if (audited !== undefined && Date.parse(audited.at) > Date.parse(at)) at = audited.at;
      }
      approvals.push({ keyId: approval.keyId, owner: approval.owner, status: approval.status, at });
    }
    return approvals;
  }

  private async currentDigest(changesetId: string): Promise<string | null> {
    try {
      return (await this.deps.changesets.get(changesetId)).digest;
    } catch (error) {
      if (error instanceof FerryError && error.code.startsWith('changeset.')) return null;
      throw error;
    }
  }
}

/**
 * Everyone a trusted key proves signed the changeset as its author, any version, whatever became
 * of the key since (revoked, expired, its author role removed): the gate's contributors are judged
 * now, but a follow-up is history, and an author whose key lapsed must not become her own reviewer.
 */
function authorsOf(signatures: readonly AuthorSignature[]): { keyId: string; owner: string }[] {
  return signatures
    .filter((signature) => PROVEN_AUTHOR.has(signature.status) && signature.owner !== null)
    .map((signature) => ({ keyId: signature.keyId, owner: signature.owner ?? '' }));
}

const PROVEN_AUTHOR: ReadonlySet<AuthorSignature['status']> = new Set([
  'valid',
  'stale',
  'revoked',
  'not-author',
]);

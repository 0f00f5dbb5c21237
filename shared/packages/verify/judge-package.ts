/**
 * Package verification, step 2 of 2: judge the inspected package against what this workspace
 * knows of each target: configured here, not too old for its policy, enough distinct approvals
 * that count there, no self-approval its policy refuses, its latest snapshot still matching, not
 * already applied; then the local changeset of the same id and the source snapshot. Apart from the
 * inspection because it needs the caller's lookups, and it is where policy, not proof, decides.
 */
import { approvalCovers, isSelfApproval, samePerson } from '../../approvals/approval-checks';
import type { PackageCheck } from '../../model/package-wire';
import { keyAllows } from '../../model/trust';
import { fail, pass } from './check-result';
import type { ApprovalFact, JudgeContext, PackageFacts } from './verify-types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Self-approval: by the package's author key, the changeset's author key, or the same person. */
function isPackageSelfApproval(approval: ApprovalFact, facts: PackageFacts): boolean {
  const signer = approval.signer;
  if (!signer) return false;
  return isSelfApproval(signer, {
    keyIds: [facts.authorSigner?.keyId, facts.changeset?.authorKeyId],
    owners: [
      ...(facts.authorSigner ? [facts.authorSigner.owner] : []),
      ...(facts.changeset !== null ? [facts.changeset.author] : []),
    ],
  });
}

export function judgePackage(facts: PackageFacts, context: JudgeContext): PackageCheck[] {
  const checks: PackageCheck[] = [];
  const statement = facts.statement;
  if (!statement) return checks;
  const contexts = facts.targets.map(
    (target) =>
      context.targets.find((candidate) => candidate.environment === target) ?? {
        environment: target,
        policy: null,
        problem: null,
        snapshot: null,
        appliedBy: [],
      },
  );

  for (const target of contexts) {
    const name = target.environment;
    if (!target.policy) {
      checks.push(
        fail(
          `target:${name}`,
          target.problem ??
            `${name} is not an environment of this workspace, so its policy cannot be checked`,
        ),
      );
      continue;
    }
    const policy = target.policy;
    checks.push(
      pass(
        `target:${name}`,
        `${name} is configured here: ${policy.approvalsRequired} approval${policy.approvalsRequired === 1 ? '' : 's'} required${policy.allowSelfApproval ? ', self-approval allowed' : ''}`,
      ),
    );
    if (policy.maxPackageAgeDays !== undefined) {
      const age = context.now.getTime() - Date.parse(statement.predicate.createdAt);
      checks.push(
        age <= policy.maxPackageAgeDays * DAY_MS
          ? pass(
              `package-age:${name}`,
              `${Math.floor(age / DAY_MS)} days old; ${name} accepts ${policy.maxPackageAgeDays}`,
            )
          : fail(
              `package-age:${name}`,
              `the package is ${Math.floor(age / DAY_MS)} days old; ${name}'s policy accepts packages up to ${policy.maxPackageAgeDays} days old (expired)`,
            ),
      );
    }
  }

  // Self-approval, judged against every target's policy.
  for (const approval of facts.approvals) {
    if (!isPackageSelfApproval(approval, facts)) continue;
    const refusing = contexts.filter((target) => target.policy && !target.policy.allowSelfApproval);
    const owner = approval.signer?.owner ?? 'the approver';
    checks.push(
      refusing.length === 0
        ? pass(
            `approval-${approval.index}-self-approval`,
            `${owner} approved their own change, which the targets' policies allow`,
          )
        : fail(
            `approval-${approval.index}-self-approval`,
            `${owner} approved their own change (the same key or person as its author); the policy of ${refusing.map((target) => target.environment).join(', ')} does not allow self-approval`,
          ),
    );
  }

  for (const target of contexts) {
    if (!target.policy) continue;
    const policy = target.policy;
    const name = target.environment;
    const keys = new Set<string>();
    const people: string[] = [];
    for (const approval of facts.approvals) {
      const signer = approval.signer;
      if (!approval.sound || !signer || approval.predicate?.decision !== 'approved') continue;
      if (!keyAllows(signer, 'approver', name)) continue;
      // An approval counts only for the environments it names (older ones name none).
      if (!approvalCovers(approval.predicate, name)) continue;
      if (!policy.allowSelfApproval && isPackageSelfApproval(approval, facts)) continue;
      if (keys.has(signer.keyId) || people.some((person) => samePerson(person, signer.owner))) continue;
      keys.add(signer.keyId);
      people.push(signer.owner);
    }
    const required = policy.approvalsRequired;
    const counted = people.length > 0 ? `: ${people.join(', ')}` : '';
    checks.push(
      people.length >= required
        ? pass(`approvals:${name}`, `${name} requires ${required}; ${people.length} counted${counted}`)
        : fail(
            `approvals:${name}`,
            `${name} requires ${required} approval${required === 1 ? '' : 's'} from distinct trusted approvers; the package has ${people.length} that count${counted} (too few)`,
          ),
    );
    if (target.snapshot === null) {
      checks.push(
        pass(
          `base-snapshot:${name}`,
          `no snapshot of ${name} here to compare with; the plan checks the live target before any write`,
        ),
      );
    } else if (target.snapshot.conflicts.length > 0) {
      checks.push(
        fail(
          `base-snapshot:${name}`,
          `${name}'s latest snapshot (${target.snapshot.commit.slice(0, 12)}) no longer matches what the changeset expects: ${target.snapshot.conflicts.slice(0, 3).join('; ')}${target.snapshot.conflicts.length > 3 ? ` (and ${target.snapshot.conflicts.length - 3} more)` : ''}`,
        ),
      );
    } else {
      checks.push(
        pass(
          `base-snapshot:${name}`,
          `${name}'s latest snapshot (${target.snapshot.commit.slice(0, 12)}) matches every precondition${target.snapshot.unresolved ? ' it could check' : ''}: ${target.snapshot.writes} to write, ${target.snapshot.noops} already so${target.snapshot.unresolved ? `; ${target.snapshot.unresolved} not judged (they need parameters ${name} does not have here yet; the plan checks them once they are set)` : ''}`,
        ),
      );
    }
    const applied = target.appliedBy[0];
    checks.push(
      applied
        ? fail(
            `not-applied:${name}`,
            `run ${applied.runId} already applied this changeset (${facts.changesetDigest?.slice(0, 23) ?? ''}…) to ${name}${applied.finishedAt ? ` at ${applied.finishedAt}` : ''}: change already applied`,
          )
        : pass(`not-applied:${name}`, `no run here has applied this changeset to ${name}`),
    );
  }

  if (facts.changeset && facts.changesetDigest) {
    checks.push(
      context.local === null
        ? pass('workspace-changeset', `changesets/${facts.changeset.id}.json is not in this workspace yet`)
        : context.local.digest === facts.changesetDigest
          ? pass(
              'workspace-changeset',
              `changesets/${facts.changeset.id}.json is already here with the same digest`,
            )
          : fail(
              'workspace-changeset',
              `changesets/${facts.changeset.id}.json is already here with another digest (${context.local.digest.slice(0, 23)}…); importing would overwrite it`,
            ),
    );
  }
  const source = statement.predicate.sourceEnvironment;
  const commit = statement.predicate.sourceSnapshotCommit;
  checks.push(
    pass(
      'source-snapshot',
      source === null
        ? 'the package names no source environment'
        : commit === null
          ? `built against ${source} (no snapshot recorded)`
          : `built against ${source} at snapshot ${commit.slice(0, 12)}, which ${context.sourceCommitKnown ? 'is' : 'is not'} in this workspace's history`,
    ),
  );
  return checks;
}

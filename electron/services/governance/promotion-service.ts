import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { objectNameInWords } from '../../../shared/flows/object-key-words';
import type { Changeset } from '../../../shared/model/changeset';
import type { Plan } from '../../../shared/model/plan';
import {
  renderChangeControlHtml,
  renderChangeControlMarkdown,
  type ChangeControlExecution,
  type ChangeControlInput,
  type StepRunStatus,
} from '../../../shared/promotion/change-control';
import type { RunResult, RunStepStatus } from '../../../shared/promotion/engine/run-records';
import {
  decideGates,
  type ApprovalEvidence,
  type GateDecision,
  type GateInput,
} from '../../../shared/promotion/gates';
import { approvalRequirement } from '../../../shared/promotion/risk/approval-requirement';
import type { RiskAssessment } from '../../../shared/promotion/risk/risk-assessment';
import {
  RISK_LEVELS,
  type ApprovalRequirement,
  type RiskLevel,
} from '../../../shared/promotion/risk/risk-policy';
import { assessRisk } from '../../../shared/promotion/risk/risk-rules';
import { matchStandardChange } from '../../../shared/promotion/standard-changes/match-standard-change';
import type { StandardChangeMatch } from '../../../shared/promotion/standard-changes/standard-change';
import { keyAllows, keyValidity } from '../../../shared/model/trust';
import { followUpHoursOf, type EnvironmentPolicy } from '../../../shared/promotion/policy';
import type { ApprovalVerification } from '../approvals/approval-verifier';
import type { ChangesetService } from '../authoring/changeset-service';
import type { ChangesetStore } from '../changesets/changeset-store';
import type { EnvironmentService } from '../environments/environment-service';
import { writeFileAtomic } from '../fs/atomic-write';
import { readRegularFile } from '../fs/read-regular-file';
import type { IdentityServices } from '../identity/identity-services';
import type { ExecuteOptions } from '../promotion/executor';
import type { FollowUpServiceApi } from './follow-up-service';
import type { PromotionEngine } from '../promotion/promotion-engine';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';
import type { RunCheck } from '../promotion/run-verifier';
import type { Logger } from '../logging/logger';
import {
  GATE_REFUSED_ACTION,
  gateRefusedDetailsSchema,
  type GateRefusedDetails,
} from '../../../shared/insights/insights-audit';
import { authorizeRun } from './run-authorization';
import type { PipelineWaits } from './pipelines/stage-entry';
import { pipelineGate } from '../../../shared/promotion/pipeline/pipeline-gate';

export interface PromotionServiceDeps {
  workspace: WorkspaceService;
  environments: EnvironmentService;
  changesets: ChangesetStore;
  authoring: ChangesetService;
  engine: PromotionEngine;
  identity: IdentityServices;
  /**
   * Emergency override follow-ups (issue 20): a promoter with an overdue one may not override
   * again until it is resolved. Absent (a bare service in tests): nobody has any.
   */
  followUps?: FollowUpServiceApi;
  /** Where a refusal that could not be recorded in the audit log is told (the refusal still stands). */
  logger?: Logger;
  /**
   * The signed pipelines' rules for entering an environment (issue 20, pipelines/stage-entry.ts):
   * a gate of every promotion into a later stage. A narrow function, not PipelineService, which
   * promotes through this service. Absent (a bare service in tests): no pipeline gate.
   */
  pipelineWaits?: PipelineWaits;
}

/** A plan with everything a reviewer needs before saying yes: gates, approvals, the document. */
export interface PromotionPreview {
  plan: Plan;
  decision: GateDecision;
  policy: EnvironmentPolicy;
  approvals: ApprovalVerification[];
  changeControl: { markdown: string; html: string };
}

export interface PromoteOptions {
  /** An emergency override; policy decides whether it is allowed and what it needs. */
  overrideReason?: string;
  onFailure?: ExecuteOptions['onFailure'];
  onProgress?: ExecuteOptions['onProgress'];
  concurrency?: number;
  /**
   * What the person typed to confirm, from a host that asks for it (the desktop app): a
   * production target must then be named exactly. Pipelines confirm by being configured.
   */
  typedConfirmation?: { typed: string | undefined };
  /** Break the environment's expired lease on the shared remote, for this reason (audited). */
  breakLease?: string;
}

/** The two forms of a run's change-control document, beside the run in the workspace. */
export type ChangeControlFormat = 'markdown' | 'html';

const DOCUMENT_FILE: Readonly<Record<ChangeControlFormat, string>> = {
  markdown: 'change-control.md',
  html: 'change-control.html',
};

/** Where a run's change-control document lives, relative to the workspace. */
function runDocumentPath(runId: string, format: ChangeControlFormat): string {
  return `runs/${runId}/${DOCUMENT_FILE[format]}`;
}

/** A change-control document is a few hundred lines; anything far bigger is not one of ours. */
const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** Runs in these states have no result yet: undoing them is recovery, not a rollback run. */
const UNFINISHED_RUN = new Set(['interrupted', 'incomplete', 'running']);

/**
 * Governed promotion: policy and approvals decide the gates, the engine plans and executes, and
 * every promotion, override and rollback lands in the audit log with its change-control document.
 */
export class PromotionService {
  constructor(private readonly deps: PromotionServiceDeps) {}

  /** The workspace's clock: the one hosts and tests inject once. */
  private clock(): Date {
    return this.deps.workspace.now();
  }

  /** The dry run: the plan against a live read of the target, the gates, and the document so far. */
  async plan(changesetId: string, environment: string, options: { overrideReason?: string } = {}) {
    const { context, plan } = await this.planned(changesetId, environment, options.overrideReason);
    return this.preview(context, plan, null);
  }

  /**
   * The plan, judged on the very read it was made from (issue 20): the risk by the rules against
   * the live target with the signed tier and policy, what that risk requires (or the standard
   * change that applies instead), and the gates. They go into the plan, signed with the run: a
   * changeset, a snapshot or ferry.json cannot lower its own risk.
   */
  private async planned(changesetId: string, environment: string, overrideReason: string | undefined) {
    const gathered = await this.context(changesetId, environment, overrideReason);
    const holder: { judged?: Judged } = {};
    const plan = await this.deps.engine.plan(gathered.changeset, environment, {
      // The risk's blast radius counts what refers to every touched object, not only to deletes:
      // a few more types listed (flows by name only, no export), about 0.4 s on the sandbox.
      readDependents: true,
      judge: async (target) => {
        const risk = assessRisk({
          operations: target.operations,
          actions: target.actions,
          target: target.state,
          tier: gathered.tier,
          ...(gathered.policySource.source === 'default' ? { unsignedTierOf: environment } : {}),
          policy: gathered.policy,
          now: this.clock(),
          basis: 'live',
        });
        const judged = this.judge(gathered, environment, risk, target.operations);
        holder.judged = judged;
        return {
          gates: judged.decision.gates,
          risk,
          requirement: judged.requirement,
          standardChange: judged.standardChange,
        };
      },
    });
    const judged = holder.judged;
    if (judged === undefined) {
      throw new FerryError('internal', `The plan of ${changesetId} for ${environment} was not judged`);
    }
    return { context: { ...gathered, ...judged }, plan };
  }

  /**
   * What a risk requires under the signed policy, or the first signed standard change that fits
   * instead, and the gates judged on it. Pure over what `context` gathered.
   */
  private judge(
    gathered: Gathered,
    environment: string,
    risk: RiskAssessment | null,
    operations: Changeset['operations'],
  ): Judged {
    const byRisk = approvalRequirement(gathered.policy, risk?.level ?? null);
    const standardChange =
      risk === null
        ? null
        : matchStandardChange({
            templates: gathered.standardChanges,
            operations,
            environment,
            risk: risk.level,
          });
    const applied = standardChange?.applied ?? null;
    const requirement: ApprovalRequirement =
      applied !== null ? { approvals: applied.approvals, source: 'standard-change' } : byRisk;
    const decision = decideGates({
      ...gathered.gateInput,
      requirement,
      ...(risk !== null ? { risk } : {}),
      ...(applied !== null ? { standardChange: { id: applied.id, name: applied.name } } : {}),
    });
    return {
      decision,
      requirement,
      ...(standardChange !== null ? { standardChange } : {}),
    };
  }

  async promote(changesetId: string, environment: string, options: PromoteOptions = {}) {
    if (options.typedConfirmation !== undefined) {
      await this.requireTypedConfirmation(environment, options.typedConfirmation.typed);
    }
    // The audit log is per actor key: a promotion nobody can be named for is not made.
    const actor = await this.deps.identity.keys.requireIdentity();
    const { context, plan } = await this.planned(changesetId, environment, options.overrideReason);
    const preview = this.preview(context, plan, null);
    if (options.overrideReason !== undefined) await this.recordOverdueFollowUps(actor.keyId);
    const promoter = context.promoterKey;
    // Why the promoter key may not promote, for the audit entry (the message below says what to do).
    const validity = promoter ? keyValidity(promoter, this.clock()).state : null;
    const promoterProblem = !promoter
      ? `key ${actor.keyId.slice(0, 16)} is not in the signed trust root`
      : validity !== 'valid'
        ? `key ${actor.keyId.slice(0, 16)} is ${validity} in the signed trust root`
        : !keyAllows(promoter, 'promoter', environment)
          ? `key ${actor.keyId.slice(0, 16)} is not trusted as a promoter for ${environment}`
          : null;
    if (promoterProblem !== null) {
      await this.recordRefusal(actor.keyId, changesetId, environment, context.digest, [
        { gate: 'promoter', reason: promoterProblem },
      ]);
      throw new FerryError(
        'gate.refused',
        `Promotion of ${changesetId} to ${environment} refused: your key (${actor.keyId.slice(0, 16)}, ${actor.owner}) is not trusted as a promoter for ${environment} in the signed trust root. An admin can grant it: ferry trust add <your key file> --name "${actor.owner}" --roles promoter --environments ${environment}`,
        { gates: preview.decision.gates },
      );
    }
    if (!preview.decision.passed) {
      await this.recordRefusal(
        actor.keyId,
        changesetId,
        environment,
        context.digest,
        preview.decision.gates
          .filter((gate) => !gate.passed)
          .map((gate) => ({ gate: gate.gate, reason: gate.reason })),
      );
      throw new FerryError(
        'gate.refused',
        `Promotion of ${changesetId} to ${environment} refused: ${preview.decision.gates
          .filter((gate) => !gate.passed)
          .map((gate) => `${gate.gate}: ${gate.reason}`)
          .join('; ')}`,
        { gates: preview.decision.gates },
      );
    }
    const override =
      preview.decision.overriddenGates.length > 0 && options.overrideReason !== undefined
        ? // The follow-up window is fixed now, signed with the run: a later policy does not move it.
          { reason: options.overrideReason, by: actor.owner, followUpHours: followUpHoursOf(context.policy) }
        : undefined;
    if (override) {
      await this.deps.identity.audit.append(actor.keyId, {
        action: 'override',
        subject: `changeset/${changesetId}`,
        details: {
          environment,
          reason: override.reason,
          gates: preview.decision.overriddenGates,
          followUpHours: override.followUpHours,
        },
      });
    }
    const result = await this.deps.engine.execute(preview.plan, {
      ...(override ? { override } : {}),
      ...(options.onFailure ? { onFailure: options.onFailure } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.breakLease !== undefined ? { breakLease: options.breakLease } : {}),
      // The checks of the signed policy: after verify, the contact centre still works (issue 20).
      checks: {
        checks: context.policy.postPromotionChecks ?? [],
        onFailure: context.policy.onCheckFailure ?? 'rollback',
      },
    });
    // Completed from what was judged before the writes: the approvals, gates and risk it ran on.
    const document = this.preview(context, plan, result).changeControl;
    await this.recordRun(result, document, actor.keyId, 'promote');
    return { result, preview: { ...preview, changeControl: document } };
  }

  /**
   * A refused promotion attempt in the audit log (issue 19: Insights counts changes refused by
   * gates, and why). Only attempts are recorded, never a `plan` preview. The refusal is the
   * answer whatever happens here: a log that cannot be written is logged and the refusal thrown
   * as it would have been, never replaced by the logging error.
   */
  private async recordRefusal(
    actorKeyId: string,
    changesetId: string,
    environment: string,
    changesetDigest: string,
    gates: GateRefusedDetails['gates'],
  ): Promise<void> {
    try {
      const details = gateRefusedDetailsSchema.parse({ environment, changesetDigest, gates });
      await this.deps.identity.audit.append(actorKeyId, {
        action: GATE_REFUSED_ACTION,
        subject: `changeset/${changesetId}`,
        details,
      });
    } catch (error) {
      this.deps.logger?.warn(
        `Could not record the refused promotion of ${changesetId} to ${environment} in the audit log; run \`ferry audit verify\` to see what is wrong with the log`,
        { changesetId, environment, error: error instanceof Error ? error.message : String(error) },
      );
    }
  }

  /**
   * An override attempt observes the overdue follow-ups: each is audited once (issue 20). The
   * gate's verdict does not depend on it, so a log that cannot be written is logged, not thrown.
   */
  private async recordOverdueFollowUps(actorKeyId: string): Promise<void> {
    try {
      await this.deps.followUps?.recordOverdue(actorKeyId);
    } catch (error) {
      this.deps.logger?.warn(
        'Could not record the overdue override follow-ups in the audit log; run `ferry audit verify` to see what is wrong with the log',
        { error: error instanceof Error ? error.message : String(error) },
      );
    }
  }

  private async requireTypedConfirmation(environment: string, typed: string | undefined): Promise<void> {
    await this.deps.environments.get(environment);
    const { tier } = await this.deps.identity.trust.policy(environment);
    if (tier === 'prod' && typed !== environment) {
      throw new FerryError(
        'request.invalid',
        `Promoting to a production environment needs its name typed to confirm ("${environment}")`,
      );
    }
  }

  /** A run's change-control document, or null for runs that have none (rollbacks, interrupted runs). */
  async changeControlDocument(runId: string, format: ChangeControlFormat): Promise<string | null> {
    // The engine refuses ids that name no run, so the path below stays inside runs/.
    await this.deps.engine.run(runId);
    // The document arrives through git like every workspace file: a committed link (`runs` or the
    // run's folder or the file itself pointing elsewhere) is never followed into a file outside.
    const root = this.deps.workspace.requirePath();
    for (const folder of ['runs', `runs/${runId}`]) {
      const info = await lstat(join(root, folder)).catch(() => null);
      if (!info?.isDirectory()) return null;
    }
    return readRegularFile(join(root, runDocumentPath(runId, format)), MAX_DOCUMENT_BYTES);
  }

  /**
   * Undoes a run whatever state it is in: a finished run is rolled back by a new run; one without
   * a result (interrupted here, or incomplete from another machine) is recovered. Either way its
   * signatures are verified before anything is written. `recovered` says which it was.
   */
  async undo(runId: string, options: Pick<PromoteOptions, 'onProgress' | 'breakLease'> = {}) {
    const summary = (await this.deps.engine.runs()).find((run) => run.id === runId);
    if (summary === undefined) {
      throw new FerryError(
        'run.not-found',
        `No run "${runId}" in this workspace; \`ferry runs\` lists the runs there are`,
        {
          runId,
        },
      );
    }
    if (UNFINISHED_RUN.has(summary.status)) {
      return { result: await this.recover(runId, 'rollback', options), recovered: true };
    }
    return { result: await this.rollback(runId, options), recovered: false };
  }

  /** Undoes a finished run with the same machinery; the target must not have moved since. */
  async rollback(
    runId: string,
    options: Pick<PromoteOptions, 'onProgress' | 'onFailure' | 'breakLease'> = {},
  ) {
    const actor = await this.deps.identity.keys.requireIdentity();
    const result = await this.deps.engine.rollbackRun(runId, {
      ...(options.onFailure ? { onFailure: options.onFailure } : {}),
      ...(options.breakLease !== undefined ? { breakLease: options.breakLease } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      check: this.runCheck('rollback'),
    });
    await this.recordRun(result, null, actor.keyId, 'rollback');
    return result;
  }

  /** Recovers a run a crash interrupted, recording who decided and how. */
  async recover(
    runId: string,
    action: 'resume' | 'rollback',
    options: Pick<PromoteOptions, 'onProgress' | 'breakLease'> = {},
  ) {
    const actor = await this.deps.identity.keys.requireIdentity();
    // A resumed run finishes its writes, so it passes the target's post-promotion checks as a
    // promotion does (issue 20): the signed policy's, as it stands now.
    const checks = action === 'resume' ? await this.resumeChecks(runId) : null;
    const recovery = {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.breakLease !== undefined ? { breakLease: options.breakLease } : {}),
      ...(checks !== null ? { checks } : {}),
      check: this.runCheck(action),
    };
    const result =
      action === 'resume'
        ? await this.deps.engine.resumeInterrupted(runId, recovery)
        : await this.deps.engine.rollbackInterrupted(runId, recovery);
    await this.recordRun(result, null, actor.keyId, action === 'resume' ? 'resume' : 'rollback');
    return result;
  }

  /** The post-promotion checks of the environment a run writes to; null when the run is unknown. */
  private async resumeChecks(runId: string) {
    const summary = (await this.deps.engine.runs()).find((run) => run.id === runId);
    if (summary === undefined) return null;
    const { policy } = await this.deps.identity.trust.policy(summary.environment);
    return {
      checks: policy.postPromotionChecks ?? [],
      onFailure: policy.onCheckFailure ?? 'rollback',
    } as const;
  }

  /** What a run must pass before it is resumed or rolled back: run-authorization.ts. */
  private runCheck(action: 'resume' | 'rollback'): RunCheck {
    return async (files) => {
      await authorizeRun(
        {
          findKey: (keyId) => this.deps.identity.trust.find(keyId),
          changesetDigest: async (id) => (await this.deps.changesets.get(id)).digest,
          // A resume is judged on the risk its signed plan recorded from the live read then (what
          // is left to write reads lower now), under the policy and templates signed now.
          gates: async (changesetId, environment, overrideReason, risk) => {
            const gathered = await this.context(changesetId, environment, overrideReason);
            // A signed plan that recorded no risk (made by a Ferry before issue 20, or straight
            // through the engine) is judged at the strictest level its policy sets: judged on
            // `approvalsRequired` alone it would resume with fewer approvals than any change
            // of its risk needs now, and judged live what is left to write reads lower.
            const judgedRisk = risk ?? unrecordedRisk(gathered.policy);
            return this.judge(gathered, environment, judgedRisk, gathered.changeset.operations).decision;
          },
          now: this.clock(),
        },
        files,
        action,
      );
    };
  }

  private async context(changesetId: string, environment: string, overrideReason: string | undefined) {
    const { identity } = this.deps;
    const { changeset, digest } = await this.deps.changesets.get(changesetId);
    await this.deps.environments.get(environment);
    // Policy and tier come only from the signed trust root (or its secure default): ferry.json is
    // shared input that anyone with push access can edit.
    const effective = await identity.trust.policy(environment);
    const { policy, tier } = effective;
    const approvals = await identity.approvals.list(changesetId, digest, {
      environment,
      ...(policy.maxApprovalAgeDays !== undefined ? { maxAgeDays: policy.maxApprovalAgeDays } : {}),
    });
    const authorship = await identity.authorship.authorship(changesetId, digest);
    // The promoter is whoever runs this on this machine; judged by key, owner from the trust root.
    const local = await identity.keys.identity().catch(() => null);
    const promoterKey = local ? await identity.trust.find(local.keyId) : null;
    // Approver groups only from the signed root, and only for a key whose signature was checked.
    const root = await identity.trust.root();
    const groupsOf = new Map((root?.keys ?? []).map((key) => [key.keyId, key.groups ?? []]));
    const evidence: ApprovalEvidence[] = approvals.map((approval) => ({
      keyId: approval.keyId,
      owner: approval.owner ?? approval.claimedOwner ?? '',
      // An envelope that is not even a well-formed approval counts like one whose signature fails.
      status: approval.status === 'invalid' ? 'bad-signature' : approval.status,
      ...(approval.keyVerified ? { groups: groupsOf.get(approval.keyId) ?? [] } : {}),
    }));
    // Only an override asks for the promoter's overdue follow-ups: they fail the override gate.
    const overdueFollowUps =
      overrideReason !== undefined && local !== null && this.deps.followUps !== undefined
        ? await this.deps.followUps.overdueOf(local.keyId)
        : [];
    const gateInput: GateInput = {
      policy,
      environment,
      tier,
      now: this.clock(),
      changesetId,
      authorSigned: authorship.authors.length > 0,
      authorKeyIds: authorship.contributors.map((author) => author.keyId),
      authorOwners: authorship.contributors.map((author) => author.owner),
      promoterKeyId: local?.keyId ?? null,
      promoterOwner: promoterKey?.owner ?? null,
      approvals: evidence,
      ...(overrideReason !== undefined ? { override: { reason: overrideReason } } : {}),
      ...(effective.source === 'default' ? { policyNote: effective.reason } : {}),
      ...(overdueFollowUps.length > 0 ? { overdueFollowUps } : {}),
    };
    // Every promotion into a later stage follows the pipeline, not only `ferry pipeline advance`.
    const pipeline = pipelineGate(
      (await this.deps.pipelineWaits?.(changesetId, digest, environment)) ?? null,
      changesetId,
      environment,
    );
    if (pipeline !== undefined) gateInput.pipeline = pipeline;
    const check = await this.deps.authoring.check({ id: changesetId }, environment).catch(() => null);
    return {
      changeset,
      digest,
      tier,
      policy,
      policySource: effective,
      authorship,
      promoterKey,
      approvals,
      gateInput,
      // Standard changes only from the signed root, like the policy.
      standardChanges: root?.standardChanges ?? [],
      check,
      overrideReason,
    };
  }

  private preview(context: Gathered & Judged, plan: Plan, result: RunResult | null): PromotionPreview {
    const input = changeControlInput(context, plan, result, this.clock());
    return {
      plan,
      decision: context.decision,
      policy: context.policy,
      approvals: context.approvals,
      changeControl: { markdown: renderChangeControlMarkdown(input), html: renderChangeControlHtml(input) },
    };
  }

  /** The completed change-control document beside the run, and the audit entry, in the workspace. */
  private async recordRun(
    result: RunResult,
    document: { markdown: string; html: string } | null,
    actorKeyId: string,
    action: string,
  ): Promise<void> {
    if (document) {
      const dir = this.deps.workspace.requirePath();
      const markdownFile = runDocumentPath(result.runId, 'markdown');
      const htmlFile = runDocumentPath(result.runId, 'html');
      await this.deps.workspace.writeLock.run(async () => {
        await mkdir(join(dir, `runs/${result.runId}`), { recursive: true });
        await writeFileAtomic(join(dir, markdownFile), document.markdown);
        await writeFileAtomic(join(dir, htmlFile), document.html);
        await commitFiles(
          dir,
          [markdownFile, htmlFile],
          `run ${result.runId}: change-control document`,
          this.deps.workspace.author(),
          this.deps.workspace.now(),
        );
      });
    }
    await this.deps.identity.audit.append(actorKeyId, {
      action,
      subject: `run/${result.runId}`,
      details: {
        changesetId: result.changesetId,
        changesetDigest: result.changesetDigest,
        environment: result.environment,
        status: result.status,
        ...(result.rollbackOf ? { rollbackOf: result.rollbackOf } : {}),
        ...(result.override ? { override: result.override.reason } : {}),
      },
    });
  }
}

/**
 * The risk a resume is judged on when its signed plan recorded none: the level whose requirement
 * needs the most approvals under `policy` (the highest such level on a tie), with no points.
 */
function unrecordedRisk(policy: EnvironmentPolicy): RiskAssessment {
  let level: RiskLevel = 'low';
  for (const candidate of RISK_LEVELS) {
    if (approvalRequirement(policy, candidate).approvals >= approvalRequirement(policy, level).approvals) {
      level = candidate;
    }
  }
  return { level, score: 0, points: [], dependentCount: 0, basis: 'live' };
}

/** What `context` gathers for a promotion before the plan is made. */
type Gathered = Awaited<ReturnType<PromotionService['context']>>;

/** What the plan's judgement adds: the gates on the risk's (or standard change's) requirement. */
interface Judged {
  decision: GateDecision;
  requirement: ApprovalRequirement;
  standardChange?: StandardChangeMatch;
}

const STEP_STATUS: Readonly<Record<RunStepStatus, StepRunStatus>> = {
  done: 'succeeded',
  noop: 'skipped',
  failed: 'failed',
  'not-run': 'not-run',
  'rolled-back': 'rolled-back',
  'rollback-failed': 'failed',
};

function changeControlInput(
  context: {
    changeset: Changeset;
    digest: string;
    tier: Plan['tier'];
    policy: EnvironmentPolicy;
    approvals: ApprovalVerification[];
    decision: GateDecision;
    check: Awaited<ReturnType<ChangesetService['check']>> | null;
    overrideReason: string | undefined;
  },
  plan: Plan,
  result: RunResult | null,
  now: Date,
): ChangeControlInput {
  const { changeset } = context;
  const execution: ChangeControlExecution | null = result
    ? {
        runId: result.runId,
        startedAt: result.startedAt,
        finishedAt: result.finishedAt,
        outcome:
          result.status === 'succeeded'
            ? 'succeeded'
            : result.status === 'rolled-back'
              ? 'rolled-back'
              : 'failed',
        steps: result.steps.map((step) => ({
          index: step.index,
          status: STEP_STATUS[step.status],
          startedAt: null,
          finishedAt: null,
          ...(step.message ? { message: step.message } : {}),
        })),
        verify: result.verify
          ? {
              passed: result.verify.mismatches.length === 0,
              checked: result.verify.checked,
              // The change control document is read by people: a flow reads 'flow "Main Menu (inbound call)"'.
              problems: result.verify.mismatches.map(
                (item) => `${objectNameInWords(item.type, item.key)}: ${item.message}`,
              ),
            }
          : null,
        // Issue 20: each post-promotion check with its result, as the run recorded them.
        ...(result.checks !== undefined ? { checks: result.checks } : {}),
      }
    : null;
  return {
    changeset: {
      id: changeset.id,
      title: changeset.title,
      description: changeset.description,
      ticket: changeset.ticket,
      author: changeset.author,
      createdAt: changeset.createdAt,
      digest: context.digest,
      operations: changeset.operations,
    },
    target: { environment: plan.environment, tier: context.tier },
    blastRadius: context.check?.blastRadius ?? {
      touched: [],
      dependentCount: 0,
      risk: { level: 'low', reasons: ['the target has no snapshot to measure against'] },
    },
    approvals: context.approvals
      .filter((approval) => approval.decision !== null && approval.approvedAt !== null)
      .map((approval) => ({
        owner: approval.owner ?? approval.claimedOwner ?? 'unknown',
        keyId: approval.keyId,
        decision: approval.decision === 'rejected' ? 'reject' : 'approve',
        approvedAt: approval.approvedAt ?? '',
        comment: approval.comment ?? '',
        status: approval.status === 'invalid' ? 'bad-signature' : approval.status,
      })),
    policy: context.policy,
    gates: context.decision.gates,
    overriddenGates: context.decision.overriddenGates,
    override:
      context.overrideReason !== undefined && result?.override
        ? { reason: result.override.reason, by: result.override.by ?? 'unknown', at: result.startedAt }
        : null,
    plan,
    execution,
    generatedAt: now.toISOString(),
  };
}

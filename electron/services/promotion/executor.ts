import { FerryError } from '../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { getObjectType } from '../../../shared/model/object-types/registry';
import { planSchema, type ApiCall, type Plan, type PlanStep } from '../../../shared/model/plan';
import { idPlaceholder } from '../../../shared/promotion/engine/id-placeholder';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';
import { differences } from '../../../shared/promotion/engine/operation-outcome';
import { checkedOutReason, lockedBy } from '../../../shared/promotion/engine/flow-calls';
import { planFingerprint } from '../../../shared/promotion/engine/plan-fingerprint';
import {
  overrideSchema,
  type Override,
  type PromotionProgress,
  type RunKind,
  type RunResult,
  type RunStatus,
  type RunStepResult,
} from '../../../shared/promotion/engine/run-records';
import { AsyncMutex } from '../concurrency/async-mutex';
import type { EnvironmentService } from '../environments/environment-service';
import { acquireEnvironmentLock } from '../locks/environment-lock';
import { environmentLockKey } from '../locks/environment-lock-key';
import { keepLeaseAlive } from '../locks/lease-keeper';
import {
  currentLeaseLoss,
  currentLockNotes,
  runWithLockNotes,
  withLeaseSignal,
  type LockContextHandle,
} from '../locks/lock-notes';
import type { WorkspaceLeases } from '../locks/workspace-lease';
import type { SnapshotService } from '../snapshot/snapshot-service';
import { RunJournal } from './run-journal';
import { flowVersionBefore, isRepublishOf } from './flow-rollback';
import {
  checkConcurrency,
  createdBy,
  finishRun,
  isWriteStep,
  RunSession,
  verifyObjects,
  workItems,
  type UndoTarget,
  type WorkItem,
} from './run-session';
import { newRunId, writerIdentity, type RunStore } from './run-store';
import { readTarget, typesToRead, type LiveTarget } from './target-reader';
import { resolveUnmanagedReferences } from '../references/reference-resolution';
import type { CheckResult, PostPromotionCheck } from '../../../shared/promotion/checks/post-promotion-check';
import { runPostPromotionChecks } from './checks/post-promotion-checks';

export interface ExecuteOptions {
  /** Runs despite failed gates; the caller records who and why (it lands in the result and the commit). */
  override?: Override;
  /** On the first failed step: undo what was done (default), or stop and leave it. */
  onFailure?: 'rollback' | 'stop';
  /** Steps of one dependency level in flight at once (default 4). */
  concurrency?: number;
  onProgress?: (progress: PromotionProgress) => void;
  signal?: AbortSignal;
  /** Take a snapshot of the target after writing (default true). */
  snapshot?: boolean;
  /**
   * Break the environment's expired lease on the shared remote for this reason (audited by the
   * lease's `recordBreak`); a lease that has not expired is never broken (`lease.not-expired`).
   */
  breakLease?: string;
  /**
   * Issue 20: the target's post-promotion checks (its signed policy), run after a verify that
   * passed; a failed one undoes the run (`rollback`) or stops it (`checks-failed`).
   */
  checks?: { checks: readonly PostPromotionCheck[]; onFailure: 'rollback' | 'stop' };
}

export interface ExecutorDeps {
  environments: EnvironmentService;
  snapshots: SnapshotService;
  runs: RunStore;
  clock: () => Date;
  /** Runs this process is writing, so they are not offered as interrupted. */
  active: Set<string>;
  onCommitted?: () => void;
  /**
   * The app's data folder, where the environment locks live (`<dataDir>/locks`). Null: runs
   * exclude each other in this process only (an engine built alone, without a host).
   */
  dataDir: string | null;
  /**
   * The environment lease on the workspace's shared remote (issue 16): one promoter per environment
   * across machines. Absent, or a workspace without a remote: the local lock alone applies.
   */
  leases?: WorkspaceLeases | null;
}

/** What `exclusive` guards: the environment, and what the lock and the lease say is being done. */
export interface ExclusiveTarget {
  environment: string;
  purpose: string;
  /** The run that will write, named in the remote lease. */
  runId?: string;
  /** Break an expired remote lease for this reason (see `ExecuteOptions.breakLease`). */
  breakLease?: string | undefined;
  /** Recovering `runId`: the lease this machine's key left for it when its process died is taken back. */
  reclaim?: boolean;
}

export interface RunPurpose {
  kind: RunKind;
  rollbackOf: string | null;
}

/**
 * Per target, for the whole process: two runs interleaving on one target would void both plans.
 * Runs of this process queue here; other processes are refused by the lock file.
 */
const environmentLocks = new Map<string, AsyncMutex>();

/** Runs plans: the gates, the re-check of the target, the writes, the verify, the record. */
export class Executor {
  constructor(readonly deps: ExecutorDeps) {}

  /**
   * One run per target at a time: queued within this process, whichever engine starts it, refused
   * (`environment.locked`) while another process on this machine holds the target's lock, and, in
   * a workspace with a shared remote, while another machine holds the environment's lease there.
   * Everything that writes to an environment (promote, rollback, resume, recovery) runs in here, and
   * reads the target for its last check only once inside, so it sees what a run before it wrote.
   */
  async exclusive<T>(target: string | ExclusiveTarget, work: () => Promise<T>): Promise<T> {
    const wanted: ExclusiveTarget =
      typeof target === 'string' ? { environment: target, purpose: `a run on ${target}` } : target;
    const { environment, purpose } = wanted;
    const key = environmentLockKey(await this.deps.environments.get(environment));
    let mutex = environmentLocks.get(key);
    if (mutex === undefined) {
      mutex = new AsyncMutex();
      environmentLocks.set(key, mutex);
    }
    const { dataDir } = this.deps;
    return mutex.run(async () => {
      // The local lock first: it is cheaper to be refused by, and guards this machine either way.
      const lock =
        dataDir === null
          ? null
          : await acquireEnvironmentLock({ dataDir, key, environment, purpose, clock: this.deps.clock });
      try {
        return await this.leased(wanted, lock?.notes ?? [], work);
      } finally {
        await lock?.release();
      }
    });
  }

  /**
   * Runs `work` holding the environment's lease on the workspace's shared remote, kept alive while
   * it runs and released at the end; without a remote, just runs it. A lost lease aborts the run's
   * further writes (see `withLeaseSignal`) and the run's result says why.
   */
  private async leased<T>(
    target: ExclusiveTarget,
    notes: readonly string[],
    work: () => Promise<T>,
  ): Promise<T> {
    const { environment } = target;
    const taken =
      (await this.deps.leases?.take(environment, {
        runId: target.runId ?? target.purpose,
        purpose: target.purpose,
        breakLease: target.breakLease,
        reclaim: target.reclaim === true,
      })) ?? null;
    if (taken === null) return runWithLockNotes(notes, work);
    let handle: LockContextHandle | null = null;
    const keeper = keepLeaseAlive(taken.held, {
      // The lease is judged by real time (as the other machines judge it), not the workspace's clock.
      everyMs: Math.max(1_000, Math.floor(taken.ttlMs / 3)),
      onLost: (error) =>
        handle?.lose(
          `This run lost the lease on ${environment} (remote "${taken.remote}") and wrote nothing more: ${error.message}`,
        ),
    });
    try {
      return await runWithLockNotes([...notes, ...taken.notes], work, (bound) => {
        handle = bound;
      });
    } finally {
      await keeper.stop();
      // The result is recorded by now: a lease that could not be cleared expires on its own.
      await taken.held.release().catch(() => undefined);
    }
  }

  async execute(
    input: unknown,
    options: ExecuteOptions = {},
    purpose: RunPurpose = { kind: 'promote', rollbackOf: null },
  ): Promise<RunResult> {
    const plan = parsePlan(input);
    const override = parseOverride(options.override);
    const failedGates = plan.gates.filter((gate) => !gate.passed);
    if (failedGates.length > 0 && override === null) {
      throw new FerryError(
        'gate.refused',
        `Refused by ${failedGates.length} gate${failedGates.length === 1 ? '' : 's'}: ${failedGates.map((gate) => `${gate.gate}: ${gate.reason}`).join('; ')}`,
        { gates: failedGates },
      );
    }
    const unrunnable = plan.steps.filter((step) => step.action === 'conflict' || step.action === 'blocked');
    if (unrunnable.length > 0) {
      throw new FerryError(
        'conflict',
        `The plan has ${unrunnable.length} step${unrunnable.length === 1 ? '' : 's'} that cannot run: ${unrunnable
          .slice(0, 3)
          .map((step) => `${describeStep(step)} is ${step.action}: ${step.reason ?? ''}`)
          .join('; ')}`,
        {
          steps: unrunnable.map((step) => ({ index: step.index, action: step.action, reason: step.reason })),
        },
      );
    }
    const concurrency = checkConcurrency(options.concurrency);
    const config = await this.deps.environments.get(plan.environment);
    if (config.tier !== plan.tier) {
      throw new FerryError(
        'conflict',
        `${plan.environment} is tier ${config.tier} now, the plan was made for tier ${plan.tier}; plan again`,
      );
    }
    const doing =
      purpose.kind === 'rollback'
        ? `roll back run ${purpose.rollbackOf ?? ''}`
        : `promote ${plan.changesetId}`;
    // Minted before the locks, so the remote lease names the run that will write.
    const runId = newRunId(this.deps.clock(), plan.changesetId);
    const target: ExclusiveTarget = {
      environment: plan.environment,
      purpose: doing,
      runId,
      breakLease: options.breakLease,
    };
    return this.exclusive(target, async () => {
      const signal = withLeaseSignal(options.signal);
      for (const note of currentLockNotes()) {
        options.onProgress?.({
          runId: '',
          step: null,
          total: 0,
          done: 0,
          status: 'running',
          phase: 'checking',
          type: null,
          key: null,
          message: note,
        });
      }
      const connector = await this.deps.environments.connector(plan.environment);
      const live = await readTarget(connector, planTypes(plan.steps), signal);
      checkUnchanged(plan, live);
      await resolveUnmanagedReferences(connector, live.ids, plan.steps, signal);
      const items = recheckedItems(plan, live);
      const startedAt = this.deps.clock();
      this.deps.active.add(runId);
      let journal: RunJournal | null = null;
      try {
        const signing = await this.deps.runs.create(runId, plan, { ...purpose, startedAt });
        journal = await RunJournal.open(this.deps.runs.journalFile(runId), this.deps.clock, 0, signing);
        await journal.append({
          kind: 'run-started',
          runId,
          runKind: purpose.kind,
          rollbackOf: purpose.rollbackOf,
          changesetId: plan.changesetId,
          environment: plan.environment,
          fingerprint: plan.fingerprint,
          steps: items.length,
          override,
          ...writerIdentity(),
        });
        const session = new RunSession(runId, connector, journal, live.ids.copy(), {
          concurrency,
          ...(signal ? { signal } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
        return await completeRun(this.deps, {
          session,
          plan,
          live,
          items,
          purpose,
          startedAt: startedAt.toISOString(),
          recovered: false,
          override,
          onFailure: options.onFailure ?? 'rollback',
          snapshot: options.snapshot ?? true,
          ...(options.checks ? { checks: options.checks } : {}),
          earlier: { started: new Map(), done: new Map() },
        });
      } finally {
        this.deps.active.delete(runId);
        await journal?.close();
      }
    });
  }
}

export interface CompleteInput {
  session: RunSession;
  plan: Plan;
  /** The target as read before these writes (before-states, object counts). */
  live: LiveTarget;
  items: WorkItem[];
  purpose: RunPurpose;
  startedAt: string;
  recovered: boolean;
  override: Override | null;
  onFailure: 'rollback' | 'stop';
  snapshot: boolean;
  /** The policy's post-promotion checks, run after a verify that passed (issue 20). */
  checks?: ExecuteOptions['checks'];
  /** What an interrupted run had already done: step → first before-state / id when done. */
  earlier: { started: Map<number, UndoTarget & { id: string | null }>; done: Map<number, string | null> };
}

/** Runs the items, then verifies, or on failure stops or undoes; records and commits the run. */
export async function completeRun(deps: ExecutorDeps, input: CompleteInput): Promise<RunResult> {
  const { session, plan } = input;
  const writes = plan.steps.filter(isWriteStep);
  const ok = await session.run(input.items, 'forward');
  const done = new Map([...input.earlier.done, ...session.done]);
  // A step the target refused wrote nothing; any other started step may have.
  const wrote =
    [...session.started.keys()].some((step) => !session.refused.has(step)) || input.earlier.started.size > 0;
  let status: RunStatus;
  let verify: RunResult['verify'] = null;
  let steps: RunStepResult[];
  const base = (step: PlanStep): Omit<RunStepResult, 'status' | 'id'> => ({
    index: step.index,
    type: step.type,
    key: step.key,
    action: step.action,
  });

  if (ok) {
    verify = await verifyObjects(
      session.runId,
      session.connector,
      writes.map((step) => ({
        step: step.index,
        type: getObjectType(step.type).id,
        key: step.key,
        expected: step.expected as JsonObject | null,
        id: step.expected === null ? beforeId(input, step) : null,
      })),
      session.ids,
      (type) => input.live.count(type),
      session.options,
    );
    await session.journal.append({
      kind: 'verified',
      ok: verify.mismatches.length === 0,
      checked: verify.checked,
      mismatches: verify.mismatches.length,
    });
    status = verify.mismatches.length === 0 ? 'succeeded' : 'verify-failed';
    steps = plan.steps.map((step) =>
      isWriteStep(step)
        ? {
            ...base(step),
            status: 'done',
            id: step.expected === null ? null : (session.ids.idOf(step.type, step.key) ?? null),
          }
        : { ...base(step), status: 'noop', id: step.id, ...(step.reason ? { message: step.reason } : {}) },
    );
  } else if (input.onFailure === 'stop' || currentLeaseLoss() !== null) {
    // Without the lease nothing more is written, not even an undo: someone else holds it now.
    status = 'stopped';
    steps = plan.steps.map((step) => {
      if (!isWriteStep(step)) return { ...base(step), status: 'noop', id: step.id };
      if (done.has(step.index)) return { ...base(step), status: 'done', id: done.get(step.index) ?? null };
      const failed = session.failed.get(step.index);
      if (failed !== undefined) return { ...base(step), status: 'failed', id: step.id, message: failed };
      return { ...base(step), status: 'not-run', id: step.id };
    });
  } else {
    const failure = session.failure;
    ({ status, steps } = await undoRun(
      input,
      done,
      failure === null ? 'the run did not finish' : `step ${failure.step + 1} failed: ${failure.message}`,
    ));
  }
  let failure: RunResult['failure'] = session.failure;
  let checks: CheckResult[] | undefined;
  // A rollback run is not checked: it puts back what was there before, and undoing it on a failed
  // check would write again the very change it removes.
  const wanted = input.purpose.kind === 'promote' ? (input.checks?.checks ?? []) : [];
  if (status === 'succeeded' && wanted.length > 0) {
    // After a verify that passed: does the contact centre still work (issue 20)?
    const outcome = await checkRun(deps, input, wanted);
    checks = outcome.results;
    if (!outcome.ok) {
      const message = `post-promotion check failed: ${outcome.failed}`;
      failure = { step: null, code: 'check.failed', message };
      // Without the lease nothing more is written, not even an undo: the writes stay, as with 'stop'.
      if (input.checks?.onFailure === 'stop' || currentLeaseLoss() !== null) {
        status = 'checks-failed';
      } else {
        ({ status, steps } = await undoRun(input, done, message));
      }
    }
  }
  return finishRun(
    {
      runs: deps.runs,
      snapshots: deps.snapshots,
      clock: deps.clock,
      ...(deps.onCommitted ? { onCommitted: deps.onCommitted } : {}),
      ...(session.options.onProgress ? { onProgress: session.options.onProgress } : {}),
    },
    {
      plan,
      runId: session.runId,
      kind: input.purpose.kind,
      rollbackOf: input.purpose.rollbackOf,
      startedAt: input.startedAt,
      status,
      recovered: input.recovered,
      override: input.override,
      steps,
      failure,
      verify,
      ...(checks === undefined ? {} : { checks }),
      connector: session.connector,
      wrote,
      snapshot: input.snapshot,
    },
  );
}

/**
 * Undoes everything this run wrote (a failed step, or a failed post-promotion check) and says how
 * each step ended: rolled back, failed, not run, or not restored.
 */
async function undoRun(
  input: CompleteInput,
  done: ReadonlyMap<number, string | null>,
  reason: string,
): Promise<{ status: RunStatus; steps: RunStepResult[] }> {
  const { session, plan } = input;
  const base = (step: PlanStep): Omit<RunStepResult, 'status' | 'id'> => ({
    index: step.index,
    type: step.type,
    key: step.key,
    action: step.action,
  });
  const targets = undoTargets(input, done);
  const undo = await session.undo([...targets.values()], reason);
  const steps = plan.steps.map((step): RunStepResult => {
    if (!isWriteStep(step)) return { ...base(step), status: 'noop', id: step.id };
    const id = undo.ids.idOf(step.type, step.key) ?? null;
    const notRestored = undo.failures.get(step.index);
    if (notRestored !== undefined)
      return { ...base(step), status: 'rollback-failed', id, message: notRestored };
    const failed = session.failed.get(step.index);
    if (failed !== undefined && !targets.has(step.index)) {
      return { ...base(step), status: 'failed', id, message: `${failed}; the target took none of it` };
    }
    if (failed !== undefined) return { ...base(step), status: 'failed', id, message: `${failed}; undone` };
    if (targets.has(step.index)) return { ...base(step), status: 'rolled-back', id };
    return { ...base(step), status: 'not-run', id };
  });
  return { status: undo.ok ? 'rolled-back' : 'rollback-failed', steps };
}

/**
 * Runs the policy's post-promotion checks against the target as the run left it, and journals
 * them before anything else is done: a crash after this line still shows the run was checked,
 * and how, before its undo began.
 */
async function checkRun(
  deps: ExecutorDeps,
  input: CompleteInput,
  checks: readonly PostPromotionCheck[],
): Promise<{ ok: boolean; results: CheckResult[]; failed: string }> {
  const { session } = input;
  session.report({
    step: null,
    status: 'running',
    type: null,
    key: null,
    phase: 'checking',
    message: `running ${checks.length} post-promotion check${checks.length === 1 ? '' : 's'}`,
  });
  const results = await runPostPromotionChecks(checks, {
    connector: session.connector,
    plan: input.plan,
    ids: session.ids,
    now: deps.clock(),
    ...(session.options.signal ? { signal: session.options.signal } : {}),
  });
  const ok = results.every((result) => result.passed);
  await session.journal.append({ kind: 'checked', ok, results });
  const failed = results
    .filter((result) => !result.passed)
    .map((result) => `${result.title}: ${result.message}`)
    .join('; ');
  session.report({
    step: null,
    status: ok ? 'running' : 'failed',
    type: null,
    key: null,
    phase: 'checking',
    message: ok ? `${results.length} post-promotion check${results.length === 1 ? '' : 's'} passed` : failed,
  });
  return { ok, results, failed };
}

/**
 * What the rollback after a failure undoes: only what this run wrote. A step the journal shows
 * finished, or one of whose calls the target accepted, is undone; one whose first call the target
 * refused (a 4xx) wrote nothing and is left alone, so the object that made it fail (someone else's)
 * survives; one whose outcome is unknown is undone only if the target holds what it meant to write.
 */
function undoTargets(
  input: CompleteInput,
  done: ReadonlyMap<number, string | null>,
): Map<number, UndoTarget> {
  const { session, plan } = input;
  const targets = new Map<number, UndoTarget>();
  const add = (target: UndoTarget) => {
    const written = done.has(target.step) || session.applied.has(target.step);
    targets.set(
      target.step,
      written
        ? {
            ...target,
            ...(done.has(target.step) && target.before === null ? createdBy(plan, target.step) : {}),
          }
        : {
            ...target,
            unconfirmed: { after: (plan.steps[target.step]?.expected ?? null) as JsonObject | null },
          },
    );
  };
  // Attempts before an interruption the journal does not show refused (those are not listed).
  for (const target of input.earlier.started.values()) add(target);
  for (const [step, item] of session.started) {
    if (targets.has(step) || session.refused.has(step)) continue;
    add({
      step,
      type: item.type,
      key: item.key,
      before: item.before?.canonical ?? null,
      publishedVersion: flowVersionBefore(item.before?.api),
    });
  }
  return targets;
}

function beforeId(input: CompleteInput, step: PlanStep): string | null {
  return (
    input.earlier.started.get(step.index)?.id ??
    input.live.object(getObjectType(step.type).id, step.key)?.id ??
    step.id
  );
}

export function parsePlan(input: unknown): Plan {
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new FerryError('request.invalid', `The plan is not valid: ${describeIssues(issues)}`, { issues });
  }
  const plan = parsed.data;
  if (plan.steps.some((step, position) => step.index !== position)) {
    throw new FerryError('promotion.plan-invalid', "The plan's steps are not numbered in order");
  }
  if (planFingerprint(plan.steps) !== plan.fingerprint) {
    throw new FerryError(
      'promotion.plan-invalid',
      "The plan's fingerprint does not match its steps; it was edited after planning",
    );
  }
  return plan;
}

export function parseOverride(input: unknown): Override | null {
  if (input === undefined || input === null) return null;
  const parsed = overrideSchema.safeParse(input);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new FerryError('request.invalid', `The override is not valid: ${describeIssues(issues)}`, {
      issues,
    });
  }
  return parsed.data;
}

/** The types a plan's steps need read: theirs, what they refer to, and for deletes their referrers. */
export function planTypes(steps: readonly PlanStep[]) {
  return typesToRead(
    steps.map((step) => step.type),
    steps.filter((step) => step.expected === null && step.current !== null).map((step) => step.type),
  );
}

/** Refuses, writing nothing, when any object a step looks at is not what the plan read. */
function checkUnchanged(plan: Plan, live: LiveTarget): void {
  const changed: { type: string; key: string; message: string }[] = [];
  for (const step of plan.steps) {
    const object = live.object(getObjectType(step.type).id, step.key);
    const now = object?.canonical ?? null;
    const then = step.current as JsonObject | null;
    if (stableStringify(now) === stableStringify(then) && (step.id === null || object?.id === step.id))
      continue;
    const type = getObjectType(step.type).id;
    // Checked out since the plan (by a person, or an OAuth client such as Archy): said as a plan
    // says it, since a status field is no difference a compare shows.
    const holder = type === 'architect.flow' ? lockedBy(now) : null;
    const message =
      holder !== null && holder !== lockedBy(then)
        ? checkedOutReason(holder, plan.environment)
        : now === null
          ? 'it is no longer in the target'
          : then === null
            ? 'it now exists in the target'
            : step.id !== null && object?.id !== step.id && stableStringify(now) === stableStringify(then)
              ? 'it was deleted and created again (its id changed)'
              : differences(type, now, then, 'the plan read');
    changed.push({ type: step.type, key: step.key, message });
  }
  if (changed.length === 0) return;
  throw new FerryError(
    'conflict',
    `The target changed since the plan was made; nothing was written, plan again: ${changed
      .slice(0, 3)
      .map((entry) => `${entry.type} ${JSON.stringify(entry.key)} (${entry.message})`)
      .join('; ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''}`,
    { changed },
  );
}

/**
 * The work items, with calls computed again from the target as it is now. They must be the calls
 * the plan lists (versions aside, which move with every write): the plan is what was reviewed.
 */
function recheckedItems(plan: Plan, live: LiveTarget): WorkItem[] {
  const creating = new Set(
    plan.steps.filter((step) => step.action === 'create').map((step) => `${step.type}\u0000${step.key}`),
  );
  const resolveId = (type: string, key: string) =>
    live.ids.idOf(type, key) ?? (creating.has(`${type}\u0000${key}`) ? idPlaceholder(type, key) : undefined);
  return workItems(plan.steps, live, (step) => step.index).map((item) => {
    const step = plan.steps[item.step] as PlanStep;
    // A flow's rollback republishes a version (flow-rollback.ts): still right while the flow is there.
    if (isRepublishOf(step, item.before?.id ?? null)) return item;
    const outcome = objectCalls({
      type: item.type,
      key: item.key,
      id: item.before?.id ?? null,
      current: item.before?.canonical ?? null,
      desired: item.desired,
      version: item.before?.api.version as JsonValue | undefined,
      resolveId,
      ambiguous: (type, name) => live.ids.isAmbiguous(type, name),
    });
    if (
      outcome.kind === 'blocked' ||
      stableStringify(withoutVersions(outcome.calls)) !== stableStringify(withoutVersions(step.calls))
    ) {
      throw new FerryError(
        'conflict',
        `${describeStep(step)}: the target now needs other calls than the plan lists (${outcome.kind === 'blocked' ? outcome.reason : 'ids changed since the plan'}); nothing was written, plan again`,
        { step: step.index },
      );
    }
    return { ...item, calls: outcome.calls };
  });
}

function withoutVersions(calls: readonly ApiCall[]): unknown[] {
  return calls.map((call) => {
    if (!isJsonObject(call.body) || !Object.hasOwn(call.body, 'version')) return call;
    const body = { ...call.body };
    Reflect.deleteProperty(body, 'version');
    return { ...call, body };
  });
}

export function describeStep(step: Pick<PlanStep, 'index' | 'action' | 'type' | 'key'>): string {
  return `step ${step.index + 1} (${step.action} ${step.type} ${JSON.stringify(step.key)})`;
}

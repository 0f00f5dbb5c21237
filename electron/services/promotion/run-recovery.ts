import { FerryError } from '../../../shared/api/api-error';
import type { JsonObject, JsonValue } from '../../../shared/model/canonical/json-value';
import { getObjectType } from '../../../shared/model/object-types/registry';
import type { Plan } from '../../../shared/model/plan';
import { sameCanonical } from '../../../shared/promotion/engine/object-calls';
import { awaitsPublish } from '../../../shared/promotion/engine/flow-calls';
import type {
  JournalEntry,
  RunResult,
  RunStepResult,
  RunSummary,
} from '../../../shared/promotion/engine/run-records';
import {
  completeRun,
  describeStep,
  planTypes,
  type ExecuteOptions,
  type Executor,
  type RunPurpose,
} from './executor';
import { buildSteps, type StepDraft } from './planner';
import { RunJournal } from './run-journal';
import {
  checkConcurrency,
  convergeAction,
  finishRun,
  firstBefores,
  interruptedUndoTargets,
  isWriteStep,
  RunSession,
  workItems,
  type UndoTarget,
} from './run-session';
import { writerIdentity } from './run-store';
import type { RunCheck, RunFiles } from './run-verifier';
import { IdRegistry, readTarget } from './target-reader';
import { resolveUnmanagedReferences } from '../references/reference-resolution';
import { withLeaseSignal } from '../locks/lock-notes';

export type RecoveryOptions = Omit<ExecuteOptions, 'override'> & {
  /**
   * Judges the run's files before anything is done with them (governance: signatures, trust,
   * changeset, gates); a refusal leaves the target and the workspace untouched.
   */
  check?: RunCheck;
};

interface Interrupted {
  /** The files as read and checked: everything below is parsed from these very bytes. */
  files: RunFiles;
  plan: Plan;
  journal: JournalEntry[];
  started: Extract<JournalEntry, { kind: 'run-started' }>;
  befores: ReturnType<typeof firstBefores>;
  /** Step → id, for forward steps the journal records as finished. */
  done: Map<number, string | null>;
}

/**
 * Runs a crash left behind: a journal and no result (DESIGN §5). The next start offers to roll
 * one back (every object the journal says was written goes back to its before-state) or to resume
 * it (the remaining steps, after checking the target still is what the plan expects).
 */
export class RunRecovery {
  constructor(private readonly executor: Executor) {}

  async interruptedRuns(): Promise<RunSummary[]> {
    return this.executor.deps.runs.interrupted(this.executor.deps.active);
  }

  async rollbackInterrupted(runId: string, options: RecoveryOptions = {}): Promise<RunResult> {
    const first = await this.load(runId, options.check);
    return this.executor.exclusive(target(first.plan.environment, runId, 'roll back', options), async () => {
      const run = await this.load(runId, options.check);
      const { plan } = run;
      const concurrency = checkConcurrency(options.concurrency);
      return this.withJournal(runId, run, 'rollback', async (journal) => {
        const connector = await this.executor.deps.environments.connector(plan.environment);
        const session = new RunSession(
          runId,
          connector,
          journal,
          new IdRegistry(),
          sessionOptions(options, concurrency),
        );
        // Only what this run's journal shows it may have written; unfinished steps checked first.
        const targets: UndoTarget[] = interruptedUndoTargets(run.journal, plan);
        const undo = await session.undo(targets, 'the run was interrupted');
        const steps: RunStepResult[] = plan.steps.map((step) => {
          const base = { index: step.index, type: step.type, key: step.key, action: step.action };
          if (!isWriteStep(step)) return { ...base, status: 'noop', id: step.id };
          const id = undo.ids.idOf(step.type, step.key) ?? null;
          const failed = undo.failures.get(step.index);
          if (failed !== undefined) return { ...base, status: 'rollback-failed', id, message: failed };
          return { ...base, status: run.befores.has(step.index) ? 'rolled-back' : 'not-run', id };
        });
        // Interrupted after its post-promotion checks were journalled: the result still says how they went.
        const checked = run.journal.findLast((entry) => entry.kind === 'checked');
        const failedChecks = checked?.results.filter((result) => !result.passed) ?? [];
        return finishRun(this.finishDeps(options), {
          plan,
          runId,
          kind: run.started.runKind,
          rollbackOf: run.started.rollbackOf,
          startedAt: run.started.at,
          status: undo.ok ? 'rolled-back' : 'rollback-failed',
          recovered: true,
          override: run.started.override,
          steps,
          failure:
            failedChecks.length === 0
              ? null
              : {
                  step: null,
                  code: 'check.failed',
                  message: `post-promotion check failed: ${failedChecks.map((result) => `${result.title}: ${result.message}`).join('; ')}`,
                },
          ...(checked === undefined ? {} : { checks: checked.results }),
          verify: null,
          connector,
          wrote: targets.length > 0,
          snapshot: options.snapshot ?? true,
        });
      });
    });
  }

  async resumeInterrupted(runId: string, options: RecoveryOptions = {}): Promise<RunResult> {
    const first = await this.load(runId, options.check);
    return this.executor.exclusive(target(first.plan.environment, runId, 'resume', options), async () => {
      const run = await this.load(runId, options.check);
      const { plan } = run;
      const concurrency = checkConcurrency(options.concurrency);
      const signal = withLeaseSignal(options.signal);
      if (run.journal.some((entry) => entry.kind === 'rollback-started')) {
        throw new FerryError(
          'conflict',
          `Run ${runId} had begun rolling back when it stopped; finish the rollback instead of resuming`,
        );
      }
      const connector = await this.executor.deps.environments.connector(plan.environment);
      const live = await readTarget(connector, planTypes(plan.steps), signal);
      const alreadyDone = new Map<number, string | null>();
      const drafts: StepDraft[] = [];
      const changed: string[] = [];
      for (const step of plan.steps.filter(isWriteStep)) {
        if (run.done.has(step.index)) continue;
        const type = getObjectType(step.type).id;
        const object = live.object(type, step.key);
        const current = object?.canonical ?? null;
        const expected = step.expected as JsonObject | null;
        // A flow whose import landed before the crash but whose publish did not is not done: the
        // step is sent again, and finds only the publish left to make (flow-calls.ts).
        const owesPublish = expected !== null && awaitsPublish(type, current);
        if (sameCanonical(type, current, expected) && !owesPublish) {
          alreadyDone.set(step.index, expected === null ? null : (object?.id ?? null));
          continue;
        }
        // A step the crash interrupted may have left its object half written; one never started
        // must find the object exactly as the plan did.
        if (
          !run.befores.has(step.index) &&
          !sameCanonical(type, current, step.current as JsonObject | null)
        ) {
          changed.push(describeStep(step));
          continue;
        }
        drafts.push({
          operation: step.index,
          action: owesPublish ? 'update' : convergeAction(type, current, expected),
          type,
          key: step.key,
          id: object?.id ?? null,
          current,
          expected,
          ...(object?.api.version === undefined ? {} : { version: object.api.version as JsonValue }),
        });
      }
      if (changed.length > 0) {
        throw new FerryError(
          'conflict',
          `The target changed since run ${runId} was planned; nothing was written: ${changed.slice(0, 3).join('; ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''}`,
          { changed },
        );
      }
      await resolveUnmanagedReferences(connector, live.ids, drafts, signal);
      const steps = buildSteps(drafts, live);
      const stuck = steps.filter((step) => step.action === 'blocked' || step.action === 'conflict');
      if (stuck.length > 0) {
        throw new FerryError(
          'conflict',
          `Run ${runId} cannot be resumed: ${stuck.map((step) => `${describeStep(plan.steps[step.operation] ?? step)}: ${step.reason ?? ''}`).join('; ')}`,
        );
      }
      return this.withJournal(runId, run, 'resume', async (journal) => {
        for (const [step, id] of alreadyDone) {
          // Written before the crash, recorded now, so a later rollback knows it finished.
          if (run.befores.has(step)) {
            await journal.append({
              kind: 'step-done',
              phase: 'forward',
              step,
              id,
              after: plan.steps[step]?.expected ?? null,
            });
          }
        }
        const session = new RunSession(
          runId,
          connector,
          journal,
          live.ids.copy(),
          sessionOptions(options, concurrency),
        );
        const earlierStarted = new Map(
          [...run.befores.values()].map((entry) => [
            entry.step,
            {
              step: entry.step,
              type: getObjectType(entry.type).id,
              key: entry.key,
              before: entry.before.canonical as JsonObject | null,
              id: entry.id,
            },
          ]),
        );
        const purpose: RunPurpose = { kind: run.started.runKind, rollbackOf: run.started.rollbackOf };
        return completeRun(this.executor.deps, {
          session,
          plan,
          live,
          items: workItems(steps, live, (step) => step.operation),
          purpose,
          startedAt: run.started.at,
          recovered: true,
          override: run.started.override,
          onFailure: options.onFailure ?? 'rollback',
          snapshot: options.snapshot ?? true,
          // A run interrupted during its checks had done every step: it is verified and checked again.
          ...(options.checks ? { checks: options.checks } : {}),
          earlier: { started: earlierStarted, done: new Map([...run.done, ...alreadyDone]) },
        });
      });
    });
  }

  /**
   * The run, read once and checked before it is parsed: a run that did not start here
   * (`incomplete`, from another machine) is never offered, but can be recovered on purpose once
   * its check passes.
   */
  private async load(runId: string, check: RunCheck | undefined): Promise<Interrupted> {
    const { runs, active } = this.executor.deps;
    const summary = (await runs.list(active)).find((run) => run.id === runId);
    if (summary === undefined)
      throw new FerryError('run.not-found', `No run "${runId}" in this workspace`, { runId });
    if (summary.status === 'corrupt')
      throw new FerryError('run.corrupt', summary.message ?? `Run ${runId} is damaged`, { runId });
    if (summary.status !== 'interrupted' && summary.status !== 'incomplete') {
      throw new FerryError(
        'run.not-interrupted',
        summary.status === 'running'
          ? `Run ${runId} is still being written by another Ferry`
          : `Run ${runId} finished (${summary.status}); roll it back as a finished run instead`,
        { runId, status: summary.status },
      );
    }
    const files = await runs.readFiles(runId);
    await check?.(files);
    const plan = runs.parsePlan(files.plan, runId);
    const journal = runs.parseJournal(files.journal, runId);
    const started = journal.find((entry): entry is Interrupted['started'] => entry.kind === 'run-started');
    if (started === undefined)
      throw new FerryError('run.corrupt', `Run ${runId} has no start in its journal`, { runId });
    const done = new Map<number, string | null>();
    for (const entry of journal) {
      if (entry.kind === 'step-done' && entry.phase === 'forward') done.set(entry.step, entry.id);
    }
    return { files, plan, journal, started, befores: firstBefores(journal), done };
  }

  private async withJournal(
    runId: string,
    run: Interrupted,
    action: 'resume' | 'rollback',
    work: (journal: RunJournal) => Promise<RunResult>,
  ): Promise<RunResult> {
    const { runs, active, clock } = this.executor.deps;
    active.add(runId);
    // From here on this machine writes the run: it is recorded as started here, and signs its lines.
    const signing = await runs.continueRun(runId, run.files);
    const journal = await RunJournal.open(runs.journalFile(runId), clock, run.journal.length, signing);
    try {
      await journal.append({ kind: 'resumed', action, ...writerIdentity() });
      return await work(journal);
    } finally {
      active.delete(runId);
      await journal.close();
    }
  }

  private finishDeps(options: RecoveryOptions) {
    const { runs, snapshots, clock, onCommitted } = this.executor.deps;
    return {
      runs,
      snapshots,
      clock,
      ...(onCommitted ? { onCommitted } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    };
  }
}

/** The environment a recovery writes, naming the run in the remote lease. */
function target(environment: string, runId: string, action: string, options: RecoveryOptions) {
  return {
    environment,
    purpose: `${action} interrupted run ${runId}`,
    runId,
    breakLease: options.breakLease,
    // The run's own lease, left by its dead process under this machine's key, is taken back at
    // once rather than blocking its recovery until it expires.
    reclaim: true,
  };
}

function sessionOptions(options: RecoveryOptions, concurrency: number) {
  // Read inside `exclusive`: the run's own signal joined with its remote lease's.
  const signal = withLeaseSignal(options.signal);
  return {
    concurrency,
    ...(signal ? { signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

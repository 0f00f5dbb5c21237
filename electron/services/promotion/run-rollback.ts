import { FerryError } from '../../../shared/api/api-error';
import type { JsonObject, JsonValue } from '../../../shared/model/canonical/json-value';
import { getObjectType } from '../../../shared/model/object-types/registry';
import { gateResultSchema, type GateResult, type Plan } from '../../../shared/model/plan';
import { sameCanonical } from '../../../shared/promotion/engine/object-calls';
import { differences } from '../../../shared/promotion/engine/operation-outcome';
import type { RunResult } from '../../../shared/promotion/engine/run-records';
import type { ExecuteOptions, Executor } from './executor';
import { buildSteps, finishPlan, type StepDraft } from './planner';
import { convergeAction, firstBefores } from './run-session';
import { flowVersionBefore, withFlowRepublish } from './flow-rollback';
import type { RunCheck } from './run-verifier';
import { readTarget, typesToRead } from './target-reader';
import { resolveUnmanagedReferences } from '../references/reference-resolution';

export interface RollbackPlanOptions {
  gates?: GateResult[];
  signal?: AbortSignal;
  /**
   * Judges the run's files before the target is read (governance: signatures, trust, changeset):
   * the rollback writes the journal's before-states, so they must be the promoter's.
   */
  check?: RunCheck;
}

/**
 * The plan that undoes a finished run: every object it wrote back to its before-state, planned
 * against the live target like any promotion. An object that changed since the run is a
 * conflict (someone else's change is not silently undone); one already back is a noop. An
 * object the run deleted is created again; it gets a new id, and the objects that refer to it are
 * written after it, with that id (canonical references are by name, so the new id is found then).
 */
export async function planRunRollback(
  executor: Executor,
  runId: string,
  now: Date,
  options: RollbackPlanOptions = {},
): Promise<Plan> {
  const { runs, environments } = executor.deps;
  const files = await runs.readFiles(runId);
  if (files.result === null) {
    throw new FerryError(
      'run.not-finished',
      `Run ${runId} has not finished; resume it or roll it back as an interrupted run`,
      { runId },
    );
  }
  await options.check?.(files);
  const result = runs.parseResult(files.result, runId);
  if (result.status === 'rolled-back') {
    throw new FerryError(
      'run.nothing-to-roll-back',
      `Run ${runId} was already rolled back; nothing of it remains`,
      {
        runId,
      },
    );
  }
  const plan = runs.parsePlan(files.plan, runId);
  const journal = runs.parseJournal(files.journal, runId);
  const befores = firstBefores(journal);
  // The last entry per step says what the run left there (an undo's entry after the step's own).
  const afters = new Map<number, JsonObject | null>();
  for (const entry of journal) {
    if (entry.kind === 'step-done') afters.set(entry.step, entry.after as JsonObject | null);
  }
  const gates = (options.gates ?? []).map((gate) => gateResultSchema.parse(gate));
  const config = await environments.get(plan.environment);
  const connector = await environments.connector(plan.environment);
  const entries = [...befores.values()];
  const live = await readTarget(
    connector,
    typesToRead(
      entries.map((entry) => entry.type),
      entries.filter((entry) => entry.before.canonical === null).map((entry) => entry.type),
    ),
    options.signal,
  );
  const drafts: StepDraft[] = entries.map((entry) => {
    const type = getObjectType(entry.type).id;
    const object = live.object(type, entry.key);
    const current = object?.canonical ?? null;
    const before = entry.before.canonical as JsonObject | null;
    const after = afters.get(entry.step);
    const draft = {
      operation: plan.steps[entry.step]?.operation ?? 0,
      type,
      key: entry.key,
      id: object?.id ?? null,
      current,
      expected: before,
      ...(object?.api.version === undefined ? {} : { version: object.api.version as JsonValue }),
    };
    if (after !== undefined && !sameCanonical(type, current, after)) {
      const reason =
        current === null
          ? 'it was deleted since the run'
          : after === null
            ? 'it was created again since the run'
            : differences(type, current, after, 'the run left');
      return { ...draft, action: 'conflict', reason: `it changed since the run: ${reason}` };
    }
    if (after === undefined && !sameCanonical(type, current, before)) {
      // No `step-done`: the write's outcome is unknown. Undo only what is as the run meant it;
      // anything else may be someone else's object, and is not the run's to put back.
      const intended = (plan.steps[entry.step]?.expected ?? null) as JsonObject | null;
      if (!sameCanonical(type, current, intended)) {
        return {
          ...draft,
          action: 'conflict',
          reason:
            'the run did not record this write as done, and the object is neither as before the run nor as the run meant to leave it',
        };
      }
    }
    const action = convergeAction(type, current, before);
    return action === 'noop'
      ? { ...draft, action, reason: 'it already is as before the run' }
      : { ...draft, action };
  });
  await resolveUnmanagedReferences(connector, live.ids, drafts, options.signal);
  return finishPlan({
    changesetId: plan.changesetId,
    changesetDigest: plan.changesetDigest,
    environment: plan.environment,
    tier: config.tier,
    createdAt: now.toISOString(),
    // A flow the run changed goes back by republishing the version live before it (journaled).
    steps: withFlowRepublish(buildSteps(drafts, live), (step) => {
      const entry = entries.find((candidate) => candidate.type === step.type && candidate.key === step.key);
      // Republished only on the flow the journal recorded (flow-rollback.ts).
      return entry === undefined ? null : flowVersionBefore(entry.before.api);
    }),
    gates,
  });
}

/** Plans the rollback of a finished run and executes it as a run of its own. */
export async function rollbackRun(
  executor: Executor,
  runId: string,
  now: Date,
  options: ExecuteOptions & RollbackPlanOptions = {},
): Promise<RunResult> {
  const plan = await planRunRollback(executor, runId, now, options);
  return executor.execute(plan, options, { kind: 'rollback', rollbackOf: runId });
}

import { FerryError } from '../../../shared/api/api-error';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../shared/model/canonical/json-value';
import type { ObjectTypeId } from '../../../shared/model/object-types/object-type-definition';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { getObjectType } from '../../../shared/model/object-types/registry';
import type { ApiCall, Plan, PlanStep, StepAction } from '../../../shared/model/plan';
import { resolveBody, resolvePath } from '../../../shared/promotion/engine/id-placeholder';
import { sameCanonical } from '../../../shared/promotion/engine/object-calls';
import { differences } from '../../../shared/promotion/engine/operation-outcome';
import type {
  JournalEntry,
  Override,
  PromotionProgress,
  RunKind,
  RunResult,
  RunStatus,
  RunStepResult,
  VerifyMismatch,
} from '../../../shared/promotion/engine/run-records';
import type { Connector } from '../connectors/connector';
import { GenesysApiError } from '../connectors/genesys/genesys-error';
import { currentLockNotes } from '../locks/lock-notes';
import type { SnapshotService } from '../snapshot/snapshot-service';
import { apiCallerFor, type ApiCaller } from './api-caller';
import { flowVersionBefore, withFlowRepublish, type FlowVersionBefore } from './flow-rollback';
import { resolveFlowImportBody } from './flow-placeholders';
import { awaitsPublish, isFlowImportCall } from '../../../shared/promotion/engine/flow-calls';
import { buildSteps, type StepDraft } from './planner';
import type { RunJournal } from './run-journal';
import type { RunStore } from './run-store';
import {
  readBack,
  readBackKey,
  readTarget,
  typesToRead,
  type IdRegistry,
  type LiveObject,
  type LiveTarget,
} from './target-reader';
import { resolveUnmanagedReferences } from '../references/reference-resolution';

/** One object's writes as the session runs them. */
export interface WorkItem {
  /** The plan step the object belongs to; an undo keeps the number of the step it undoes. */
  step: number;
  action: StepAction;
  type: ObjectTypeId;
  key: string;
  /** The object as the target held it just before (the journal's before-state). */
  before: LiveObject | null;
  desired: JsonObject | null;
  calls: ApiCall[];
  level: number;
}

export interface SessionOptions {
  concurrency: number;
  signal?: AbortSignal;
  onProgress?: (progress: PromotionProgress) => void;
}

export interface StepFailure {
  step: number;
  code: string;
  message: string;
}

/** A step the target needs put back: the object and what it held before the run wrote it. */
export interface UndoTarget {
  step: number;
  type: ObjectTypeId;
  key: string;
  before: JsonObject | null;
  /**
   * Set when nothing shows whether the step's write reached the target (the connection was lost
   * after sending, or a crash came between the journal and the reply): the object is put back only
   * if the target holds what the step meant to write (`after`), never on a guess.
   */
  unconfirmed?: { after: JsonObject | null };
  /**
   * A flow: the version it had published before the run and the id of the flow it belongs to; the
   * undo republishes it only while the key still names that flow (flow-rollback.ts).
   */
  publishedVersion?: FlowVersionBefore | null;
  /** A flow the run created, its step done: what the run left there (the plan's `after`). */
  created?: JsonObject;
}

export interface UndoOutcome {
  ok: boolean;
  /** Step → why it could not be put back. */
  failures: Map<number, string>;
  ids: IdRegistry;
}

const MAX_CONCURRENCY = 32;

export function checkConcurrency(value: number | undefined): number {
  const concurrency = value ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new FerryError('request.invalid', `concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`);
  }
  return concurrency;
}

/**
 * One run's writes against one target: journal first, then the calls; stops at the first failure
 * (forward) or goes on through failures (undo, which puts back as much as it can). Everything a
 * run, a resumed run and a rollback do to an environment goes through here.
 */
export class RunSession {
  readonly caller: ApiCaller;
  /** Plan step → id the object had when its step finished (null: deleted). */
  readonly done = new Map<number, string | null>();
  /** The first failure, which stops a forward run. */
  failure: StepFailure | null = null;
  /** Every failed step with its message (an undo goes on past failures). */
  readonly failed = new Map<number, string>();
  /** Steps whose writes were announced in the journal, so may have reached the target. */
  readonly started = new Map<number, WorkItem>();
  /** Steps at least one of whose calls the target accepted: this run wrote them. */
  readonly applied = new Set<number>();
  /** Steps whose first call the target refused (a 4xx, not retried): this run wrote nothing of them. */
  readonly refused = new Set<number>();
  private progressDone = 0;
  private progressTotal = 0;
  private phase: PromotionProgress['phase'] = 'writing';
  private seenWaits: number;

  constructor(
    readonly runId: string,
    readonly connector: Connector,
    readonly journal: RunJournal,
    readonly ids: IdRegistry,
    readonly options: SessionOptions,
  ) {
    this.caller = apiCallerFor(connector);
    this.seenWaits = connector.stats.rateLimitWaits;
  }

  report(
    progress: Omit<PromotionProgress, 'runId' | 'total' | 'done' | 'phase'> & {
      phase?: PromotionProgress['phase'];
    },
  ) {
    this.options.onProgress?.({
      runId: this.runId,
      total: this.progressTotal,
      done: this.progressDone,
      phase: progress.phase ?? this.phase,
      ...progress,
    });
  }

  /** Runs the items level by level, at most `concurrency` at once within a level. */
  async run(items: readonly WorkItem[], phase: 'forward' | 'undo'): Promise<boolean> {
    this.phase = phase === 'forward' ? 'writing' : 'rolling-back';
    this.progressDone = 0;
    this.progressTotal = items.length;
    const stopOnFailure = phase === 'forward';
    const levels = [...new Set(items.map((item) => item.level))].sort((left, right) => left - right);
    let ok = true;
    const timer = setInterval(() => this.noteRateLimitWaits(null), 500);
    timer.unref();
    try {
      for (const level of levels) {
        const queue = items.filter((item) => item.level === level);
        let next = 0;
        const worker = async () => {
          while (next < queue.length && !(stopOnFailure && !ok)) {
            const item = queue[next] as WorkItem;
            next += 1;
            if (!(await this.runItem(item, phase))) ok = false;
          }
        };
        await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queue.length) }, worker));
        if (stopOnFailure && !ok) return false;
      }
      return ok;
    } finally {
      clearInterval(timer);
    }
  }

  private async runItem(item: WorkItem, phase: 'forward' | 'undo'): Promise<boolean> {
    const definition = getObjectType(item.type);
    const label = `${item.action} ${item.type} ${JSON.stringify(item.key)}`;
    if (this.options.signal?.aborted)
      return this.fail(item, phase, 'cancelled', 'The run was cancelled', false);
    this.report({ step: item.step, status: 'running', type: item.type, key: item.key, message: label });
    try {
      await this.journal.append({
        kind: 'step-started',
        phase,
        step: item.step,
        type: item.type,
        key: item.key,
        id: item.before?.id ?? null,
        before: { api: item.before?.api ?? null, canonical: item.before?.canonical ?? null },
        calls: item.calls,
      });
    } catch (error) {
      // Nothing was sent: a write the journal cannot announce is not made.
      return this.fail(
        item,
        phase,
        errorCode(error),
        `the journal could not be written: ${errorMessage(error)}`,
        false,
      );
    }
    if (!this.started.has(item.step)) this.started.set(item.step, item);
    let id = item.before?.id ?? null;
    const lookup = (type: string, key: string) => this.ids.idOf(type, key);
    let accepted = 0;
    let retriesBefore = this.connector.stats.retries;
    try {
      for (const call of item.calls) {
        const resolved: ApiCall = {
          method: call.method,
          path: resolvePath(call.path, lookup),
          ...(call.body === undefined ? {} : { body: resolveBody(call.body as JsonValue, lookup) }),
        };
        if (isFlowImportCall(item.type, call)) {
          const body = resolveFlowImportBody(resolved.body as JsonValue | undefined, lookup);
          if (body !== undefined) resolved.body = body;
        }
        retriesBefore = this.connector.stats.retries;
        const reply = await this.caller(definition, resolved, this.options.signal);
        accepted += 1;
        this.applied.add(item.step);
        // A flow is created by its import, whose reply names it (see flow-calls.ts).
        if (
          (call.method === 'POST' && call.path === definition.collectionPath) ||
          (isFlowImportCall(item.type, call) && item.before === null)
        ) {
          const created = reply?.id;
          if (typeof created !== 'string') {
            throw new FerryError(
              'promotion.no-id',
              `${definition.collectionPath} answered a create without an id`,
            );
          }
          id = created;
          this.ids.set(item.type, item.key, created);
        }
      }
      if (item.desired === null) {
        this.ids.forget(item.type, item.key);
        id = null;
      }
      await this.journal.append({ kind: 'step-done', phase, step: item.step, id, after: item.desired });
    } catch (error) {
      // A 4xx to the step's first call, with no retry in between (any retry, even one for another
      // step, could hide an earlier attempt that landed), means the target took nothing of it.
      const nothingApplied =
        accepted === 0 && refusedByTarget(error) && this.connector.stats.retries === retriesBefore;
      if (nothingApplied) this.refused.add(item.step);
      return this.fail(item, phase, errorCode(error), errorMessage(error), true, nothingApplied);
    }
    this.done.set(item.step, id);
    this.progressDone += 1;
    this.noteRateLimitWaits(item.step);
    this.report({ step: item.step, status: 'done', type: item.type, key: item.key, message: label });
    return true;
  }

  private async fail(
    item: WorkItem,
    phase: 'forward' | 'undo',
    code: string,
    message: string,
    journal: boolean,
    nothingApplied = false,
  ) {
    const text = `${item.action} ${item.type} ${JSON.stringify(item.key)} failed: ${message}`;
    this.failure ??= { step: item.step, code, message: text };
    this.failed.set(item.step, text);
    if (journal) {
      // Best effort: the step-started entry already tells recovery to look at this object.
      await this.journal
        .append({
          kind: 'step-failed',
          phase,
          step: item.step,
          error: { code, message },
          ...(nothingApplied ? { nothingApplied: true as const } : {}),
        })
        .catch(() => undefined);
    }
    this.report({ step: item.step, status: 'failed', type: item.type, key: item.key, message: text });
    return false;
  }

  private noteRateLimitWaits(step: number | null): void {
    const stats = this.connector.stats;
    if (stats.rateLimitWaits === this.seenWaits) return;
    this.seenWaits = stats.rateLimitWaits;
    this.report({
      step,
      status: 'waiting',
      type: null,
      key: null,
      message: `waited for the rate limit (${stats.rateLimitWaits} waits, ${(stats.rateLimitWaitMs / 1000).toFixed(1)} s in all)`,
    });
  }

  /**
   * Puts every object in `targets` back as it was before the run, against the target as it is now
   * (a crash may have left a step half done), then reads them back to check. An object the run
   * deleted is created again under a new id, and what refers to it is written with that id.
   */
  async undo(targets: readonly UndoTarget[], reason: string): Promise<UndoOutcome> {
    await this.journal.append({ kind: 'rollback-started', reason });
    this.phase = 'rolling-back';
    this.report({ step: null, status: 'running', type: null, key: null, message: `rolling back: ${reason}` });
    const failures = new Map<number, string>();
    // A cancelled run is rolled back all the same: the undo does not listen to the run's signal.
    const options: SessionOptions = { ...this.options };
    delete options.signal;
    const types = typesToRead(
      targets.map((target) => target.type),
      targets.filter((target) => target.before === null).map((target) => target.type),
    );
    const live = await readTarget(this.connector, types);
    const settled = keepOthersFlows(settleUnconfirmed(targets, live, failures), live, failures);
    const drafts: StepDraft[] = settled.map((target) => {
      const object = live.object(target.type, target.key);
      const current = object?.canonical ?? null;
      return {
        operation: target.step,
        action: convergeAction(target.type, current, target.before),
        type: target.type,
        key: target.key,
        id: object?.id ?? null,
        current,
        expected: target.before,
        ...(object?.api.version === undefined ? {} : { version: object.api.version as JsonValue }),
      };
    });
    await resolveUnmanagedReferences(this.connector, live.ids, drafts);
    const published = new Map(targets.map((target) => [target.step, target.publishedVersion ?? null]));
    const steps = withFlowRepublish(buildSteps(drafts, live), (step) => published.get(step.operation));
    for (const step of steps) {
      if (step.action === 'blocked' || step.action === 'conflict') {
        failures.set(step.operation, step.reason ?? 'it cannot be put back');
      }
    }
    const session = new RunSession(this.runId, this.connector, this.journal, live.ids, options);
    const items = workItems(steps, live, (step) => step.operation);
    await session.run(items, 'undo');
    for (const item of items) {
      if (!session.done.has(item.step))
        failures.set(item.step, session.failed.get(item.step) ?? 'it could not be put back');
    }
    const verify = await verifyObjects(
      this.runId,
      this.connector,
      settled.map((target) => ({
        step: target.step,
        type: target.type,
        key: target.key,
        expected: target.before,
        id: target.before === null ? (live.object(target.type, target.key)?.id ?? null) : null,
      })),
      live.ids,
      (type) => live.count(type),
      options,
    );
    for (const mismatch of verify.mismatches) {
      const target = settled.find(
        (candidate) => candidate.type === mismatch.type && candidate.key === mismatch.key,
      );
      if (target !== undefined && !failures.has(target.step)) failures.set(target.step, mismatch.message);
    }
    await this.journal.append({
      kind: 'verified',
      ok: verify.mismatches.length === 0,
      checked: verify.checked,
      mismatches: verify.mismatches.length,
    });
    return { ok: failures.size === 0, failures, ids: live.ids };
  }
}

/**
 * The targets an undo may touch: those this run surely wrote, and those whose write is unknown
 * but whose object the target holds as the step meant to leave it (or as before, a noop). One
 * that is neither is someone else's or half written: it is left as it is and named in `failures`.
 */
function settleUnconfirmed(
  targets: readonly UndoTarget[],
  live: LiveTarget,
  failures: Map<number, string>,
): UndoTarget[] {
  return targets.filter((target) => {
    if (target.unconfirmed === undefined) return true;
    const current = live.object(target.type, target.key)?.canonical ?? null;
    if (sameCanonical(target.type, current, target.before)) return true;
    if (sameCanonical(target.type, current, target.unconfirmed.after)) return true;
    if (partlyUpdated(current, target.before, target.unconfirmed.after)) return true;
    failures.set(
      target.step,
      `left as it is: nothing shows whether this run's write reached it, and it is neither as before the run nor as the run meant to leave it (${
        current === null
          ? 'it is not in the target'
          : target.unconfirmed.after === null
            ? differences(target.type, current, target.before ?? {}, 'before the run')
            : differences(target.type, current, target.unconfirmed.after, 'the run meant to write')
      }); check it by hand`,
    );
    return false;
  });
}

/**
 * A flow this run created is deleted by its undo, and a flow's versions go with it. If it is not
 * as the run left it (someone imported and published another version since), deleting it would
 * silently destroy their work: it is left as it is and named in `failures` with what changed and
 * which version is published now, for a person to decide. Refusing is the safe side: a flow left
 * behind is seen in the run's result and deleted by hand in a minute; a lost version is gone.
 */
function keepOthersFlows(
  targets: readonly UndoTarget[],
  live: LiveTarget,
  failures: Map<number, string>,
): UndoTarget[] {
  return targets.filter((target) => {
    if (target.type !== 'architect.flow' || target.before !== null || target.created === undefined)
      return true;
    const object = live.object(target.type, target.key);
    const current = object?.canonical ?? null;
    if (current === null || sameCanonical(target.type, current, target.created)) return true;
    const version = flowVersionBefore(object?.api);
    failures.set(
      target.step,
      `left as it is: this run created the flow, and it changed since (${differences(
        target.type,
        current,
        target.created,
        'the run left',
      )})${version === null ? '' : `; version ${version.version} is published now`}: deleting it would lose that work; delete it by hand in Architect if it should go`,
    );
    return false;
  });
}

/**
 * An update cut off between its calls (a queue's fields written, its wrap-up codes not yet) leaves
 * every field as before or as the step meant: undoing it only puts back what this run set. A field
 * with a third value is someone else's, and then the object is not touched. Creates get no such
 * leeway: a part of what the step meant could be an object someone else made under the same name.
 */
function partlyUpdated(current: JsonObject | null, before: JsonObject | null, after: JsonObject | null) {
  if (current === null || before === null || after === null) return false;
  const fields = new Set([...Object.keys(current), ...Object.keys(before), ...Object.keys(after)]);
  return [...fields].every((field) => {
    const now = stableStringify(current[field] ?? null);
    return now === stableStringify(before[field] ?? null) || now === stableStringify(after[field] ?? null);
  });
}

/** A reply that proves the call was not carried out: a 4xx (a 429 too, after its waits). */
function refusedByTarget(error: unknown): boolean {
  return (
    error instanceof GenesysApiError && error.status !== null && error.status >= 400 && error.status < 500
  );
}

/** What a step must do to move an object from `current` to `desired`. */
export function convergeAction(
  type: ObjectTypeId,
  current: JsonObject | null,
  desired: JsonObject | null,
): StepAction {
  if (sameCanonical(type, current, desired)) return 'noop';
  if (current === null) return 'create';
  if (desired === null) return 'delete';
  return 'update';
}

/**
 * The writing steps of a plan as work items, with their before-states from `live`. `stepOf` names
 * the step in the journal: its own index, or for an undo the index of the step it undoes.
 */
export function workItems(
  steps: readonly PlanStep[],
  live: LiveTarget,
  stepOf: (step: PlanStep) => number,
): WorkItem[] {
  return steps.filter(isWriteStep).map((step) => {
    const type = getObjectType(step.type).id;
    return {
      step: stepOf(step),
      action: step.action,
      type,
      key: step.key,
      before: live.object(type, step.key) ?? null,
      desired: step.expected as JsonObject | null,
      calls: step.calls,
      level: step.level,
    };
  });
}

export function isWriteStep(step: PlanStep): boolean {
  return step.action === 'create' || step.action === 'update' || step.action === 'delete';
}

export interface VerifyTarget {
  step: number;
  type: ObjectTypeId;
  key: string;
  expected: JsonObject | null;
  /** The id to look under; null means the registry's id (or a list when it has none). */
  id: string | null;
}

/** Reads each object back and compares it with what it should be. */
export async function verifyObjects(
  runId: string,
  connector: Connector,
  targets: readonly VerifyTarget[],
  ids: IdRegistry,
  totals: (type: ObjectTypeId) => number,
  options: SessionOptions,
): Promise<{ checked: number; mismatches: VerifyMismatch[] }> {
  options.onProgress?.({
    runId,
    step: null,
    total: targets.length,
    done: 0,
    status: 'running',
    phase: 'verifying',
    type: null,
    key: null,
    message: `reading back ${targets.length} object${targets.length === 1 ? '' : 's'}`,
  });
  const found = await readBack(
    connector,
    targets.map((target) => ({
      type: target.type,
      key: target.key,
      id: target.id ?? ids.idOf(target.type, target.key) ?? null,
    })),
    ids,
    totals,
    { concurrency: options.concurrency, ...(options.signal ? { signal: options.signal } : {}) },
  );
  const mismatches: VerifyMismatch[] = [];
  for (const target of targets) {
    const actual = found.get(readBackKey(target.type, target.key))?.canonical ?? null;
    // A flow the run wrote must be live, not only imported: its export matching is not enough.
    const unpublished = target.expected !== null && awaitsPublish(target.type, actual);
    if (sameCanonical(target.type, actual, target.expected) && !unpublished) continue;
    const message = unpublished
      ? 'it holds the configuration but no version of it is published'
      : actual === null
        ? 'it is not in the target'
        : target.expected === null
          ? 'it is still in the target'
          : differences(target.type, actual, target.expected, 'expected');
    mismatches.push({ type: target.type, key: target.key, message });
  }
  return { checked: targets.length, mismatches };
}

export function errorCode(error: unknown): string {
  return error instanceof FerryError ? error.code : 'internal';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The first forward before-state of each step this run may have written: what the target held
 * before this run touched it. An attempt the target refused (`nothingApplied`) wrote nothing, so a
 * step all of whose attempts were refused is not here, and is never undone.
 */
export function firstBefores(
  journal: readonly JournalEntry[],
): Map<number, Extract<JournalEntry, { kind: 'step-started' }>> {
  const attempts = new Map<
    number,
    { entry: Extract<JournalEntry, { kind: 'step-started' }>; refused: boolean }[]
  >();
  for (const entry of journal) {
    if (entry.kind === 'step-started' && entry.phase === 'forward') {
      const list = attempts.get(entry.step) ?? [];
      list.push({ entry, refused: false });
      attempts.set(entry.step, list);
    } else if (entry.kind === 'step-failed' && entry.phase === 'forward' && entry.nothingApplied === true) {
      // A step's attempts run one after another, so a failure belongs to its latest start.
      const latest = attempts.get(entry.step)?.at(-1);
      if (latest !== undefined) latest.refused = true;
    }
  }
  const befores = new Map<number, Extract<JournalEntry, { kind: 'step-started' }>>();
  for (const [step, list] of attempts) {
    const first = list.find((attempt) => !attempt.refused);
    if (first !== undefined) befores.set(step, first.entry);
  }
  return befores;
}

/**
 * What rolling back an interrupted run may undo, from its journal: every step this run may have
 * written; one the journal does not show finished is `unconfirmed`, checked against the plan's
 * intended `after` before anything is put back.
 */
export function interruptedUndoTargets(journal: readonly JournalEntry[], plan: Plan): UndoTarget[] {
  const finished = new Set<number>();
  for (const entry of journal) {
    if (entry.kind === 'step-done' && entry.phase === 'forward') finished.add(entry.step);
  }
  return [...firstBefores(journal).values()].map((entry) => ({
    step: entry.step,
    type: getObjectType(entry.type).id,
    key: entry.key,
    before: entry.before.canonical as JsonObject | null,
    publishedVersion: flowVersionBefore(entry.before.api),
    ...(finished.has(entry.step) && entry.before.canonical === null ? createdBy(plan, entry.step) : {}),
    ...(finished.has(entry.step)
      ? {}
      : { unconfirmed: { after: (plan.steps[entry.step]?.expected ?? null) as JsonObject | null } }),
  }));
}

/** For a step that created its object and is done: what it left there (the plan's `after`). */
export function createdBy(plan: Plan, step: number): { created?: JsonObject } {
  const expected = plan.steps[step]?.expected;
  return isJsonObject(expected) ? { created: expected } : {};
}

export interface FinishInput {
  plan: Plan;
  runId: string;
  kind: RunKind;
  rollbackOf: string | null;
  startedAt: string;
  status: RunStatus;
  recovered: boolean;
  override: Override | null;
  steps: RunStepResult[];
  /** A failed step, or (step null) a failed post-promotion check. */
  failure: RunResult['failure'];
  verify: RunResult['verify'];
  /** The post-promotion checks' results (issue 20), when any ran. */
  checks?: RunResult['checks'];
  connector: Connector;
  /** Whether anything may have been written: only then is a fresh snapshot worth taking. */
  wrote: boolean;
  snapshot: boolean;
}

export interface FinishDeps {
  runs: RunStore;
  snapshots: SnapshotService;
  clock: () => Date;
  onCommitted?: () => void;
  onProgress?: (progress: PromotionProgress) => void;
}

/** Re-snapshots the target, writes `result.json` and commits the run folder. */
export async function finishRun(deps: FinishDeps, input: FinishInput): Promise<RunResult> {
  let snapshot: RunResult['snapshot'] = null;
  if (input.wrote && input.snapshot) {
    deps.onProgress?.({
      runId: input.runId,
      step: null,
      total: 0,
      done: 0,
      status: 'running',
      phase: 'snapshot',
      type: null,
      key: null,
      message: `taking a snapshot of ${input.plan.environment}`,
    });
    try {
      const taken = await deps.snapshots.run(input.plan.environment);
      snapshot = { commit: taken.commit, message: taken.message, error: null };
    } catch (error) {
      snapshot = { commit: null, message: '', error: errorMessage(error) };
    }
  }
  const message = runMessage(input);
  const notes = currentLockNotes();
  const result: RunResult = {
    formatVersion: 1,
    runId: input.runId,
    kind: input.kind,
    rollbackOf: input.rollbackOf,
    changesetId: input.plan.changesetId,
    changesetDigest: input.plan.changesetDigest,
    environment: input.plan.environment,
    tier: input.plan.tier,
    startedAt: input.startedAt,
    finishedAt: deps.clock().toISOString(),
    status: input.status,
    recovered: input.recovered,
    message,
    override: input.override,
    gates: input.plan.gates,
    steps: input.steps,
    failure: input.failure,
    verify: input.verify,
    snapshot,
    ...(input.checks === undefined ? {} : { checks: input.checks }),
    requests: input.connector.stats.requests,
    rateLimitWaits: input.connector.stats.rateLimitWaits,
    ...(notes.length > 0 ? { notes: [...notes] } : {}),
  };
  await deps.runs.writeResult(input.runId, result);
  const commit = await deps.runs.commit(input.runId, commitMessage(message, result));
  deps.onCommitted?.();
  const status =
    input.status === 'succeeded' ? 'done' : input.status === 'rolled-back' ? 'rolled-back' : 'failed';
  deps.onProgress?.({
    runId: input.runId,
    step: null,
    total: input.steps.length,
    done: input.steps.filter((step) => step.status === 'done').length,
    status,
    phase: 'finished',
    type: null,
    key: null,
    message,
  });
  return { ...result, commit };
}

/** `promote video-support to uat: 12 steps, verified` and the like. */
function runMessage(input: FinishInput): string {
  const head =
    input.kind === 'rollback'
      ? `roll back run ${input.rollbackOf ?? ''} on ${input.plan.environment}`
      : `promote ${input.plan.changesetId} to ${input.plan.environment}`;
  const written = input.steps.filter(
    (step) => step.action === 'create' || step.action === 'update' || step.action === 'delete',
  );
  const count = (status: string) => input.steps.filter((step) => step.status === status).length;
  const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;
  const recovered = input.recovered ? ' after an interruption' : '';
  const failed =
    input.failure === null
      ? ''
      : input.failure.step === null
        ? ' a post-promotion check'
        : ` at step ${input.failure.step + 1}`;
  const checks = checksSummary(input.checks);
  switch (input.status) {
    case 'succeeded':
      return `${head}: ${steps(written.length)}, verified${checks}${recovered}`;
    case 'verify-failed':
      return `${head}: ${steps(written.length)}, verify failed (${input.verify?.mismatches.length ?? 0} differ)${recovered}`;
    case 'stopped':
      return `${head}: failed${failed}, stopped with ${steps(count('done'))} done${recovered}`;
    case 'rolled-back':
      if (input.failure?.step === null && input.checks !== undefined) {
        return `${head}: ${steps(written.length)}, verified, ${failedChecks(input.checks)} post-promotion checks failed, ${steps(count('rolled-back'))} rolled back${recovered}`;
      }
      return `${head}: ${input.failure === null ? 'rolled back' : `failed${failed}`}, ${steps(count('rolled-back'))} rolled back${recovered}`;
    case 'rollback-failed':
      return `${head}: failed${failed}, rollback incomplete (${steps(count('rollback-failed'))} not restored)${recovered}`;
    case 'checks-failed':
      return `${head}: ${steps(written.length)}, verified, post-promotion checks failed (${failedChecks(input.checks)}; stopped, the writes remain)${recovered}`;
  }
}

/** `, 3 checks passed` after a run's summary; nothing when none ran. */
function checksSummary(checks: RunResult['checks']): string {
  if (checks === undefined || checks.length === 0) return '';
  const failed = checks.filter((check) => !check.passed).length;
  const count = `${checks.length} check${checks.length === 1 ? '' : 's'}`;
  return failed === 0 ? `, ${count} passed` : `, ${failed} of ${count} failed`;
}

function failedChecks(checks: RunResult['checks']): string {
  const failed = (checks ?? []).filter((check) => !check.passed).length;
  return `${failed} of ${(checks ?? []).length}`;
}

function commitMessage(message: string, result: RunResult): string {
  const lines = [
    message,
    '',
    `run ${result.runId}`,
    `changeset ${result.changesetId} (${result.changesetDigest})`,
  ];
  if (result.override !== null)
    lines.push(
      `override: ${result.override.reason}${result.override.by ? ` (by ${result.override.by})` : ''}`,
    );
  if (result.failure !== null) lines.push(`failure: ${result.failure.message}`);
  for (const note of result.notes ?? []) lines.push(`note: ${note}`);
  for (const check of result.checks ?? []) {
    lines.push(
      `check ${check.passed ? 'passed' : check.error ? 'could not be made' : 'failed'}: ${check.title}: ${check.message}`,
    );
  }
  for (const mismatch of result.verify?.mismatches.slice(0, 20) ?? []) {
    lines.push(`differs: ${mismatch.type} ${JSON.stringify(mismatch.key)}: ${mismatch.message}`);
  }
  return lines.join('\n');
}

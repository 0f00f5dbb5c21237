import { blockingClientCheckouts, namingCheckoutEnvironment } from './flow-checkout';
import { FerryError } from '../../../shared/api/api-error';
import { objectKeyInWords } from '../../../shared/flows/object-key-words';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import { distinctReferrers, indexReferrers, objectId } from '../../../shared/changeset/object-references';
import { validateChangeset } from '../../../shared/changeset/validate-changeset';
import { changesetDigest } from '../../../shared/model/changeset-digest';
import { changesetSchema, type Changeset } from '../../../shared/model/changeset';
import type { JsonObject, JsonValue } from '../../../shared/model/canonical/json-value';
import type { ObjectTypeId } from '../../../shared/model/object-types/object-type-definition';
import { getObjectType } from '../../../shared/model/object-types/registry';
import {
  gateResultSchema,
  planSchema,
  stepActionSchema,
  type GateResult,
  type Plan,
  type PlanStep,
  type StepAction,
} from '../../../shared/model/plan';
import { idPlaceholder } from '../../../shared/promotion/engine/id-placeholder';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';
import { uniqueValueClashes } from '../../../shared/promotion/engine/unique-values';
import { operationOutcome } from '../../../shared/promotion/engine/operation-outcome';
import { planFingerprint } from '../../../shared/promotion/engine/plan-fingerprint';
import { orderSteps } from '../../../shared/promotion/engine/step-order';
import type { ObjectState } from '../../../shared/changeset/object-state';
import type { EnvironmentService } from '../environments/environment-service';
import { readTarget, typesToRead, type LiveTarget } from './target-reader';
import { resolveUnmanagedReferences } from '../references/reference-resolution';
import type { EnvironmentValues } from '../../../shared/parameters/parameters-file';
import { parametersUsedBy } from '../../../shared/parameters/parameters-used';
import {
  resolveChangesetValues,
  type ParameterProblem,
  type ResolvedChangeset,
} from '../../../shared/parameters/resolve-values';

export interface PlanOptions {
  /** Gate results computed by the caller (policy evaluation); the engine only records them. */
  gates?: GateResult[];
  signal?: AbortSignal;
  /**
   * Issue 20: read the types that may refer to every type the changeset touches, not only to
   * what it deletes, so the risk rules count what depends on the change in the live target.
   */
  readDependents?: boolean;
  /**
   * Issue 20: judges the plan on the very read it was made from (the live target, what each
   * operation will do) before it is finished: risk, requirement, standard change and the gates
   * go into the plan, signed with the run. Replaces `gates` when given.
   */
  judge?: (target: PlannedTarget) => Promise<PlanJudgement>;
}

/** What the planner read and decided, for the caller's judgement of the plan (issue 20). */
export interface PlannedTarget {
  /** The changeset's operations as they land in the target (parameters and mappings resolved). */
  operations: Changeset['operations'];
  /** The live read of the target the plan was made from, canonical. */
  state: ObjectState;
  /** What the plan does for each operation, by operation index (a `noop` is no change). */
  actions: ReadonlyMap<number, StepAction>;
}

/** What a judge adds to a plan: its gates and, from issue 20, its risk and what that requires. */
export type PlanJudgement = Pick<Plan, 'gates'> &
  Partial<Pick<Plan, 'risk' | 'requirement' | 'standardChange'>>;

/** The target's parameters and mappings, and the secret values this machine can reveal for it. */
export type TargetValues = (
  environment: string,
  needed: readonly string[],
) => Promise<{ values: EnvironmentValues; secrets: ReadonlySet<string> }>;

/** An engine without a workspace's parameters: every parameter a changeset uses is missing. */
export const noTargetValues: TargetValues = async (environment) => ({
  values: { environment, parameters: new Map(), mappings: new Map() },
  secrets: new Set(),
});

/** One step before it has its place in the order. */
export interface StepDraft {
  operation: number;
  action: StepAction;
  type: ObjectTypeId;
  key: string;
  id: string | null;
  reason?: string;
  current: JsonObject | null;
  expected: JsonObject | null;
  /** The live object's `version`, for versioned PUTs. */
  version?: JsonValue;
}

/**
 * Changeset × live target → plan (DESIGN §5). Reads only the types the changeset touches and the
 * types they refer to (and, for deletes, or for every touched type when `readDependents`, the
 * types that may refer to them), never the whole org.
 */
export async function planChangeset(
  environments: EnvironmentService,
  input: Changeset,
  environment: string,
  now: Date,
  options: PlanOptions = {},
  targetValues: TargetValues = noTargetValues,
): Promise<Plan> {
  const resolved = await resolveForTarget(parseChangeset(input), environment, targetValues);
  const changeset = resolved.changeset;
  const gates = (options.gates ?? []).map((gate) => gateResultSchema.parse(gate));
  const config = await environments.get(environment);
  const connector = await environments.connector(environment);
  const operations = changeset.operations;
  const required = changeset.requires ?? [];
  const types = typesToRead(
    [...operations.map((operation) => operation.type), ...required.map((item) => item.type)],
    operations.filter((operation) => operation.op === 'delete').map((operation) => operation.type),
    options.readDependents ? operations.map((operation) => operation.type) : [],
  );
  const live = await readTarget(connector, types, options.signal);

  const created = new Set(
    operations
      .filter((operation) => operation.op === 'create')
      .map((operation) => objectId(operation.type, operation.key)),
  );
  const missing = required.filter(
    (item) =>
      live.object(item.type as ObjectTypeId, item.key) === undefined &&
      !created.has(objectId(item.type, item.key)),
  );
  const firstMissing = missing[0];
  if (firstMissing !== undefined) {
    throw new FerryError(
      'conflict',
      `${getObjectType(firstMissing.type).label} "${objectKeyInWords(firstMissing.type, firstMissing.key)}" must already exist in ${environment} (the changeset requires it), and it does not${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}`,
      { missing },
    );
  }

  const drafts: StepDraft[] = operations.map((operation, index) => {
    const type = getObjectType(operation.type).id;
    const object = live.object(type, operation.key);
    const outcome = operationOutcome(operation, type, object?.canonical ?? null);
    return {
      operation: index,
      action: outcome.action,
      type,
      key: operation.key,
      id: object?.id ?? null,
      ...('reason' in outcome ? { reason: outcome.reason } : {}),
      current: object?.canonical ?? null,
      expected: outcome.expected,
      ...(object?.api.version === undefined ? {} : { version: object.api.version as JsonValue }),
    };
  });
  await resolveUnmanagedReferences(connector, live.ids, drafts, options.signal);
  const steps = blockingClientCheckouts(
    namingCheckoutEnvironment(buildSteps(drafts, live, environment), environment),
    (step) => live.object(getObjectType(step.type).id, step.key)?.api,
    environment,
  );
  const judged =
    options.judge === undefined
      ? { gates }
      : await options.judge({
          operations,
          state: live.state(),
          actions: new Map(steps.map((step) => [step.operation, step.action])),
        });
  return finishPlan({
    changesetId: resolved.original.id,
    changesetDigest: changesetDigest(resolved.original),
    environment,
    tier: config.tier,
    createdAt: now.toISOString(),
    steps,
    ...judged,
    ...(resolved.sources.length === 0 ? {} : { values: resolved.sources }),
    ...(resolved.secrets.length === 0 ? {} : { secrets: [...resolved.secrets] }),
  });
}

/**
 * The changeset as it lands in `environment`: parameters and mappings resolved (issue 15). What
 * cannot be resolved stops the plan, naming every parameter, the environment and the operations;
 * a value that does not fit its field is a validation error naming the parameter.
 */
async function resolveForTarget(
  changeset: Changeset,
  environment: string,
  targetValues: TargetValues,
): Promise<ResolvedChangeset & { original: Changeset }> {
  const { values, secrets } = await targetValues(environment, parametersUsedBy(changeset));
  const resolved = resolveChangesetValues(changeset, values, secrets);
  if (resolved.problems.length > 0) {
    const names = [...new Set(resolved.problems.map((problem) => problem.parameter))];
    const first = resolved.problems[0] as ParameterProblem;
    throw new FerryError(
      'parameter.unresolved',
      `The plan to ${environment} stops: ${first.message}${resolved.problems.length > 1 ? ` (parameters needed and not resolved: ${names.join(', ')})` : ''}`,
      { environment, parameters: names, problems: resolved.problems },
    );
  }
  if (resolved.sources.length > 0) {
    const errors = validateChangeset(resolved.changeset, null).findings.filter(
      (finding) => finding.severity === 'error',
    );
    const first = errors[0];
    if (first !== undefined) {
      const source = resolved.sources.find(
        (item) =>
          first.path === item.at ||
          first.path.startsWith(`${item.at}.`) ||
          first.path.startsWith(`${item.at}[`),
      );
      const because =
        source === undefined
          ? ''
          : source.kind === 'parameter'
            ? ` (the value comes from parameter ${source.parameter} of ${environment}, a ${source.type}: set one that fits with \`ferry param set ${environment} ${source.parameter} <value>\`)`
            : ` (the name comes from ${environment}'s mapping of "${source.from}" to "${source.to}")`;
      throw new FerryError(
        'changeset.invalid',
        `The changeset cannot be promoted to ${environment}: ${first.message}${because}${errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : ''}`,
        { findings: errors },
      );
    }
  }
  return { ...resolved, original: changeset };
}

function parseChangeset(input: unknown): Changeset {
  const parsed = changesetSchema.safeParse(input);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new FerryError('changeset.invalid', `The changeset is not valid: ${describeIssues(issues)}`, {
      issues,
    });
  }
  const changeset = parsed.data;
  const errors = validateChangeset(changeset, null).findings.filter(
    (finding) => finding.severity === 'error',
  );
  const first = errors[0];
  if (first !== undefined) {
    throw new FerryError(
      'changeset.invalid',
      `The changeset cannot be promoted: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : ''}`,
      { findings: errors },
    );
  }
  return changeset;
}

/**
 * Gives each draft its calls, blocks what cannot be done, and puts the steps in order. Shared by
 * promotion plans and rollback plans, which differ only in where their drafts come from.
 */
export function buildSteps(
  drafts: readonly StepDraft[],
  live: LiveTarget,
  /** The target's name, for blocked steps' reasons ("which uat does not have"). */
  environment?: string,
): PlanStep[] {
  const creating = new Set(
    drafts.filter((draft) => draft.action === 'create').map((draft) => objectId(draft.type, draft.key)),
  );
  const resolveId = (type: string, key: string) =>
    live.ids.idOf(type, key) ?? (creating.has(objectId(type, key)) ? idPlaceholder(type, key) : undefined);

  const withCalls = drafts.map((draft) => {
    if (draft.action !== 'create' && draft.action !== 'update' && draft.action !== 'delete') {
      return { ...draft, calls: [] as PlanStep['calls'] };
    }
    const outcome = objectCalls({
      type: draft.type,
      key: draft.key,
      id: draft.id,
      current: draft.current,
      desired: draft.expected,
      version: draft.version,
      resolveId,
      ambiguous: (type, name) => live.ids.isAmbiguous(type, name),
      ...(environment === undefined ? {} : { environment }),
    });
    if (outcome.kind === 'blocked')
      return { ...draft, action: 'blocked' as const, reason: outcome.reason, calls: [] };
    if (outcome.calls.length === 0) {
      return {
        ...draft,
        action: 'noop' as const,
        reason: 'the target already holds what the step writes',
        calls: [],
      };
    }
    return { ...draft, calls: outcome.calls };
  });

  blockStillReferenced(withCalls, live);
  blockUniqueValueClashes(withCalls, live);

  const order = orderSteps(withCalls);
  for (const position of order.cyclic) {
    const draft = withCalls[position];
    if (draft === undefined || !isWrite(draft.action)) continue;
    Object.assign(draft, {
      action: 'blocked',
      reason: 'it and other steps wait on each other in a cycle of references',
      calls: [],
    });
  }
  return order.order.map((position, index) => {
    const draft = withCalls[position] as (typeof withCalls)[number];
    return {
      index,
      operation: draft.operation,
      action: draft.action,
      type: draft.type,
      key: draft.key,
      id: draft.id,
      level: order.levels[position] as number,
      ...(draft.reason === undefined ? {} : { reason: draft.reason }),
      calls: draft.calls,
      current: draft.current,
      expected: draft.expected,
    };
  });
}

/** A step before it is final: the checks below may still turn it into a blocked one. */
interface BlockableDraft {
  action: StepAction;
  type: ObjectTypeId;
  key: string;
  expected: JsonObject | null;
  reason?: string;
  calls: unknown[];
}

/**
 * The target as it would be once every step that is to run has run: the live objects with each
 * draft's expected value written over them (or removed, for a delete). Conflicts and blocked
 * steps do not run, so they change nothing.
 */
function stateAfterDrafts(drafts: readonly BlockableDraft[], live: LiveTarget) {
  const state = new Map([...live.state()].map(([type, objects]) => [type, new Map(objects)]));
  for (const draft of drafts) {
    if (draft.action === 'conflict' || draft.action === 'blocked') continue;
    const objects = state.get(draft.type) ?? new Map<string, JsonObject>();
    state.set(draft.type, objects);
    if (draft.expected === null) objects.delete(draft.key);
    else objects.set(draft.key, draft.expected);
  }
  return state;
}

/**
 * A delete while something outside the plan still refers to the object would leave Genesys to
 * clear that reference on its own (a deleted wrap-up code vanishes from every queue), a change no
 * journal records and no rollback restores. Such a delete is blocked.
 */
function blockStillReferenced(drafts: BlockableDraft[], live: LiveTarget): void {
  const deletes = drafts.filter((draft) => draft.action === 'delete');
  if (deletes.length === 0) return;
  const state = stateAfterDrafts(drafts, live);
  const referrers = indexReferrers(state);
  for (const draft of deletes) {
    const found = distinctReferrers(referrers.get(objectId(draft.type, draft.key)) ?? []).filter(
      (referrer) => referrer.type !== draft.type || referrer.key !== draft.key,
    );
    if (found.length === 0) continue;
    const shown = found
      .slice(0, 3)
      .map(
        (referrer) => `${getObjectType(referrer.type).label.toLowerCase()} ${JSON.stringify(referrer.key)}`,
      );
    const more = found.length - shown.length;
    Object.assign(draft, {
      action: 'blocked',
      reason: `${found.length} object${found.length === 1 ? '' : 's'} would still refer to it (${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}); remove those references in the same changeset first`,
      calls: [],
    });
  }
}

/**
 * A write that would leave a value two objects may not share (a DNIS number on two IVRs) held
 * twice in the target, once every step has run, is blocked: the target would refuse it part-way
 * through the run, or worse, take the number from the IVR that answers it today.
 */
function blockUniqueValueClashes(drafts: BlockableDraft[], live: LiveTarget): void {
  const writes = drafts.filter(
    (draft) =>
      (draft.action === 'create' || draft.action === 'update') &&
      (getObjectType(draft.type).uniqueValues ?? []).length > 0,
  );
  if (writes.length === 0) return;
  const state = stateAfterDrafts(drafts, live);
  for (const draft of writes) {
    const type = getObjectType(draft.type);
    const clashes = uniqueValueClashes(type, draft.key, state.get(draft.type) ?? new Map());
    if (clashes.length === 0) continue;
    const shown = clashes
      .slice(0, 3)
      .map(
        (clash) =>
          `${clash.value} (${clash.path.replace('[]', '')}) is held by ${type.label} ${JSON.stringify(clash.otherKey)}`,
      );
    const more = clashes.length - shown.length;
    Object.assign(draft, {
      action: 'blocked',
      reason: `${shown.join('; ')}${more > 0 ? ` and ${more} more` : ''}, and no two ${type.pluralLabel.toLowerCase()} may share one in an org; take it off the other one in the same changeset, or use another value`,
      calls: [],
    });
  }
}

function isWrite(action: StepAction): boolean {
  return action === 'create' || action === 'update' || action === 'delete';
}

/** Fingerprint, summary and schema check: a plan leaves here only in the shape the executor reads. */
export function finishPlan(parts: Omit<Plan, 'formatVersion' | 'fingerprint' | 'summary'>): Plan {
  const summary = Object.fromEntries(
    stepActionSchema.options.map((action) => [action, 0]),
  ) as Plan['summary'];
  for (const step of parts.steps) summary[step.action] += 1;
  return planSchema.parse({
    formatVersion: 1,
    ...parts,
    fingerprint: planFingerprint(parts.steps),
    summary,
  });
}

import { isJsonObject } from '../../../shared/model/canonical/json-value';
import type { PlanStep } from '../../../shared/model/plan';
import {
  parsePublishPath,
  publishedVersionOf,
  republishCalls,
} from '../../../shared/promotion/engine/flow-calls';

/**
 * Rolling a flow back republishes the version that was live before the run, rather than
 * importing the old configuration as a new version: the old version is still in the org, exactly
 * as it was, and republishing it writes nothing new. Which version that was comes from the
 * journal: each step's `step-started` entry records the object as the API answered it just
 * before the write (`before.api`), with its `publishedVersion`.
 */

/** The version id a flow's API object (as the journal recorded it) had published, or null. */
export function publishedBefore(api: unknown): string | null {
  return isJsonObject(api) ? publishedVersionOf(api) : null;
}

/** The version a flow had published before the run, and the id of the flow it is a version of. */
export interface FlowVersionBefore {
  flow: string;
  version: string;
}

/** The flow id and published version of a flow's API object as the journal recorded it, or null. */
export function flowVersionBefore(api: unknown): FlowVersionBefore | null {
  if (!isJsonObject(api) || typeof api.id !== 'string') return null;
  const version = publishedVersionOf(api);
  return version === null ? null : { flow: api.id, version };
}

/**
 * The steps with each flow update turned into a republish of the version `beforeOf(step)` names.
 * A version id is a version of one flow: it is republished only on the flow the journal recorded.
 * When the name now names another flow (deleted and made again since the write, a new id whose own
 * "1.0" holds other content), or the flow had no published version, the step keeps its planned
 * calls: the old configuration imported back. A flow the run created is deleted, as planned; any
 * other type is left as it is. Every undo (a finished run's rollback, a failed run's undo, an
 * interrupted run's) goes through here, so the rule is in one place.
 */
export function withFlowRepublish(
  steps: readonly PlanStep[],
  beforeOf: (step: PlanStep) => FlowVersionBefore | null | undefined,
): PlanStep[] {
  return steps.map((step) => {
    if (step.type !== 'architect.flow' || step.action !== 'update' || step.id === null) return step;
    const before = beforeOf(step);
    const version = before?.flow === step.id ? before.version : null;
    const calls = version === null ? null : republishCalls(step.id, { publishedVersion: { id: version } });
    return calls === null ? step : { ...step, calls };
  });
}

/**
 * Whether a planned step is a flow's republish of a version, for the flow `id` the target holds
 * now: its call was made from the journal, not from the changeset, so it is checked as such.
 */
export function isRepublishOf(step: PlanStep, id: string | null): boolean {
  if (step.type !== 'architect.flow' || step.action !== 'update' || id === null) return false;
  const [only, ...rest] = step.calls;
  if (only === undefined || rest.length > 0 || only.method !== 'POST') return false;
  const publish = parsePublishPath(only.path);
  return publish !== null && publish.version !== null && publish.flow === id && step.id === id;
}

import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { PlanStep } from '../../../shared/model/plan';
import { checkedOutReason, clientLockHolder, lockedBy } from '../../../shared/promotion/engine/flow-calls';

/**
 * A flow checked out in the target blocks its step at plan time (flow-calls.ts). The calls are
 * planned without knowing the environment's name; the plan says it, so a person reads "checked
 * out by Ana Ortiz in uat" and knows whom to ask where.
 */
export function namingCheckoutEnvironment(steps: readonly PlanStep[], environment: string): PlanStep[] {
  return steps.map((step) => {
    if (step.type !== 'architect.flow' || step.action !== 'blocked') return step;
    // `current` is the target's canonical object, as read for this plan.
    const holder = lockedBy(step.current as JsonObject | null);
    if (holder === null || !(step.reason ?? '').startsWith(checkedOutReason(holder, undefined))) return step;
    return { ...step, reason: checkedOutReason(holder, environment) };
  });
}

/**
 * A flow checked out through the API with client credentials (Archy, CX as Code, a script calling
 * `POST /api/v2/flows/actions/checkout`) shows `lockedClient` and no `lockedUser`: someone holds it
 * all the same, and an import would go over their checkout (Genesys lets the same client import,
 * and checks the flow in). Ferry itself never checks a flow out, so such a step is blocked, naming
 * the client as the API gives it. `apiOf` is the target's API object as read for this plan.
 */
export function blockingClientCheckouts(
  steps: readonly PlanStep[],
  apiOf: (step: PlanStep) => Record<string, unknown> | undefined,
  environment: string,
): PlanStep[] {
  return steps.map((step) => {
    const writes = step.action === 'create' || step.action === 'update' || step.action === 'delete';
    if (step.type !== 'architect.flow' || !writes) return step;
    const client = clientLockHolder(apiOf(step)?.lockedClient);
    if (client === null) return step;
    return { ...step, action: 'blocked', reason: checkedOutReason(client, environment), calls: [] };
  });
}

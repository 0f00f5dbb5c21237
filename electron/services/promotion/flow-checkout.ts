import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { PlanStep } from '../../../shared/model/plan';
import { checkedOutReason, lockedBy } from '../../../shared/promotion/engine/flow-calls';

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

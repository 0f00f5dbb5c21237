/**
 * Signing an environment's tier and policy into the next root version (`ferry policy set`): the
 * only way a policy takes effect once the workspace has a root. Apart because it is the policy
 * side of the root, with its own defaults (the tier signed before, else the one ferry.json
 * declares, else prod) and its own audit action.
 */
import type { Tier } from '../../../../shared/model/environment';
import { parseEnvironmentPolicy, type EnvironmentPolicy } from '../../../../shared/promotion/policy';
import { policySummary } from '../../../../shared/trust/policy-summary';
import { declaredTier } from './declared-environments';
import { initIfNone, proposeChange } from './propose-version';
import type { ProposeResult, TrustContext } from './trust-types';

/** Signs a tier and policy for an environment into the next version. */
export async function setEnvironmentPolicy(
  context: TrustContext,
  environment: string,
  input: { tier?: Tier; policy: unknown },
): Promise<ProposeResult & { policy: EnvironmentPolicy }> {
  const policy = parseEnvironmentPolicy(input.policy, `environment "${environment}"`);
  const declared = await declaredTier(context, environment);
  await initIfNone(context, null);
  const result = await proposeChange(
    context,
    (root) => {
      const tier = input.tier ?? root.environments[environment]?.tier ?? declared ?? 'prod';
      return {
        environments: { ...root.environments, [environment]: { tier, policy } },
        summary: `policy of ${environment} (tier ${tier}): ${policySummary(policy)}`,
      };
    },
    'policy-propose',
  );
  return { ...result, policy };
}

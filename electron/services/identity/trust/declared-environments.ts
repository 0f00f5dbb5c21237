/**
 * The tiers and policies ferry.json declares, read only at the two moments they may count: when
 * the first admin creates the root (which adopts them by signing) and as the default tier when a
 * policy is signed without one. Apart because hand edits of ferry.json otherwise decide nothing,
 * and this file is where that boundary is kept.
 */
import type { Tier } from '../../../../shared/model/environment';
import { parseEnvironmentPolicy } from '../../../../shared/promotion/policy';
import type { TrustRootDocument } from '../../../../shared/trust/trust-root';
import type { TrustContext } from './trust-types';

/** Each environment ferry.json names with a known tier, with its policy parsed strictly. */
export async function declaredEnvironments(
  context: TrustContext,
): Promise<TrustRootDocument['environments']> {
  const config = await context.workspace.readConfig();
  const environments: TrustRootDocument['environments'] = {};
  for (const entry of config.environments) {
    const name = typeof entry.name === 'string' ? entry.name : null;
    const tier = entry.tier === 'dev' || entry.tier === 'test' || entry.tier === 'prod' ? entry.tier : null;
    if (name === null || tier === null) continue;
    const raw = entry.policy ?? config.policies[name];
    environments[name] = {
      tier,
      policy: parseEnvironmentPolicy(raw, `environment "${name}" in ferry.json`),
    };
  }
  return environments;
}

export async function declaredTier(context: TrustContext, environment: string): Promise<Tier | null> {
  return (await declaredEnvironments(context))[environment]?.tier ?? null;
}

import { FerryError } from '../../../shared/api/api-error';
import type { Tier } from '../../../shared/model/environment';
import { parseEnvironmentPolicy, type EnvironmentPolicy } from '../../../shared/promotion/policy';
import type { EnvironmentService } from '../environments/environment-service';
import type { TrustStore } from '../identity/trust-store';

export interface PolicyServiceDeps {
  environments: EnvironmentService;
  trust: TrustStore;
}

/**
 * An environment's promotion policy: read from the signed trust root (or its secure default) and
 * changed only by signing a new root version. The desktop app and the CLI both come here, so the
 * checks (the environment exists, the policy is well formed, where a bad one came from) are made
 * once.
 */
export class PolicyService {
  constructor(private readonly deps: PolicyServiceDeps) {}

  /** The policy and tier that govern `environment`, and why (signed, or the secure default). */
  async effective(environment: string) {
    await this.deps.environments.get(environment);
    return this.deps.trust.policy(environment);
  }

  /**
   * Signs the policy into the next trust root version. With co-admins to sign it first, the
   * version is only proposed; the result says which. `source` names where the policy came from
   * (a file) so that a person is told where the mistake is.
   */
  async propose(environment: string, input: { policy: unknown; tier?: Tier; source?: string }) {
    await this.deps.environments.get(environment);
    if (input.source !== undefined) parseEnvironmentPolicy(input.policy, input.source);
    return this.deps.trust.setPolicy(environment, {
      policy: input.policy,
      ...(input.tier !== undefined ? { tier: input.tier } : {}),
    });
  }

  /** Saves the policy now, or says that it waits for co-admins' signatures (it stays proposed). */
  async save(environment: string, policy: unknown): Promise<EnvironmentPolicy> {
    const result = await this.propose(environment, { policy });
    if (!result.applied) {
      throw new FerryError(
        'trust.proposal-pending',
        `The policy change is proposed as trust root version ${result.version}; it takes effect once ${result.needs ?? 'the other admins'} sign it (Trust page, or \`ferry trust sign ${result.version}\`)`,
        { version: result.version },
      );
    }
    return result.policy;
  }
}

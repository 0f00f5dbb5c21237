/**
 * How a new root version comes to be: the first one, made by the first admin (`trust init`), and
 * each later one, proposed by an admin as a change to the verified newest version. Both are signed
 * and stored by sign-and-store.ts. Apart because every change to trust (keys, threshold, policy)
 * is a proposal made here, under the same checks: the chain verifies, the proposer is an admin,
 * no other proposal is waiting, and the result is a valid root.
 */
import { FerryError } from '../../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../../shared/api/issues';
import { trustedKeySchema, type TrustRole, type TrustedKey } from '../../../../shared/model/trust';
import {
  TRUST_ROOT_TYPE,
  activeAdmins,
  trustRootDocumentSchema,
  type TrustRootDocument,
} from '../../../../shared/trust/trust-root';
import { declaredEnvironments } from './declared-environments';
import { declaredGovernance } from './declared-governance';
import { listProposals } from './proposal-list';
import { signAndStore } from './sign-and-store';
import type { ProposeResult, RootChange, TrustContext } from './trust-types';
import { readVersionFiles, verifiedRoot } from './verify-root';

/**
 * Makes version 1 with this machine's key as the only admin (threshold 1) and signs the tiers
 * and policies ferry.json declares now: the moment an admin adopts them, after which hand edits
 * of ferry.json no longer count.
 */
export async function initRoot(
  context: TrustContext,
  input: { ownRoles?: TrustRole[]; environments?: string[] } = {},
): Promise<ProposeResult> {
  const { workspace } = context;
  return workspace.writeLock.run(async () => {
    if ((await verifiedRoot(context)) !== null || (await readVersionFiles(context)).size > 0) {
      throw new FerryError(
        'trust.exists',
        'This workspace already has a trust root; change it with `ferry trust add`, `ferry trust revoke` or `ferry policy set`',
      );
    }
    const identity = await context.keys.requireIdentity();
    const roles = [
      ...new Set<TrustRole>(['admin', 'author', 'approver', 'promoter', ...(input.ownRoles ?? [])]),
    ];
    const own = trustedKeySchema.parse({
      keyId: identity.keyId,
      algorithm: 'ed25519',
      publicKey: identity.publicKey,
      owner: identity.owner,
      roles,
      environments: input.environments ?? [],
    });
    const environments = await declaredEnvironments(context);
    const governance = await declaredGovernance(context, Object.keys(environments));
    const adopted = [
      ...(governance.pipelines?.length
        ? [`pipelines ${governance.pipelines.map((pipeline) => pipeline.name).join(', ')}`]
        : []),
      ...(governance.standardChanges?.length
        ? [`standard changes ${governance.standardChanges.map((template) => template.id).join(', ')}`]
        : []),
    ];
    const document: TrustRootDocument = trustRootDocumentSchema.parse({
      _type: TRUST_ROOT_TYPE,
      version: 1,
      previous: null,
      createdAt: workspace.now().toISOString(),
      proposedBy: identity.keyId,
      summary:
        `trust root created by ${identity.owner}; adopts the policies of ${Object.keys(environments).join(', ') || 'no environments yet'}${adopted.map((item) => `, ${item}`).join('')}`.slice(
          0,
          500,
        ),
      adminThreshold: 1,
      keys: [own],
      environments,
      ...governance,
      auditHead: (await context.audit?.head(identity.keyId)) ?? null,
    });
    return signAndStore(context, null, document, null);
  });
}

/** Trust operations on a workspace with no root start it, with this machine's key as first admin. */
export async function initIfNone(
  context: TrustContext,
  ownGrant: TrustedKey | null,
): Promise<ProposeResult | null> {
  if ((await verifiedRoot(context)) !== null) return null;
  const identity = await context.keys.requireIdentity();
  const own = ownGrant?.keyId === identity.keyId ? ownGrant : null;
  return initRoot(context, {
    ...(own ? { ownRoles: own.roles, environments: own.environments } : {}),
  });
}

/** Proposes `change` to the verified newest version, signed by this machine's admin key. */
export async function proposeChange(
  context: TrustContext,
  change: RootChange,
  action = 'trust-propose',
): Promise<ProposeResult> {
  const { workspace } = context;
  return workspace.writeLock.run(async () => {
    const verified = await verifiedRoot(context);
    if (!verified) {
      throw new FerryError(
        'trust.none',
        'This workspace has no trust root yet; run `ferry trust init` to become its first admin',
      );
    }
    const identity = await context.keys.requireIdentity();
    const current = verified.current.document;
    if (!activeAdmins(current.keys).some((key) => key.keyId === identity.keyId)) {
      throw new FerryError(
        'trust.not-admin',
        `Only an admin of the trust root can propose a change, and your key (${identity.keyId.slice(0, 16)}) is not one. Ask an admin (${activeAdmins(
          current.keys,
        )
          .map((key) => key.owner)
          .join(', ')}) to make it.`,
      );
    }
    const waiting = (await listProposals(context, verified.current)).find((proposal) => proposal.applicable);
    if (waiting) {
      throw new FerryError(
        'trust.proposal-pending',
        `A change to the trust root is already waiting for signatures as version ${waiting.version} ("${waiting.summary}", needs ${waiting.needs}). Sign it first (\`ferry trust sign ${waiting.version}\`) or withdraw it (\`ferry trust withdraw ${waiting.version}\`), then propose this change.`,
        { version: waiting.version },
      );
    }
    const { summary, ...changes } = change(structuredClone(current));
    const candidate = trustRootDocumentSchema.safeParse({
      ...current,
      ...changes,
      version: current.version + 1,
      previous: verified.current.digest,
      createdAt: workspace.now().toISOString(),
      proposedBy: identity.keyId,
      summary,
      auditHead: (await context.audit?.head(identity.keyId)) ?? null,
    });
    if (!candidate.success) {
      const issues = toFieldIssues(candidate.error);
      throw new FerryError(
        'request.invalid',
        `That change would make an invalid trust root: ${describeIssues(issues)}`,
        {
          issues,
        },
      );
    }
    return signAndStore(context, verified.current, candidate.data, null, action);
  });
}

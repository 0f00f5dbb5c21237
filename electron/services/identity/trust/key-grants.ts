/**
 * The changes to who is trusted: granting a key (or changing its grant), revoking one for good,
 * and how many admins must sign each version. Each is a proposal (propose-version.ts) whose
 * checks are about keys: a revoked key stays revoked, an unchanged grant is no change, and the
 * admins left must still meet the threshold. Apart because these rules are the key model's,
 * whatever the proposal machinery around them.
 */
import { FerryError } from '../../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../../shared/api/issues';
import { trustedKeySchema, type TrustedKey } from '../../../../shared/model/trust';
import { activeAdmins } from '../../../../shared/trust/trust-root';
import { readEd25519PublicKey } from '../ed25519';
import { initIfNone, proposeChange } from './propose-version';
import type { ProposeResult, TrustContext, TrustKeyOptions } from './trust-types';

/** Trusts a public key (its id is computed here from the key itself) in the next root version. */
export async function addKey(
  context: TrustContext,
  publicKeyPem: string,
  options: TrustKeyOptions,
): Promise<ProposeResult & { key: TrustedKey }> {
  const publicKey = readEd25519PublicKey(publicKeyPem);
  const candidate = trustedKeySchema.safeParse({
    keyId: publicKey.keyId,
    algorithm: 'ed25519',
    publicKey: publicKey.pem,
    owner: options.owner,
    roles: options.roles,
    environments: options.environments ?? [],
    ...(options.notBefore !== undefined ? { notBefore: options.notBefore } : {}),
    ...(options.notAfter !== undefined ? { notAfter: options.notAfter } : {}),
    // Absent rather than empty, so a root signed before issue 20 re-signs byte for byte.
    ...(options.groups !== undefined && options.groups.length > 0 ? { groups: options.groups } : {}),
  });
  if (!candidate.success) {
    const issues = toFieldIssues(candidate.error);
    throw new FerryError('request.invalid', `The key cannot be trusted as given: ${describeIssues(issues)}`, {
      issues,
    });
  }
  const key = candidate.data;
  const started = await initIfNone(context, key);
  const own = started?.document.keys.find((entry) => entry.keyId === key.keyId);
  // A first admin adding her own key: version 1 already trusts it, with every role she asked for.
  if (started && own) return { ...started, key: own };
  const result = await proposeChange(context, (root) => {
    const existing = root.keys.find((entry) => entry.keyId === key.keyId);
    if (existing?.revokedAt !== undefined) {
      throw new FerryError(
        'trust.key-revoked',
        `Key ${key.keyId} (${existing.owner}) was revoked on ${existing.revokedAt} and cannot be trusted again; make a new key`,
        { keyId: key.keyId },
      );
    }
    if (existing && sameGrant(existing, key)) {
      throw new FerryError(
        'trust.key-exists',
        `Key ${key.keyId} is already trusted (owner "${existing.owner}", roles ${existing.roles.join(', ')})`,
        { keyId: key.keyId },
      );
    }
    const scope = key.environments.length > 0 ? key.environments.join(', ') : 'all environments';
    const groups =
      key.groups && key.groups.length > 0
        ? ` in group${key.groups.length === 1 ? '' : 's'} ${key.groups.join(', ')}`
        : '';
    if (existing?.roles.includes('admin') && !key.roles.includes('admin')) {
      const left = activeAdmins(root.keys).filter((entry) => entry.keyId !== key.keyId).length;
      if (left < root.adminThreshold) {
        throw new FerryError(
          'request.invalid',
          `That grant would take the admin role from ${existing.owner}, leaving ${left} admin${left === 1 ? '' : 's'} where ${root.adminThreshold} must sign every change. Include admin in the roles (--roles admin,${key.roles.join(',')}), or add another admin first.`,
          { keyId: key.keyId },
        );
      }
    }
    // Re-adding a key changes its grant (roles, environments, dates) in the next version.
    const keys = existing
      ? root.keys.map((entry) => (entry.keyId === key.keyId ? key : entry))
      : [...root.keys, key];
    return {
      keys,
      summary: `${existing ? 'change' : 'add'} ${key.owner} (${key.keyId.slice(0, 16)}) as ${key.roles.join(', ')} for ${scope}${groups}`,
    };
  });
  return { ...result, key };
}

/** Revocation is permanent and kept in the root (not a deletion), so old signatures stay explainable. */
export async function revokeKey(
  context: TrustContext,
  keyId: string,
  reason: string,
): Promise<ProposeResult & { key: TrustedKey }> {
  const why = reason.trim();
  if (why === '') throw new FerryError('request.invalid', 'A revocation needs a reason');
  const revokedAt = context.workspace.now().toISOString();
  const result = await proposeChange(context, (root) => {
    const existing = root.keys.find((entry) => entry.keyId === keyId);
    if (!existing) throw new FerryError('trust.key-not-found', `No trusted key ${keyId}`, { keyId });
    if (existing.revokedAt !== undefined) {
      throw new FerryError(
        'trust.key-revoked',
        `Key ${keyId} (${existing.owner}) was already revoked on ${existing.revokedAt}`,
        { keyId },
      );
    }
    const key: TrustedKey = { ...existing, revokedAt, revokedReason: why };
    return {
      keys: root.keys.map((entry) => (entry.keyId === keyId ? key : entry)),
      summary: `revoke ${existing.owner} (${keyId.slice(0, 16)}): ${why}`,
    };
  });
  const key = result.document.keys.find((entry) => entry.keyId === keyId);
  if (!key) throw new FerryError('internal', `Key ${keyId} vanished from the proposed trust root`);
  return { ...result, key };
}

/** How many admins must sign each later version. */
export async function setAdminThreshold(context: TrustContext, threshold: number): Promise<ProposeResult> {
  return proposeChange(context, (root) => ({
    adminThreshold: threshold,
    summary: `admin threshold ${root.adminThreshold} → ${threshold}`,
  }));
}

/** Whether two grants of one key say the same: same owner, roles, environments, groups and dates. */
function sameGrant(left: TrustedKey, right: TrustedKey): boolean {
  return (
    left.owner === right.owner &&
    [...left.roles].sort().join() === [...right.roles].sort().join() &&
    [...left.environments].sort().join() === [...right.environments].sort().join() &&
    [...(left.groups ?? [])].sort().join() === [...(right.groups ?? [])].sort().join() &&
    left.notBefore === right.notBefore &&
    left.notAfter === right.notAfter
  );
}

/**
 * Package verification, the standing of a key that signed: the role it is trusted in for the
 * package's targets, and whether it was valid both when it says it signed and now. Apart because
 * the author and every approver are held to it alike, once their signature is known to verify.
 */
import { roleRefusal } from '../../approvals/approval-checks';
import type { PackageCheck } from '../../model/package-wire';
import { keyValidity, type TrustedKey } from '../../model/trust';
import { fail, pass, who } from './check-result';

/** Whether a key could be believed both when it says it signed and now; a revocation counts whenever. */
export function validityCheck(name: string, key: TrustedKey, signedAt: string, now: Date): PackageCheck {
  const current = keyValidity(key, now);
  if (current.state === 'revoked') {
    return fail(name, `${who(key)} was revoked on ${current.at}: ${current.reason}`);
  }
  const then = keyValidity(key, new Date(signedAt));
  if (then.state === 'not-yet-valid') {
    return fail(name, `${who(key)} is not valid before ${then.from}, and it signed at ${signedAt}`);
  }
  if (then.state === 'expired') {
    return fail(name, `${who(key)} expired on ${then.at}, before it signed at ${signedAt}`);
  }
  if (current.state === 'expired') return fail(name, `${who(key)} expired on ${current.at}`);
  if (current.state === 'not-yet-valid') return fail(name, `${who(key)} is not valid before ${current.from}`);
  return pass(name, `${who(key)} was valid when it signed (${signedAt}) and is valid now`);
}

export function roleCheck(
  name: string,
  key: TrustedKey,
  role: 'author' | 'approver',
  targets: readonly string[],
): PackageCheck {
  const refusal = roleRefusal(key, role, targets);
  if (refusal?.kind === 'lacks-role') {
    return fail(name, `${who(key)} is trusted as ${key.roles.join(', ')}, not as ${role}`);
  }
  if (refusal?.kind === 'other-environments') {
    return fail(
      name,
      `${who(key)} may act as ${role} for ${key.environments.join(', ')} only, not for ${refusal.refused.join(', ')}`,
    );
  }
  const scope = key.environments.length === 0 ? 'every environment' : key.environments.join(', ');
  return pass(name, `${who(key)} holds the ${role} role for ${scope}`);
}

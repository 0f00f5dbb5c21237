import { environmentNameSchema } from '../../../../shared/model/environment';
import type { TrustRole } from '../../../../shared/model/trust';
import type { TrustedKeyWire, TrustStatusWire } from '../../../../shared/model/trust-wire';

/** What the Trust page shows and checks before it calls a channel; the services decide the rest. */

export const ROLES: readonly TrustRole[] = ['admin', 'author', 'approver', 'promoter'];

export const ROLE_HINTS: Readonly<Record<TrustRole, string>> = {
  admin: 'signs changes to the trust root and policy',
  author: 'signs changesets as their author',
  approver: 'signs approvals',
  promoter: 'signs promotion runs',
};

/** A refusal as the services gave it: the code to branch on, the message to show in full. */
export interface Refusal {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Refusals that mean "do not trust anything until this is fixed": shown as a banner of their own. */
export const BLOCKING_CODES: ReadonlySet<string> = new Set(['trust.unverified', 'run.unverified']);

export const REFUSAL_TITLES: Readonly<Record<string, string>> = {
  'trust.unverified': 'The trust root of this workspace does not verify',
  'run.unverified': 'This run does not verify',
  'environment.locked': 'Another promotion holds this environment',
  'gate.refused': 'A gate refused the promotion',
  'trust.not-admin': 'Only an admin can do this',
  'trust.proposal-pending': 'Another change is waiting for signatures',
};

export function refusalTitle(code: string): string {
  return REFUSAL_TITLES[code] ?? 'Refused';
}

/** The file a `trust.unverified` refusal names, and the commit that brought it, when it says. */
export function refusalOrigin(refusal: Refusal): { file: string | null; commit: string | null } {
  const file = refusal.details?.file;
  const commit = refusal.details?.commit;
  return {
    file: typeof file === 'string' ? file : null,
    commit: typeof commit === 'string' ? commit : null,
  };
}

export function shortKey(keyId: string): string {
  return keyId.slice(0, 16);
}

/** Owners of the key ids that signed a proposal, by the trusted keys (unknown ids stay short ids). */
export function signerNames(keyIds: readonly string[], keys: readonly TrustedKeyWire[]): string {
  if (keyIds.length === 0) return 'nobody yet';
  return keyIds.map((id) => keys.find((key) => key.keyId === id)?.owner ?? shortKey(id)).join(', ');
}

export function ownerOf(keyId: string, keys: readonly TrustedKeyWire[]): string {
  return keys.find((key) => key.keyId === keyId)?.owner ?? shortKey(keyId);
}

/** Whether a key may be believed now, in words, as the services judge it. */
export function validityText(key: TrustedKeyWire, now: Date): { state: string; text: string } {
  if (key.revokedAt !== undefined) {
    return {
      state: 'revoked',
      text: `revoked ${key.revokedAt.slice(0, 10)}: ${key.revokedReason ?? ''}`.trim(),
    };
  }
  if (key.notBefore !== undefined && now.getTime() < Date.parse(key.notBefore)) {
    return { state: 'not-yet-valid', text: `valid from ${key.notBefore.slice(0, 10)}` };
  }
  if (key.notAfter !== undefined && now.getTime() > Date.parse(key.notAfter)) {
    return { state: 'expired', text: `expired ${key.notAfter.slice(0, 10)}` };
  }
  return {
    state: 'valid',
    text: key.notAfter !== undefined ? `valid until ${key.notAfter.slice(0, 10)}` : 'valid',
  };
}

export function environmentsText(environments: readonly string[]): string {
  return environments.length === 0 ? 'all environments' : environments.join(', ');
}

/** True when this machine's key is an admin of the verified root. */
export function isAdmin(status: TrustStatusWire | null, keyId: string | null): boolean {
  return keyId !== null && (status?.admins.some((admin) => admin.keyId === keyId) ?? false);
}

export interface AddKeyDraft {
  publicKey: string;
  owner: string;
  roles: TrustRole[];
  /** Comma-separated environment names; empty for all. */
  environments: string;
}

export function emptyAddKeyDraft(): AddKeyDraft {
  return { publicKey: '', owner: '', roles: ['approver'], environments: '' };
}

export type AddKeyProblems = Partial<Record<'publicKey' | 'owner' | 'roles' | 'environments', string>>;

export function environmentList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** What is plainly missing from the form; the service still checks the key itself. */
export function addKeyProblems(draft: AddKeyDraft): AddKeyProblems {
  const problems: AddKeyProblems = {};
  const pem = draft.publicKey.trim();
  if (pem === '') problems.publicKey = 'Paste the public key your teammate sent you';
  else if (!pem.startsWith('-----BEGIN PUBLIC KEY-----') || !pem.endsWith('-----END PUBLIC KEY-----')) {
    problems.publicKey =
      'A public key starts with -----BEGIN PUBLIC KEY----- and ends with -----END PUBLIC KEY-----';
  }
  if (draft.owner.trim() === '') problems.owner = 'Name who holds the key';
  if (draft.roles.length === 0) problems.roles = 'Choose at least one role';
  const invalid = environmentList(draft.environments).filter(
    (name) => !environmentNameSchema.safeParse(name).success,
  );
  if (invalid.length > 0) problems.environments = `Not an environment name: ${invalid.join(', ')}`;
  return problems;
}

export function toggleRole(roles: readonly TrustRole[], role: TrustRole): TrustRole[] {
  return roles.includes(role)
    ? roles.filter((item) => item !== role)
    : ROLES.filter((item) => item === role || roles.includes(item));
}

import type { TrustedKey } from '../../../../shared/model/trust';
import type {
  AuthorshipWire,
  TrustedKeyWire,
  TrustProposeResultWire,
  TrustStatusWire,
} from '../../../../shared/model/trust-wire';
import type { Authorship } from '../../../services/approvals/authorship-service';
import type { IdentityServices } from '../../../services/identity/identity-services';
import type { ProposeResult, TrustStatus } from '../../../services/identity/trust-store';
import type { ChannelHandlers } from '../dispatcher';

type TrustChannels =
  | 'trust.status'
  | 'trust.init'
  | 'trust.addKey'
  | 'trust.revoke'
  | 'trust.setThreshold'
  | 'trust.sign'
  | 'trust.withdraw'
  | 'trust.pin'
  | 'changesets.authorship'
  | 'changesets.signAsAuthor';

/** The trust root and author signature channels onto their services; no behaviour here. */
export function createTrustHandlers(identity: IdentityServices): Pick<ChannelHandlers, TrustChannels> {
  const { trust, authorship } = identity;
  return {
    'trust.status': async () => statusWire(await trust.status()),
    'trust.init': async () => proposeWire(await trust.init()),
    'trust.addKey': async ({ publicKey, owner, roles, environments, notBefore, notAfter, groups }) =>
      proposeWire(
        await trust.add(publicKey, {
          owner,
          roles,
          environments,
          ...(groups !== undefined ? { groups } : {}),
          ...(notBefore !== undefined ? { notBefore } : {}),
          ...(notAfter !== undefined ? { notAfter } : {}),
        }),
      ),
    'trust.revoke': async ({ keyId, reason }) => proposeWire(await trust.revoke(keyId, reason)),
    'trust.setThreshold': async ({ threshold }) => proposeWire(await trust.setThreshold(threshold)),
    'trust.sign': async ({ version }) => proposeWire(await trust.sign(version)),
    'trust.withdraw': ({ version }) => trust.withdraw(version),
    'trust.pin': async ({ fingerprint }) => statusWire(await trust.pin(fingerprint)),
    'changesets.authorship': async ({ changesetId }) =>
      authorshipWire(await authorship.authorship(changesetId)),
    'changesets.signAsAuthor': async ({ changesetId }) =>
      authorshipWire((await authorship.sign(changesetId)).authorship),
  };
}

/** The public view of a trusted key: its id, owner and grant (the PEM stays in the workspace). */
function keyWire(key: TrustedKey): TrustedKeyWire {
  return {
    keyId: key.keyId,
    owner: key.owner,
    roles: key.roles,
    environments: key.environments,
    ...(key.notBefore !== undefined ? { notBefore: key.notBefore } : {}),
    ...(key.notAfter !== undefined ? { notAfter: key.notAfter } : {}),
    ...(key.revokedAt !== undefined ? { revokedAt: key.revokedAt } : {}),
    ...(key.revokedReason !== undefined ? { revokedReason: key.revokedReason } : {}),
    ...(key.groups !== undefined ? { groups: key.groups } : {}),
  };
}

function statusWire(status: TrustStatus): TrustStatusWire {
  return {
    state: status.state,
    version: status.version,
    fingerprint: status.fingerprint,
    pinned: status.pinned,
    pinnedNow: status.pinnedNow,
    adminThreshold: status.adminThreshold,
    admins: status.admins,
    keys: status.keys.map(keyWire),
    environments: status.environments,
    proposals: status.proposals.map((proposal) => ({
      version: proposal.version,
      file: proposal.file,
      summary: proposal.summary,
      changes: proposal.changes,
      proposedBy: proposal.proposedBy,
      createdAt: proposal.createdAt,
      signedBy: proposal.signedBy,
      needs: proposal.needs,
      applicable: proposal.applicable,
    })),
  };
}

function proposeWire(result: ProposeResult): TrustProposeResultWire {
  return {
    version: result.version,
    applied: result.applied,
    file: result.file,
    commit: result.commit,
    summary: result.summary,
    needs: result.needs,
  };
}

function authorshipWire(authorship: Authorship): AuthorshipWire {
  return { digest: authorship.digest, authors: authorship.authors, signatures: authorship.signatures };
}
